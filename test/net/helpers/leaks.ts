import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Kinds of handle a networking test may leave behind by mistake. */
const WATCHED = new Set(['TCPSocketWrap', 'TCPServerWrap', 'TCPWrap', 'UDPWrap', 'Timeout', 'PipeWrap', 'ProcessWrap']);

export interface ResourceSnapshot {
  fds: number;
  /** What each fd is (`socket:[123]`, `pipe:[45]`, a path), to name a leak rather than count it. */
  fdTargets: Record<string, string>;
  handles: Record<string, number>;
}

export function openFds(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

function fdTargets(): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      targets[fd] = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      // Closed between the listing and the read (the listing's own fd, for one).
    }
  }
  return targets;
}

/**
 * tsx's compile cache (`<tmpdir>/tsx-<uid>`): the module loader opens it the first time a worker
 * thread or child compiles a file, at a moment no test controls, and keeps it. It is the
 * loader's, not the code under test's, so it is not counted.
 */
const LOADER_CACHE = path.join(os.tmpdir(), 'tsx-');

export function snapshot(): ResourceSnapshot {
  const handles: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED.has(kind)) handles[kind] = (handles[kind] ?? 0) + 1;
  }
  const targets = Object.fromEntries(Object.entries(fdTargets()).filter(([, target]) => !target.startsWith(LOADER_CACHE)));
  return { fds: Object.keys(targets).length, fdTargets: targets, handles };
}

/**
 * Waits (up to `deadlineMs`) for the process to hold no more fds or watched handles than
 * `before`: closing is asynchronous, so "eventually back to the baseline" is the leak test.
 * Returns the last snapshot, for the assertion.
 */
export async function settledBackTo(before: ResourceSnapshot, deadlineMs = 3000): Promise<ResourceSnapshot> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const now = snapshot();
    const back = now.fds <= before.fds && Object.entries(now.handles).every(([k, n]) => n <= (before.handles[k] ?? 0));
    if (back || Date.now() > until) return now;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** For `expect(await settledBackTo(before)).toEqual(noMoreThan(before))`-style checks. */
export function leakReport(before: ResourceSnapshot, after: ResourceSnapshot): string[] {
  const problems: string[] = [];
  if (after.fds > before.fds) {
    const added = Object.entries(after.fdTargets).filter(([fd, target]) => before.fdTargets[fd] !== target);
    problems.push(`${after.fds - before.fds} more open fds (${added.map(([fd, target]) => `${fd} → ${target}`).join(', ')})`);
  }
  for (const [kind, n] of Object.entries(after.handles)) {
    if (n > (before.handles[kind] ?? 0)) problems.push(`${n - (before.handles[kind] ?? 0)} more ${kind}`);
  }
  return problems;
}

export async function expectNoLeaks(before: ResourceSnapshot): Promise<void> {
  const after = await settledBackTo(before);
  if (leakReport(before, after).length > 0) throw new Error(`resources left behind: ${leakReport(before, after).join(', ')}`);
}
