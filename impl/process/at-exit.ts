import { slot } from './runtime';

/**
 * Work a process must finish before it ends, as CPython's threading._register_atexit: an
 * executor that was never shut down still completes what was submitted to it. runMain and a
 * child's end run these hooks (in reverse order of registration) before finishing children.
 */

type Hook = () => Promise<void>;

function hooks(): Set<Hook> {
  return slot('at-exit-hooks', () => new Set<Hook>());
}

export function registerAtExit(hook: Hook): () => void {
  hooks().add(hook);
  return () => hooks().delete(hook);
}

export async function runAtExitHooks(): Promise<void> {
  for (const hook of [...hooks()].reverse()) {
    hooks().delete(hook);
    await hook();
  }
}
