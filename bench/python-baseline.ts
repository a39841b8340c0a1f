/**
 * Runs bench/python_baseline.py with the machine's `python3` and parses its JSON. The child is
 * killed if it outlives its deadline or if `signal` aborts, so it never survives the benchmark.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { CPYTHON_FIGURE_IDS, type CpythonSamples } from './figures';
import type { BenchSettings } from './settings';

export const PYTHON_BASELINE_SCRIPT = path.join(__dirname, 'python_baseline.py');

export interface PythonBaseline {
  pythonVersion: string;
  /** `platform.python_implementation()`, e.g. "CPython". */
  implementation: string;
  /** `sys.getswitchinterval()`: how long a thread may keep the GIL while another waits. */
  switchIntervalSeconds: number;
  samples: CpythonSamples;
}

export interface PythonBaselineOptions {
  /** Interpreter to run (default `python3` from PATH). */
  python?: string;
  signal?: AbortSignal;
}

/** Wall time the script needs: its lock rounds plus a round-deadline's worth for each queue figure. */
export function pythonBaselineDeadlineMs(settings: BenchSettings): number {
  const lockFigureMs = settings.warmupRounds * Math.min(200, settings.durationMs) + settings.repetitions * settings.durationMs;
  return 2 * lockFigureMs + 2 * settings.deadlineMs;
}

export function runPythonBaseline(settings: BenchSettings, options: PythonBaselineOptions = {}): Promise<PythonBaseline> {
  const args = [
    PYTHON_BASELINE_SCRIPT,
    '--duration', String(settings.durationMs / 1000),
    '--repetitions', String(settings.repetitions),
    '--warmup', String(settings.warmupRounds),
    '--items', String(settings.queueItems),
  ];
  const deadlineMs = pythonBaselineDeadlineMs(settings);
  return new Promise<PythonBaseline>((resolve, reject) => {
    const child = spawn(options.python ?? 'python3', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`python baseline did not finish within ${deadlineMs} ms`));
    }, deadlineMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`python baseline exited with ${code ?? signal}: ${stderr.trim()}`));
        return;
      }
      try {
        resolve(parsePythonBaseline(stdout));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Checks the script's output against the shape described in python_baseline.py. */
export function parsePythonBaseline(output: string): PythonBaseline {
  const raw: unknown = JSON.parse(output);
  if (typeof raw !== 'object' || raw === null) throw new Error('python baseline: output is not a JSON object');
  const record = raw as Record<string, unknown>;
  const { python_version: pythonVersion, implementation, switch_interval_s: switchIntervalSeconds, samples } = record;
  if (typeof pythonVersion !== 'string' || typeof implementation !== 'string' || typeof switchIntervalSeconds !== 'number') {
    throw new Error('python baseline: missing python_version, implementation or switch_interval_s');
  }
  if (typeof samples !== 'object' || samples === null) throw new Error('python baseline: missing samples');
  const parsed = {} as CpythonSamples;
  for (const id of CPYTHON_FIGURE_IDS) {
    const values = (samples as Record<string, unknown>)[id];
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new Error(`python baseline: samples of ${id} are not a non-empty list of finite numbers`);
    }
    parsed[id] = values as number[];
  }
  return { pythonVersion, implementation, switchIntervalSeconds, samples: parsed };
}
