/**
 * socketserver's UDP handler gets `self.request == (data, socket)` and answers with
 * `socket.sendto(data.upper(), self.client_address)`: each of two clients gets its own datagram
 * upper-cased, from the server's address, and the handler's client_address (identity query,
 * when offered) is the client's own.
 */
import * as dgram from 'node:dgram';
import type { Json } from '../scenario/model';
import { withDeadline } from './probe-client';
import type { ProbeOptions, ProbeResult, Target } from './probe-result';

export interface DatagramExchange {
  client: string;
  sent: string;
  reply: string | null;
  from: string | null;
}

async function udpClient(host: string): Promise<dgram.Socket> {
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve());
  });
  return socket;
}

async function ask(socket: dgram.Socket, [host, port]: Target, message: Buffer, timeout: number): Promise<{ reply: Buffer; from: string }> {
  const answer = new Promise<{ reply: Buffer; from: string }>((resolve) => socket.once('message', (reply, rinfo) => resolve({ reply, from: `${rinfo.address}:${rinfo.port}` })));
  socket.send(message, port, host);
  return withDeadline(answer, timeout);
}

export async function probeUdpRequestPair(target: Target, info: { [key: string]: Json }, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeout = options.timeout ?? 5;
  const clients = [await udpClient(target[0]), await udpClient(target[0])];
  const exchanges: DatagramExchange[] = [];
  try {
    for (const [i, socket] of clients.entries()) {
      const own = socket.address();
      const client = `${own.address}:${own.port}`;
      const sent = `datagram from client ${i + 1}`;
      try {
        const { reply, from } = await ask(socket, target, Buffer.from(sent), timeout);
        exchanges.push({ client, sent, reply: reply.toString('latin1'), from });
        if (typeof info['whoamiQuery'] === 'string') {
          const who = await ask(socket, target, Buffer.from(info['whoamiQuery'], 'latin1'), timeout);
          exchanges.push({ client, sent: 'identity query', reply: who.reply.toString('utf8').trim(), from: who.from });
        }
      } catch (error) {
        exchanges.push({ client, sent, reply: null, from: null });
        void error;
      }
    }
  } finally {
    for (const socket of clients) socket.close();
  }
  return judgeUdpRequestPair(exchanges, `${target[0]}:${target[1]}`);
}

export function judgeUdpRequestPair(exchanges: DatagramExchange[], server: string): ProbeResult {
  const probe = 'udp-request-pair';
  const evidence = { exchanges: exchanges as unknown as Json, server };
  for (const e of exchanges) {
    if (e.reply === null) return { probe, verdict: 'fail', message: `client ${e.client} got no answer to ${JSON.stringify(e.sent)}`, evidence };
    if (e.from !== server) return { probe, verdict: 'fail', message: `the answer came from ${e.from}, not from the server socket ${server}`, evidence };
    if (e.sent === 'identity query') {
      const seen = (JSON.parse(e.reply) as { client_address: [string, number] }).client_address.join(':');
      if (seen !== e.client) return { probe, verdict: 'fail', message: `the handler's client_address was ${seen}, the client is ${e.client}`, evidence };
    } else if (e.reply !== e.sent.toUpperCase()) return { probe, verdict: 'fail', message: `client ${e.client} sent ${JSON.stringify(e.sent)} and got ${JSON.stringify(e.reply)}`, evidence };
  }
  return { probe, verdict: 'pass', message: 'each client got its own datagram upper-cased, sent from the server socket to its client_address', evidence };
}
