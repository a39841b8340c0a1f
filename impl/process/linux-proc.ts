import * as fs from 'node:fs';

/**
 * What Linux's /proc says about processes: used where Node's own view lags behind the kernel's
 * (a child that has exited but whose exit event has not been delivered yet is a zombie here at
 * once) and to find every member of a process group. Other systems have no /proc: every
 * function then answers "unknown" (undefined / empty) and callers fall back to Node's events.
 */

export interface ProcStat {
  pid: number;
  /** R running, S sleeping, D disk, Z zombie, T stopped, ... (proc(5)). */
  state: string;
  ppid: number;
  pgrp: number;
  /** For a zombie: its exit status as waitpid(2) reports it (Linux >= 3.5). */
  waitStatus?: number;
}

export function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may itself contain spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).trim().split(' ');
  const waitStatus = fields.length > 49 ? Number(fields[49]) : undefined;
  return {
    pid,
    state: fields[0],
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
    ...(waitStatus === undefined || Number.isNaN(waitStatus) ? {} : { waitStatus }),
  };
}

/** Whether /proc is there to ask. */
export function procAvailable(): boolean {
  return fs.existsSync('/proc/self/stat');
}

/** Every process the kernel lists, by pid. */
export function allPids(): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** Processes of a process group that have not exited (zombies excluded). */
export function liveGroupMembers(pgrp: number): ProcStat[] {
  return allPids()
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined && s.pgrp === pgrp && s.state !== 'Z');
}

/** True when the process is gone or a zombie (exited, not yet reaped); undefined without /proc. */
export function hasExited(pid: number): boolean | undefined {
  if (!procAvailable()) return undefined;
  const stat = readStat(pid);
  return stat === undefined || stat.state === 'Z';
}

/** A zombie's exit as multiprocessing reports it: the code, or minus the signal number. */
export function zombieExitCode(pid: number): number | undefined {
  const stat = readStat(pid);
  if (stat?.state !== 'Z' || stat.waitStatus === undefined) return undefined;
  const signal = stat.waitStatus & 0x7f;
  return signal === 0 ? (stat.waitStatus >> 8) & 0xff : -signal;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread until the process has exited (or `timeoutMs` passes); returns whether it did. */
export function waitForExitSync(pid: number, timeoutMs: number): boolean {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const exited = hasExited(pid);
    if (exited === undefined) return false;
    if (exited) return true;
    if (Date.now() >= until) return false;
    Atomics.wait(sleeper, 0, 0, 2);
  }
}
