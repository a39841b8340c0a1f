import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The installed version of an npm package, read from its package.json wherever Node would find
 * the package from here. The file is read directly because a package's `exports` may not expose
 * `./package.json` (p-queue does not).
 */
export function packageVersion(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const file = path.join(dir, name, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  throw new Error(`the npm package ${name} is not installed`);
}
