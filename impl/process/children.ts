import { runtime, slot, type ChildRecord } from './runtime';
import { waitForExitSync } from './linux-proc';

/**
 * What a process does about its children when it ends, as CPython's exit handler does: daemonic
 * children are terminated (and waited for), non-daemonic ones are waited for. `finishChildren`
 * is the orderly version (the end of runMain, the end of a child's run()); the 'exit' hook is
 * the last resort when the process ends some other way (its event loop ran dry, process.exit),
 * where nothing asynchronous can run any more and waiting means polling /proc.
 */

/** How long the exit hook waits for a terminated daemonic child before killing it. */
const DAEMON_GRACE_MS = 3_000;
/** How long the exit hook waits for non-daemonic children (CPython waits forever). */
const JOIN_AT_EXIT_MS = 10_000;

export function liveChildren(): ChildRecord[] {
  return [...runtime().children].filter((c) => !c.exited());
}

export async function finishChildren(): Promise<void> {
  const children = liveChildren();
  for (const child of children) if (child.daemon) child.terminate();
  await Promise.all(children.map((c) => c.wait()));
}

export function installExitHook(): void {
  slot('exit-hook', () => {
    process.on('exit', () => {
      const children = liveChildren();
      for (const child of children) if (child.daemon) child.terminate();
      for (const child of children) {
        if (waitForExitSync(child.pid, child.daemon ? DAEMON_GRACE_MS : JOIN_AT_EXIT_MS)) continue;
        if (child.daemon) {
          try {
            process.kill(child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
    });
    return true;
  });
}
