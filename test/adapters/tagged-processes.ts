import * as fs from 'node:fs';

/**
 * Counting what a test started, wherever it ended up (another process group or session, adopted
 * by init): every process inherits `CONFORM_LEAK_TAG=<tag>` from the adapter started with it,
 * so /proc tells them apart. Zombies have ended and hold nothing, so they do not count.
 */

export const LEAK_TAG_VARIABLE = 'CONFORM_LEAK_TAG';

export interface TaggedProcess {
  pid: number;
  cmdline: string;
}

export function taggedProcesses(tag: string): TaggedProcess[] {
  const needle = `${LEAK_TAG_VARIABLE}=${tag}`;
  const found: TaggedProcess[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))) continue;
      if (!fs.readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(needle)) continue;
      found.push({ pid: Number(name), cmdline: fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

export async function eventually(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}
