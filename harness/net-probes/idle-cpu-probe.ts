/**
 * How much CPU a server burns while it waits: a client connects and stays silent, and the
 * server process's CPU time (utime + stime from /proc/<pid>/stat, Linux) is read before and
 * after a wait. A server blocked in select/epoll sleeps; one that polls in a loop spends the
 * wait on the CPU.
 */
import { promises as fs } from 'node:fs';
import { connectTo } from './probe-client';
import type { Target } from './probe-result';

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds the process has used, from /proc/<pid>/stat. */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

export interface IdleUsage {
  wallSeconds: number;
  cpuSeconds: number;
}

export async function measureIdleCpu(target: Target, pid: number, waitMs: number, timeout = 10): Promise<IdleUsage> {
  const conn = await connectTo(target, timeout);
  try {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cpuBefore = await cpuSecondsOf(pid);
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    const cpuAfter = await cpuSecondsOf(pid);
    return { wallSeconds: (performance.now() - start) / 1000, cpuSeconds: cpuAfter - cpuBefore };
  } finally {
    conn.close();
  }
}
