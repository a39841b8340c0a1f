import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { slot } from './runtime';

/**
 * Plain-JavaScript bundles of TypeScript modules, for child processes. A Node child cannot load
 * .ts by itself; registering tsx in every child costs ~180 ms of startup against ~70 ms for a
 * bundle, which matters for a program that starts a hundred processes. So the module a child
 * needs (the child bootstrap, the module defining its target) is bundled once with esbuild and
 * cached on disk, keyed by its path and checked against the size and mtime of every input
 * file, so an edit to any of them rebuilds it.
 *
 * esbuild runs in a short-lived child (execFileSync): its synchronous API in this process would
 * leave a helper thread and a service process behind, and start() must stay synchronous.
 */

interface InputStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

const BUILD_TIMEOUT_MS = 120_000;

const BUILD_SCRIPT = `
const p = JSON.parse(process.argv[1]);
const esbuild = require(p.esbuild);
const result = esbuild.buildSync({
  stdin: { contents: p.entry, resolveDir: p.resolveDir, sourcefile: 'conform-bundle-entry.js', loader: 'js' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: p.outfile,
  keepNames: true, metafile: true, logLevel: 'silent',
});
const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('<'));
process.stdout.write(JSON.stringify(inputs.map((f) => require('path').resolve(p.cwd, f))));
`;

/** Where bundles are cached: $CONFORM_BUNDLE_DIR, else a per-user directory in the temp dir. */
export function bundleCacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return process.env.CONFORM_BUNDLE_DIR ?? path.join(os.tmpdir(), `conform-bundles-${uid}`);
}

function stamp(file: string): InputStamp | undefined {
  try {
    const s = fs.statSync(file);
    return { path: file, size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
}

function fresh(metaFile: string): boolean {
  let inputs: InputStamp[];
  try {
    inputs = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as InputStamp[];
  } catch {
    return false;
  }
  return inputs.every((input) => {
    const now = stamp(input.path);
    return now !== undefined && now.size === input.size && now.mtimeMs === input.mtimeMs;
  });
}

/**
 * esbuild's entry point. A child running from a bundle lives in the cache directory, where no
 * node_modules can be found, yet may have to rebuild a stale bundle: it uses the path its parent
 * resolved and left in the environment.
 */
function esbuildPath(): string {
  const inherited = process.env.CONFORM_ESBUILD;
  if (inherited !== undefined && fs.existsSync(inherited)) return inherited;
  const resolved = require.resolve('esbuild');
  process.env.CONFORM_ESBUILD = resolved;
  return resolved;
}

function build(modulePath: string, outfile: string, metaFile: string): void {
  const esbuild = esbuildPath();
  const entry = `module.exports = require(${JSON.stringify(modulePath)});`;
  const temporary = `${outfile}.${process.pid}.tmp`;
  const params = JSON.stringify({ esbuild, entry, resolveDir: path.dirname(modulePath), outfile: temporary, cwd: process.cwd() });
  const stdout = execFileSync(process.execPath, ['-e', BUILD_SCRIPT, params], {
    env: { ...process.env, ESBUILD_WORKER_THREADS: '0' },
    timeout: BUILD_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
    encoding: 'utf8',
  });
  const inputs = (JSON.parse(stdout) as string[]).map(stamp).filter((s): s is InputStamp => s !== undefined);
  // Rename last, so a concurrent reader never sees a half-written bundle.
  fs.writeFileSync(`${metaFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  fs.renameSync(temporary, outfile);
  fs.renameSync(`${metaFile}.${process.pid}.tmp`, metaFile);
}

/** Path of a CommonJS bundle whose `module.exports` are those of `modulePath`. */
export function bundleOf(modulePath: string): string {
  const known = slot('bundles', () => new Map<string, string>());
  // Resolved while this process can still find it, so that the children it starts inherit it.
  if (process.env.CONFORM_ESBUILD === undefined) {
    try {
      esbuildPath();
    } catch {
      // Only a rebuild needs esbuild; a fresh bundle does not.
    }
  }
  const cached = known.get(modulePath);
  if (cached !== undefined) return cached;
  const dir = bundleCacheDir();
  fs.mkdirSync(dir, { recursive: true });
  const key = createHash('sha1').update(modulePath).digest('hex').slice(0, 16);
  const outfile = path.join(dir, `${path.basename(modulePath).replace(/\.[^.]+$/, '')}-${key}.js`);
  const metaFile = `${outfile}.inputs.json`;
  if (!(fs.existsSync(outfile) && fresh(metaFile))) build(modulePath, outfile, metaFile);
  known.set(modulePath, outfile);
  return outfile;
}
