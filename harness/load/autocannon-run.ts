/**
 * One bounded autocannon run against one server on loopback: so many keep-alive connections for
 * a warm-up and then a measured window (never more than `maxRequests` in all), reduced to a
 * LoadSample. Only responses that arrive in the measured window count, so the cost of starting
 * a thread or process per connection (paid once, when autocannon connects) is the warm-up's,
 * which ends as soon as every connection has been answered once; a run with no warm-up
 * measures it. Runs in this process, which must not also host the server
 * under test (server-process.ts puts servers in processes of their own).
 */
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import type { LoadWorkKind } from '../../impl/net/http/serve-request';
import type { LoadSample } from './load-sample';

export interface LoadRunOptions {
  host: string;
  port: number;
  connections: number;
  /** Whole seconds (autocannon's unit) at most; up to `warmupSeconds` of them are not measured. */
  seconds: number;
  warmupSeconds?: number;
  /** A cap on requests sent, so a run is bounded in count as well as time. */
  maxRequests?: number;
  /** Per-request timeout in whole seconds; a request starved this long counts as a timeout. */
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface LoadLabel {
  server: string;
  work: LoadWorkKind;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function runLoad(label: LoadLabel, options: LoadRunOptions): Promise<LoadSample> {
  // Load tests never aim at another machine (issue 9: "target loopback only").
  if (!LOOPBACK.has(options.host)) throw new RangeError(`load runs target loopback only, not ${options.host}`);
  const warmup = options.warmupSeconds ?? 0;
  if (options.connections < 1 || !Number.isInteger(options.seconds) || options.seconds <= warmup) {
    throw new RangeError('a load run needs at least one connection and a whole number of seconds longer than its warm-up');
  }
  const instance = autocannon({
    url: `http://${options.host}:${options.port}/`,
    connections: options.connections,
    duration: options.seconds,
    timeout: options.timeoutSeconds ?? 10,
  });
  // The measured window opens once every connection has had a response (its thread or process
  // has started), or when the warm-up runs out (a serial server never answers the others), and
  // lasts `seconds - warmupSeconds`.
  const measureMs = (options.seconds - warmup) * 1000;
  const answered = new Set<unknown>();
  let windowStart = Infinity;
  let windowEnd = Infinity;
  let endTimer: NodeJS.Timeout | undefined;
  const openWindow = () => {
    if (windowStart !== Infinity) return;
    windowStart = performance.now();
    windowEnd = windowStart + measureMs;
    endTimer = setTimeout(() => instance.stop(), measureMs);
  };
  const warmupTimer = setTimeout(openWindow, warmup * 1000);
  const latencies: number[] = [];
  let non2xx = 0;
  let lastResponse = 0;
  let responses = 0;
  let capped = false;
  // Not autocannon's `amount`, which replaces its duration rather than bounding it.
  const cap = options.maxRequests ?? Infinity;
  instance.on('response', (client, statusCode, _bytes, responseTime) => {
    const now = performance.now();
    // stop() takes effect a little later: responses past the cap or the window are not counted.
    if (capped || now > windowEnd) return;
    if (++responses >= cap) {
      capped = true;
      instance.stop();
    }
    if (now < windowStart) {
      answered.add(client);
      if (answered.size >= options.connections) openWindow();
      return;
    }
    lastResponse = now;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else non2xx++;
  });
  const stop = () => instance.stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const result = await instance;
    const finished = Math.min(performance.now(), windowEnd);
    // A run cut short by maxRequests ends at its last response, not at the planned end.
    const windowSeconds = windowStart === Infinity ? 1e-3 : Math.max(((capped ? lastResponse : finished) - windowStart) / 1000, 1e-3);
    return {
      ...label,
      connections: options.connections,
      requestsPerSecond: latencies.length / windowSeconds,
      ...latencyFigures(latencies),
      ok: latencies.length,
      non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      durationSeconds: windowSeconds,
    };
  } finally {
    clearTimeout(warmupTimer);
    clearTimeout(endTimer);
    options.signal?.removeEventListener('abort', stop);
  }
}

function latencyFigures(latencies: number[]): Pick<LoadSample, 'latencyMeanMs' | 'latencyP50Ms' | 'latencyP99Ms'> {
  if (latencies.length === 0) return { latencyMeanMs: 0, latencyP50Ms: 0, latencyP99Ms: 0 };
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { latencyMeanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length, latencyP50Ms: at(0.5), latencyP99Ms: at(0.99) };
}
