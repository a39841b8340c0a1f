import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Json } from '../../../scenario/model';
import { bundleCacheDir } from '../../../../impl/process/bundle';
import { liveGroupMembers } from '../../../../impl/process/linux-proc';

/**
 * The `program` op: runs an implementation's version of a documented example program as its
 * own process group and collects what it reports. The contract with the program
 * (docs/example-programs.md) is language-neutral: its arguments come as JSON in argv, it
 * appends one JSON record per line to the file named by CONFORM_TRACE_FILE, and it stamps each
 * record with milliseconds since CONFORM_CLOCK_ORIGIN_NS on CLOCK_MONOTONIC (the scenario's own
 * clock, so records and history events compare). When the program's main process exits, the
 * members of its process group still running are counted (`survivors`: children it left
 * behind), then the whole group is killed.
 */

export interface ProgramCommand {
  command: string;
  args: string[];
}

/** Maps a program name to the command that runs it, or undefined for a program not provided. */
export type ProgramLocator = (name: string, argsJson: string) => ProgramCommand | undefined;

export interface ProgramRequest {
  name: string;
  args: { [key: string]: Json };
  /**
   * Ends the program early (it is killed and the transcript says `timedOut`), counted from its
   * first record: how long a program takes to start varies far more than what it then does.
   */
  timeoutMs?: number;
  origin: bigint;
  /** Aborted when the run ends: the program is killed and nothing is returned. */
  signal: AbortSignal;
}

const OUTPUT_TAIL_BYTES = 4096;
const KILL_WAIT_MS = 5_000;

export class ProgramNotProvided extends Error {
  override readonly name = 'NotSupported';
}

export async function runProgram(locate: ProgramLocator, request: ProgramRequest): Promise<Json> {
  const argsJson = JSON.stringify(request.args);
  const located = /^[a-z0-9][a-z0-9-]*$/.test(request.name) ? locate(request.name, argsJson) : undefined;
  if (located === undefined) throw new ProgramNotProvided(`this implementation has no example program "${request.name}"`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-program-'));
  const traceFile = path.join(dir, 'trace.jsonl');
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  try {
    return await runIn(located, traceFile, tmp, request);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `tmp` becomes the program's TMPDIR: whatever it leaves there (killed processes leave files) goes with it. */
async function runIn(located: ProgramCommand, traceFile: string, tmp: string, request: ProgramRequest): Promise<Json> {
  const child = spawn(located.command, located.args, {
    // Its own process group, so that everything it starts can be found and killed.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CONFORM_TRACE_FILE: traceFile, CONFORM_CLOCK_ORIGIN_NS: request.origin.toString(), TMPDIR: tmp, CONFORM_BUNDLE_DIR: bundleCacheDir() },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start the program ${request.name}`);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout = (stdout + c.toString('utf8')).slice(-OUTPUT_TAIL_BYTES)));
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-OUTPUT_TAIL_BYTES)));
  child.on('error', () => undefined);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  let started: NodeJS.Timeout | undefined;
  const onAbort = () => killGroup(pid);
  request.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    if (request.timeoutMs !== undefined) {
      const timeoutMs = request.timeoutMs;
      // Wait for the first record before the timeout starts (a watch on the trace file's size).
      started = setInterval(() => {
        if (!hasRecords(traceFile)) return;
        clearInterval(started);
        timer = setTimeout(() => {
          timedOut = true;
          killGroup(pid);
        }, timeoutMs);
      }, 10);
    }
    const { code, signal } = await exit;
    clearInterval(started);
    clearTimeout(timer);
    const survivors = timedOut ? [] : liveGroupMembers(pid);
    await killGroupAndWait(pid);
    if (request.signal.aborted) throw new Error('the run ended while the program was running');
    return {
      pid,
      exitCode: code,
      signal,
      timedOut,
      survivors: survivors.length,
      records: readRecords(traceFile),
      stdout,
      stderr,
    };
  } finally {
    clearInterval(started);
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onAbort);
  }
}

function hasRecords(traceFile: string): boolean {
  try {
    return fs.statSync(traceFile).size > 0;
  } catch {
    return false;
  }
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // nobody left in the group
  }
}

async function killGroupAndWait(pgid: number): Promise<void> {
  killGroup(pgid);
  const until = Date.now() + KILL_WAIT_MS;
  while (liveGroupMembers(pgid).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
}

function readRecords(traceFile: string): Json[] {
  let text: string;
  try {
    text = fs.readFileSync(traceFile, 'utf8');
  } catch {
    return [];
  }
  const records: Json[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as Json);
    } catch {
      // a line cut short by a kill
    }
  }
  // Each process appends its own records; one list in clock order reads like one output.
  return records.sort((a, b) => recordTime(a) - recordTime(b));
}

function recordTime(record: Json): number {
  return typeof record === 'object' && record !== null && !Array.isArray(record) && typeof record.time === 'number' ? record.time : 0;
}
