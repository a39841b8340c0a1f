/**
 * What a connection costs a server: the time from connect to the first answer, then close, for
 * one connection after another. Two servers are measured in alternation (A, B, A, B, ...) so that
 * a burst of load on the shared machine hits both; checks compare the two within the run.
 */
import { connectTo, exchange } from './probe-client';
import type { Target } from './probe-result';

export interface ConnectionCosts {
  /** Milliseconds per connection, in order, for each server. */
  server: number[];
  baseline: number[];
}

async function oneConnection(target: Target, timeout: number): Promise<number> {
  const start = performance.now();
  const conn = await connectTo(target, timeout);
  try {
    await exchange(conn, Buffer.from('cost'), timeout);
  } finally {
    conn.close();
  }
  return performance.now() - start;
}

export async function measureConnectionCosts(server: Target, baseline: Target, rounds: number, timeout = 30): Promise<ConnectionCosts> {
  const costs: ConnectionCosts = { server: [], baseline: [] };
  for (let i = 0; i < rounds; i++) {
    costs.server.push(await oneConnection(server, timeout));
    costs.baseline.push(await oneConnection(baseline, timeout));
  }
  return costs;
}

/** Per-exchange time on one connection, and the time to serve `clients` connections at once. */
export interface ScaleTimes {
  perExchangeMs: number;
  manyClientsMs: number;
}

export async function measureScale(target: Target, exchanges: number, clients: number, timeout = 60): Promise<ScaleTimes> {
  const conn = await connectTo(target, timeout);
  let perExchangeMs: number;
  try {
    await exchange(conn, Buffer.from('warm-up'), timeout);
    const start = performance.now();
    for (let i = 0; i < exchanges; i++) await exchange(conn, Buffer.from(`exchange ${i}`), timeout);
    perExchangeMs = (performance.now() - start) / exchanges;
  } finally {
    conn.close();
  }
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const c = await connectTo(target, timeout);
      try {
        await exchange(c, Buffer.from(`client ${i}`), timeout);
      } finally {
        c.close();
      }
    }),
  );
  return { perExchangeMs, manyClientsMs: performance.now() - start };
}
