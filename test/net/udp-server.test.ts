// socketserver.UDPServer: each datagram is a request whose self.request is (data, socket).
import * as dgram from 'node:dgram';
import { type DatagramRequest, type HandlerErrorReport, type RequestHandlerClass, RAISE_TRIGGER, UDPServer, UdpEchoUpperHandler } from '../../impl/net/socketserver';
import { expectNoLeaks, snapshot } from './helpers/leaks';

interface Client {
  send(data: string | Buffer): Promise<void>;
  /** The next datagram and who sent it, or null after `ms`. */
  receive(ms?: number): Promise<{ data: Buffer; from: [string, number] } | null>;
  close(): Promise<void>;
}

async function udpClient(port: number): Promise<Client> {
  const socket = dgram.createSocket('udp4');
  const inbox: { data: Buffer; from: [string, number] }[] = [];
  let wake: (() => void) | null = null;
  socket.on('message', (data, rinfo) => {
    inbox.push({ data, from: [rinfo.address, rinfo.port] });
    wake?.();
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    send: (data) => new Promise((resolve, reject) => socket.send(data, port, '127.0.0.1', (e) => (e ? reject(e) : resolve()))),
    receive: async (ms = 10_000) => {
      if (inbox.length === 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, ms);
        });
        clearTimeout(timer);
        wake = null;
      }
      return inbox.shift() ?? null;
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

async function startServer(Handler: RequestHandlerClass<DatagramRequest> = UdpEchoUpperHandler) {
  const errors: HandlerErrorReport[] = [];
  const server = new UDPServer(['127.0.0.1', 0], Handler, { handleError: (r) => errors.push(r) });
  await server.server_activate();
  const serving = server.serve_forever();
  return {
    server,
    port: server.server_address[1],
    errors,
    stop: async () => {
      await server.shutdown();
      await server.server_close();
      await serving;
    },
  };
}

test('self.request is (data, socket): the handler replies with request[1].sendto(data.upper(), client_address)', async () => {
  const before = snapshot();
  const seen: { data: string; hasSendto: boolean; client: [string, number] }[] = [];
  class Inspecting extends UdpEchoUpperHandler {
    override async handle(): Promise<void> {
      seen.push({ data: this.request[0].toString(), hasSendto: typeof this.request[1].sendto === 'function', client: this.client_address });
      await super.handle();
    }
  }
  const { port, stop } = await startServer(Inspecting);
  const client = await udpClient(port);
  await client.send('hello udp');
  const reply = await client.receive();
  expect(reply?.data.toString()).toBe('HELLO UDP');
  expect(reply?.from).toEqual(['127.0.0.1', port]);
  expect(seen).toEqual([{ data: 'hello udp', hasSendto: true, client: ['127.0.0.1', expect.any(Number)] }]);
  await client.close();
  await stop();
  await expectNoLeaks(before);
});

test('one socket serves many peers, each answered at its own address', async () => {
  const { port, stop } = await startServer();
  const clients = await Promise.all([1, 2, 3].map(() => udpClient(port)));
  await Promise.all(clients.map((c, i) => c.send(`peer ${i}`)));
  const replies = await Promise.all(clients.map((c) => c.receive()));
  expect(replies.map((r) => r?.data.toString())).toEqual(['PEER 0', 'PEER 1', 'PEER 2']);
  await Promise.all(clients.map((c) => c.close()));
  await stop();
});

test('an empty datagram is a request too, answered with an empty datagram', async () => {
  const { port, stop } = await startServer();
  const client = await udpClient(port);
  await client.send(Buffer.alloc(0));
  const reply = await client.receive();
  expect(reply?.data.length).toBe(0);
  await client.close();
  await stop();
});

test('an exception in the handler is reported and the server goes on serving', async () => {
  const { port, errors, stop } = await startServer();
  const client = await udpClient(port);
  await client.send(RAISE_TRIGGER);
  await client.send('after');
  expect((await client.receive())?.data.toString()).toBe('AFTER');
  expect(errors.map((e) => e.error.name)).toEqual(['HandlerTriggeredError']);
  await client.close();
  await stop();
});

test('datagrams longer than max_packet_size are cut to it, as recvfrom(8192) cuts them', async () => {
  const { server, port, stop } = await startServer();
  server.max_packet_size = 16;
  const client = await udpClient(port);
  await client.send('abcdefghijklmnopqrstuvwxyz');
  expect((await client.receive())?.data.toString()).toBe('ABCDEFGHIJKLMNOP');
  await client.close();
  await stop();
});
