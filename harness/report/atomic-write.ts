import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a file so that readers only ever see the old content or the whole new content: the
 * data goes to a temporary file in the same directory (same file system, so rename is atomic)
 * and is renamed over the target. An interrupted run therefore never leaves half a report.
 */
export async function writeFileAtomic(target: string, data: string): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, data, 'utf8');
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}
