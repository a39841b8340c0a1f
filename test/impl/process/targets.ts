import { setTimeout as delay } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { current_process, Process, Queue, type Event, type JoinableQueue, type Lock, type RLock, type Semaphore } from '../../../impl/process';
import type { Lock as ThreadLock } from '../../../impl';

/**
 * Functions the process tests start processes, pool tasks and threads on. Targets cross
 * process boundaries by reference, so they live in a module of their own, exported.
 */

export let moduleGlobal = 100;

export async function report(q: Queue<unknown>, value: unknown): Promise<void> {
  await q.put(value);
}

/** Sends back a queue that lives in this (child) process. */
export async function sendOwnQueue(q: Queue<unknown>): Promise<void> {
  await q.put(new Queue());
}

export async function whoAmI(q: Queue<unknown>): Promise<void> {
  await q.put({ pid: process.pid, name: current_process().name, daemon: current_process().daemon });
}

export async function holdLock(lock: Lock, holding: Event, release: Event): Promise<void> {
  await lock.acquire();
  await holding.set();
  await release.wait();
  await lock.release();
}

export async function releaseForeignRLock(lock: RLock, q: Queue<unknown>): Promise<void> {
  try {
    await lock.release();
    await q.put('released');
  } catch (e) {
    await q.put((e as Error).name);
  }
}

export async function releaseSemaphore(sem: Semaphore): Promise<void> {
  await sem.release();
}

export async function waitForEvent(e: Event, q: Queue<unknown>): Promise<void> {
  await q.put('waiting');
  await q.put(await e.wait());
}

export async function putAll(q: Queue<unknown>, items: unknown[]): Promise<void> {
  for (const item of items) await q.put(item);
}

export async function consumeAll(q: JoinableQueue<unknown>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await q.get();
    await delay(10);
    await q.task_done();
  }
}

export async function sleepMs(ms: number): Promise<void> {
  await delay(ms);
}

export function raises(): void {
  throw new TypeError('task failed on purpose');
}

export function exitAbruptly(code: number): void {
  process.exit(code);
}

export async function setGlobal(q: Queue<unknown>): Promise<void> {
  moduleGlobal = 0;
  await q.put(moduleGlobal);
}

export async function mutate(list: number[], q: Queue<unknown>): Promise<void> {
  list.push(99);
  await q.put(list);
}

export async function startChild(q: Queue<unknown>): Promise<void> {
  try {
    new Process({ target: sleepMs, args: [1] }).start();
    await q.put('started');
  } catch (e) {
    await q.put(`${(e as Error).name}: ${(e as Error).message}`);
  }
}

export function plus100(i: number): number {
  return i + 100;
}

export function pidOf(): number {
  return process.pid;
}

export async function slowPid(ms: number): Promise<number> {
  await delay(ms);
  return process.pid;
}

export function threadIdOf(): number {
  return threadId;
}

export function useThreadLock(lock: ThreadLock): boolean {
  // The same lock as the caller's: held there, so a non-blocking acquire here fails.
  return lock.acquire(false);
}

export class Greeter extends Process {
  constructor(
    readonly q: Queue<unknown>,
    readonly greeting: string,
  ) {
    super();
  }

  override async run(): Promise<void> {
    await this.q.put(`${this.greeting} from ${this.name}`);
  }
}

export async function echoOnce(conn: import('../../../impl/process').Connection): Promise<void> {
  const got = await conn.recv();
  await conn.send({ echoed: got });
  await conn.close();
}

export async function appendThrough(list: import('../../../impl/process').ListProxy<number>, dict: import('../../../impl/process').DictProxy<string>): Promise<void> {
  await list.append(7);
  await dict.set('from', 'child');
}
