import { threadId } from 'node:worker_threads';

/**
 * A gevent-like cooperative scheduler on the one thread it is called from. `spawn` queues a
 * task (a generator function); `joinall` runs the hub until the given tasks have returned.
 * A task gives up the thread only where it yields: `yield* sleep(s)` parks it until the time
 * is up and runs the others meanwhile, so tasks that sleep together take about the longest
 * sleep, not the sum. `yield* time.sleep(s)` blocks the thread and yields nothing, so it
 * serialises them, until `monkey.patch_all()` makes `time.sleep` the cooperative sleep, as
 * gevent's monkey patching does. When no task is ready, the hub itself blocks the thread until
 * the next timer, or in short polls while a task waits for I/O done elsewhere (hub-requests.ts):
 * it does not rely on Node's event loop, which a blocked task would stall anyway.
 */

/** What a task yields: a time to sleep, or a shared cell that another thread sets to 1 when the task may go on. */
export type Wait = { readonly sleepMs: number } | { readonly until: Int32Array };

export type TaskBody = (...args: never[]) => Generator<Wait, unknown, unknown>;

export class Task {
  private static spawned = 0;
  readonly id = ++Task.spawned;
  dead = false;
  value: unknown = null;
  /** The dummy thread name current_thread() gives this task under monkey patching. */
  dummyName: string | undefined;
  readonly body: Generator<Wait, unknown, unknown>;

  constructor(run: TaskBody, args: unknown[]) {
    this.body = (run as (...a: unknown[]) => Generator<Wait, unknown, unknown>)(...args);
  }
}

interface Timer {
  at: number;
  seq: number;
  task: Task;
}

const ready: Task[] = [];
const ioWaits: { until: Int32Array; task: Task }[] = [];
const timers: Timer[] = [];
let timerSeq = 0;
let current: Task | undefined;
let patched = false;
let dummies = 0;
/** How often an idle hub looks at pending I/O (it has no poller to wake it). */
const IO_POLL_MS = 1;

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function blockFor(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function spawn(run: TaskBody, ...args: unknown[]): Task {
  const task = new Task(run, args);
  ready.push(task);
  return task;
}

/** Parks the task until `cell[0]` becomes 1 (for I/O done elsewhere: hub-requests.ts). */
export function ioWait(cell: Int32Array): Wait {
  return { until: cell };
}

/** Whether monkey.patch_all() has made the blocking calls cooperative. */
export function isPatched(): boolean {
  return patched;
}

/** gevent.sleep(seconds): switches to the other tasks until the time is up. */
export function* sleep(seconds: number): Generator<Wait, void, unknown> {
  yield { sleepMs: seconds * 1000 };
}

function* blockingSleep(seconds: number): Generator<Wait, void, unknown> {
  blockFor(seconds * 1000);
}

/** The `time` module as the tasks see it: its sleep blocks until monkey patching. */
export const time = { sleep: blockingSleep };

export const monkey = {
  patch_all(): void {
    patched = true;
    time.sleep = sleep;
  },
};

/** Undoes patch_all (for tests and programs that compare both within one process). */
export function unpatchAll(): void {
  patched = false;
  time.sleep = blockingSleep;
}

function step(task: Task): void {
  current = task;
  try {
    const result = task.body.next();
    if (result.done === true) {
      task.dead = true;
      task.value = result.value;
    } else if ('until' in result.value) {
      ioWaits.push({ until: result.value.until, task });
    } else {
      timers.push({ at: nowMs() + result.value.sleepMs, seq: ++timerSeq, task });
    }
  } finally {
    current = undefined;
  }
}

function wakeDue(): void {
  timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const now = nowMs();
  while (timers.length > 0 && timers[0].at <= now) ready.push(timers.shift()!.task);
  for (let i = 0; i < ioWaits.length; ) {
    if (Atomics.load(ioWaits[i].until, 0) === 1) ready.push(ioWaits.splice(i, 1)[0].task);
    else i++;
  }
}

/** How long the hub may block before something could be ready: until the next timer, or a poll for I/O. */
function idleMs(): number {
  const untilTimer = timers.length === 0 ? Infinity : Math.ceil(timers[0].at - nowMs());
  return Math.min(untilTimer, ioWaits.length === 0 ? Infinity : IO_POLL_MS);
}

/** gevent.joinall(tasks): runs the hub until every task has returned. */
export function joinall(tasks: Task[]): void {
  while (tasks.some((t) => !t.dead)) {
    wakeDue();
    const task = ready.shift();
    if (task !== undefined) {
      if (!task.dead) step(task);
      continue;
    }
    const idle = idleMs();
    if (idle === Infinity) throw new Error('joinall: the remaining tasks wait for nothing that can wake them');
    blockFor(idle);
  }
}

/** threading.current_thread().name: MainThread, or under monkey patching a task's dummy thread. */
export function currentThreadName(): string {
  if (!patched || current === undefined) return 'MainThread';
  current.dummyName ??= `Dummy-${++dummies}`;
  return current.dummyName;
}

/** The OS-level thread the caller runs on (Node's thread id: 0 for the main thread). */
export function osThreadId(): number {
  return threadId;
}
