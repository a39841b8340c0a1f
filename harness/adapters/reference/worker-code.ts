import { execFile } from 'node:child_process';
import * as path from 'node:path';

/**
 * The JavaScript source an actor worker runs. Workers do not inherit tsx (or ts-jest) from the
 * main thread, and loading tsx in each worker costs ~65 ms of startup per worker on two cores
 * (6.7 s for 100 workers), so by default the actor worker and its binding are bundled once per
 * process into plain JavaScript with esbuild (a direct dependency) and every worker
 * evaluates that string (~17 ms per worker, 1.7 s for 100). If esbuild cannot be found or
 * fails, workers fall back to registering tsx themselves.
 *
 * The bundle is built in a short-lived child process: esbuild's synchronous API in this process
 * would leave its own helper thread and service process running for the life of the process.
 */

export type WorkerLoader = 'bundle' | 'tsx';

export interface WorkerCode {
  /** Source for `new Worker(source, { eval: true })`. */
  source: string;
  loader: WorkerLoader;
  /** Time spent building the source, milliseconds. */
  buildMs: number;
  /** Why the bundle could not be used, when the loader is `tsx` although `bundle` was asked for. */
  fallbackReason?: string;
}

const ACTOR_WORKER_MODULE = path.join(__dirname, 'actor-worker.ts');
const BUNDLE_TIMEOUT_MS = 60_000;

const cache = new Map<string, Promise<WorkerCode>>();

/**
 * Source for workers that serve actors with the binding exported as `binding` by
 * `bindingModule` (an absolute path). Cached per module and loader.
 */
export function workerCode(bindingModule: string, loader: WorkerLoader = 'bundle'): Promise<WorkerCode> {
  const key = `${loader}:${bindingModule}`;
  let code = cache.get(key);
  if (code === undefined) {
    code = loader === 'bundle' ? bundledCode(bindingModule) : Promise.resolve(tsxCode(bindingModule, 0));
    cache.set(key, code);
  }
  return code;
}

function entrySource(bindingModule: string): string {
  return [
    `const { serveActorWorker } = require(${JSON.stringify(ACTOR_WORKER_MODULE)});`,
    `const { binding } = require(${JSON.stringify(bindingModule)});`,
    `if (binding === undefined) throw new Error(${JSON.stringify(`${bindingModule} does not export \`binding\``)});`,
    'serveActorWorker(binding);',
  ].join('\n');
}

function tsxCode(bindingModule: string, buildMs: number, fallbackReason?: string): WorkerCode {
  const tsx = require.resolve('tsx/cjs');
  const source = `require(${JSON.stringify(tsx)});\n${entrySource(bindingModule)}`;
  return { source, loader: 'tsx', buildMs, ...(fallbackReason === undefined ? {} : { fallbackReason }) };
}

/** The script the child process runs: argv[1] carries its parameters as JSON. */
const BUNDLER_SCRIPT = `
const p = JSON.parse(process.argv[1]);
const esbuild = require(p.esbuild);
const result = esbuild.buildSync({
  stdin: { contents: p.entry, resolveDir: p.resolveDir, sourcefile: 'actor-worker-entry.js', loader: 'js' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, keepNames: true, logLevel: 'silent',
});
process.stdout.write(result.outputFiles[0].text);
`;

async function bundledCode(bindingModule: string): Promise<WorkerCode> {
  const started = performance.now();
  let esbuild: string;
  try {
    esbuild = require.resolve('esbuild');
  } catch (e) {
    return tsxCode(bindingModule, performance.now() - started, `esbuild not found: ${(e as Error).message}`);
  }
  const params = JSON.stringify({ esbuild, entry: entrySource(bindingModule), resolveDir: __dirname });
  try {
    const source = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', BUNDLER_SCRIPT, params],
        // One-shot esbuild calls: no helper thread or service process outlives the child.
        { env: { ...process.env, ESBUILD_WORKER_THREADS: '0' }, maxBuffer: 64 * 1024 * 1024, timeout: BUNDLE_TIMEOUT_MS },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    return { source, loader: 'bundle', buildMs: performance.now() - started };
  } catch (e) {
    return tsxCode(bindingModule, performance.now() - started, `bundling failed: ${(e as Error).message}`);
  }
}
