/**
 * Who served me? An echo-upper server that answers a query (`whoamiQuery` in the target's info)
 * with one JSON line — `self.client_address`, its pid and thread — lets a probe see from outside
 * whether `client_address` is the client's own address (socketserver.request-is-conn) and whether
 * concurrent connections run in processes of their own (socketserver.forking-per-process).
 */
import type { Json } from '../scenario/model';
import { attempt, connectTo, exchange } from './probe-client';
import type { ProbeOptions, ProbeResult, Target } from './probe-result';
import type { StreamConnection } from '../../impl/net/stream-connection';

export interface ServedBy {
  client_address: [string, number];
  pid: number;
  thread: number;
}

/** Sends the query and reads the one JSON line that answers it. */
export async function askWhoServes(conn: StreamConnection, query: Uint8Array, timeout: number): Promise<ServedBy> {
  await conn.sendall(query);
  let line = Buffer.alloc(0);
  while (!line.includes(0x0a)) {
    const chunk = await conn.recv(1024, { timeout });
    if (chunk.length === 0) throw new Error('the server closed the connection before answering the identity query');
    line = Buffer.concat([line, chunk]);
  }
  const parsed = JSON.parse(line.subarray(0, line.indexOf(0x0a)).toString('utf8')) as ServedBy;
  if (!Array.isArray(parsed.client_address) || typeof parsed.pid !== 'number') throw new Error(`not an identity line: ${line.toString('utf8').slice(0, 80)}`);
  return parsed;
}

function queryOf(info: { [key: string]: Json }): Buffer | null {
  return typeof info['whoamiQuery'] === 'string' ? Buffer.from(info['whoamiQuery'], 'latin1') : null;
}

const noQuery = (probe: string): ProbeResult => ({ probe, verdict: 'unsupported', message: 'the server offers no identity query (whoamiQuery)', evidence: null });

/**
 * `self.request` is the client's connection and `self.client_address` its address: an echo
 * travels through the request, and the address the handler reports is the client's own
 * getsockname().
 */
export async function probeRequestIsConn(target: Target, info: { [key: string]: Json }, options: ProbeOptions = {}): Promise<ProbeResult> {
  const probe = 'request-is-conn';
  const timeout = options.timeout ?? 10;
  const query = queryOf(info);
  if (query === null) return noQuery(probe);
  const connected = await attempt(() => connectTo(target, timeout));
  if (!connected.ok) return { probe, verdict: 'fail', message: `cannot connect: ${connected.error}`, evidence: null };
  const conn = connected.value;
  try {
    const own = conn.getsockname();
    const echo = await attempt(() => exchange(conn, Buffer.from('through self.request'), timeout));
    const served = await attempt(() => askWhoServes(conn, query, timeout));
    if (!echo.ok || !served.ok) return { probe, verdict: 'inconclusive', message: `the server did not answer: ${!echo.ok ? echo.error : !served.ok ? served.error : ''}`, evidence: null };
    return judgeRequestIsConn(own, echo.value.toString('latin1'), served.value.client_address);
  } finally {
    conn.close();
  }
}

export function judgeRequestIsConn(own: [string, number], echoed: string, clientAddress: [string, number]): ProbeResult {
  const probe = 'request-is-conn';
  const evidence = { own: own.join(':'), client_address: clientAddress.join(':'), echoed };
  if (echoed !== 'THROUGH SELF.REQUEST') return { probe, verdict: 'fail', message: `the handler's reply through self.request was ${JSON.stringify(echoed)}`, evidence };
  const same = clientAddress[0] === own[0] && clientAddress[1] === own[1];
  return {
    probe,
    verdict: same ? 'pass' : 'fail',
    message: same ? `the handler answered through self.request, and its client_address ${clientAddress.join(':')} is the client's own address` : `the handler's client_address ${clientAddress.join(':')} is not the client's address ${own.join(':')}`,
    evidence,
  };
}

/**
 * ForkingTCPServer: two clients connected at the same time are each answered by a process of
 * its own, neither the accepting one (`pid` in the target's info, when known).
 */
export async function probeProcessPerConnection(target: Target, info: { [key: string]: Json }, options: ProbeOptions = {}): Promise<ProbeResult> {
  const probe = 'process-per-connection';
  const timeout = options.timeout ?? 20;
  const query = queryOf(info);
  if (query === null) return noQuery(probe);
  const conns: StreamConnection[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const c = await attempt(() => connectTo(target, timeout));
      if (!c.ok) return { probe, verdict: 'fail', message: `client ${i + 1} cannot connect: ${c.error}`, evidence: null };
      conns.push(c.value);
    }
    // Both stay connected while both ask: a serial server never answers the second.
    const served = await Promise.all(conns.map((c) => attempt(() => askWhoServes(c, query, timeout))));
    const failed = served.find((s) => !s.ok);
    if (failed !== undefined && !failed.ok) return { probe, verdict: served[0]!.ok ? 'fail' : 'inconclusive', message: `a client connected alongside another was not answered: ${failed.error}`, evidence: null };
    return judgeSeparateProcesses(served.map((s) => (s.ok ? s.value : null)!), typeof info['pid'] === 'number' ? info['pid'] : null);
  } finally {
    for (const c of conns) c.close();
  }
}

export function judgeSeparateProcesses(served: ServedBy[], serverPid: number | null): ProbeResult {
  const probe = 'process-per-connection';
  const pids = served.map((s) => s.pid);
  const evidence = { handlerPids: pids, serverPid };
  if (new Set(pids).size !== pids.length) return { probe, verdict: 'fail', message: `connections open at the same time were served by the same process (pid ${pids.join(', ')})`, evidence };
  if (serverPid !== null && pids.includes(serverPid)) return { probe, verdict: 'fail', message: `a connection was served in the accepting process itself (pid ${serverPid})`, evidence };
  return { probe, verdict: 'pass', message: `two concurrent connections were served by processes ${pids.join(' and ')}${serverPid === null ? '' : `, neither the server's ${serverPid}`}`, evidence };
}
