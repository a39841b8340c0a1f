/**
 * Judges of the load claims (spec/load.ts): pure functions over the LoadSamples of one run,
 * comparing figures measured side by side (ratios inside the run), never against absolute
 * speeds, since the machine is shared and its speed unknown. Margins are generous: each judge
 * separates "one request at a time" from "several at once" by a factor of several.
 */
import type { Judgement, Measurement } from '../../spec/claim';
import type { LoadSample } from '../load/load-sample';

/** At N connections a concurrent server must reach this share of N times its 1-connection rate. */
export const SCALING_SHARE = 0.4;
/** A serial server at N connections may exceed its 1-connection rate by at most this factor. */
export const SERIAL_SLACK = 1.5;

/** The samples of one server by connection count: the fewest and the most connections measured. */
function extremes(samples: readonly LoadSample[], server: string): { one: LoadSample; many: LoadSample } {
  const own = samples.filter((s) => s.server === server).sort((a, b) => a.connections - b.connections);
  const one = own[0];
  const many = own[own.length - 1];
  if (one === undefined || many === undefined || one.connections === many.connections) {
    throw new RangeError(`the load run has no samples of ${server} at two connection counts`);
  }
  if (one.ok === 0) throw new RangeError(`${server} answered nothing with ${one.connections} connection(s): nothing to compare`);
  return { one, many };
}

/** Throughput and mean latency per server and connection count, for reports to chart. */
export function loadMeasurements(samples: readonly LoadSample[]): Measurement[] {
  const label = (s: LoadSample) => `${s.server} ${s.work} c=${s.connections}`;
  return [
    { name: 'throughput', unit: 'requests/s', values: samples.map((s) => ({ label: label(s), value: s.requestsPerSecond })) },
    { name: 'mean latency', unit: 'ms', values: samples.map((s) => ({ label: label(s), value: s.latencyMeanMs })) },
  ];
}

function verdict(ok: boolean, message: string, samples: readonly LoadSample[], evidence: { [key: string]: number | string }): Judgement {
  return { ok, message, evidence, measurements: loadMeasurements(samples) };
}

/**
 * One request at a time: more connections add no throughput (within SERIAL_SLACK). With
 * `sleepMs` (a handler that sleeps that long), the rate also cannot beat 1000/sleepMs per
 * second. Serves the serial server, and any server whose work is CPU-bound on one thread.
 */
export function judgeSerialBound(samples: readonly LoadSample[], server: string, sleepMs?: number): Judgement {
  const { one, many } = extremes(samples, server);
  const gain = many.requestsPerSecond / one.requestsPerSecond;
  const ceiling = sleepMs === undefined ? Infinity : 1000 / sleepMs;
  const overCeiling = many.requestsPerSecond / ceiling;
  const ok = gain <= SERIAL_SLACK && overCeiling <= SERIAL_SLACK;
  const bound = sleepMs === undefined ? '' : ` (${overCeiling.toFixed(2)}× the one-at-a-time ceiling of ${ceiling.toFixed(0)}/s)`;
  const message = ok
    ? `${server}: ${many.connections} connections gave ${gain.toFixed(2)}× the throughput of ${one.connections}${bound}: one request at a time`
    : `${server} served requests concurrently: ${many.connections} connections gave ${gain.toFixed(2)}× the throughput of ${one.connections}${bound}`;
  return verdict(ok, message, samples, { gain, ...(sleepMs === undefined ? {} : { overCeiling, ceilingPerSecond: ceiling }) });
}

/** A concurrent server with I/O-bound work gets more throughput from more connections, nearly in proportion. */
export function judgeScalesWithConnections(samples: readonly LoadSample[], server: string): Judgement {
  const { one, many } = extremes(samples, server);
  const gain = many.requestsPerSecond / one.requestsPerSecond;
  const needed = SCALING_SHARE * (many.connections / one.connections);
  const ok = gain >= needed;
  const message = `${server}: ${many.connections} connections gave ${gain.toFixed(2)}× the throughput of ${one.connections} (${ok ? 'at least' : 'below'} the ${needed.toFixed(1)}× that overlapping requests must reach)`;
  return verdict(ok, message, samples, { gain, needed });
}

/**
 * select/epoll's advantage is more connections, not a faster single one: with one connection a
 * request takes at least the handler's own time (`sleepMs`, within 5% for timer granularity),
 * so the event loop makes no single request faster; with many, throughput scales.
 */
export function judgeMoreConnectionsNotFasterOne(samples: readonly LoadSample[], server: string, sleepMs: number): Judgement {
  const scaling = judgeScalesWithConnections(samples, server);
  const { one } = extremes(samples, server);
  const singleFaster = one.latencyMeanMs < sleepMs * 0.95;
  const ok = scaling.ok && !singleFaster;
  const latency = `one connection's mean latency ${one.latencyMeanMs.toFixed(1)} ms against the handler's ${sleepMs} ms`;
  return verdict(ok, `${scaling.message}; ${latency}${singleFaster ? ' (faster than its own work: impossible unless the work was skipped)' : ''}`, samples, {
    ...(scaling.evidence as { [key: string]: number }),
    singleLatencyMs: one.latencyMeanMs,
    sleepMs,
  });
}

/**
 * Across servers in one run (npm run load): the event loop's latency with one connection is not
 * below a thread-per-connection server's (within `margin`): its advantage is not speed for one.
 */
export function judgeNoLatencyAdvantageForOne(samples: readonly LoadSample[], eventLoop: string, threaded: string, margin = 0.8): Judgement {
  const loop = extremes(samples, eventLoop).one;
  const thread = extremes(samples, threaded).one;
  const r = loop.latencyMeanMs / thread.latencyMeanMs;
  const ok = r >= margin;
  return verdict(ok, `${eventLoop}'s one-connection latency is ${r.toFixed(2)}× ${threaded}'s (${ok ? 'no' : 'an'} advantage for a single connection)`, samples, { latencyRatio: r, margin });
}
