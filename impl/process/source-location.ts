import { runtime } from './runtime';

/**
 * Where impl/process's source files are. Children are started on bundles of these files
 * (bundle.ts), and inside a bundle `__dirname` is the bundle's own directory, so a child learns
 * the real location from its parent before it needs it (to start children of its own).
 */
const SLOT = 'source-dir';

export function processSourceDir(): string {
  const { slots } = runtime();
  if (!slots.has(SLOT)) slots.set(SLOT, __dirname);
  return slots.get(SLOT) as string;
}

export function setProcessSourceDir(dir: string): void {
  runtime().slots.set(SLOT, dir);
}
