/** The knobs of one benchmark run, shared by the reference side and the CPython baseline. */

export interface BenchSettings {
  /** Length of each measured lock round. */
  durationMs: number;
  /** Measured repetitions per figure; each figure is their median. */
  repetitions: number;
  /** Discarded rounds before each figure's measured ones (on both sides). */
  warmupRounds: number;
  /** Items the producer puts in each queue round. */
  queueItems: number;
  /** Longest wait for worker start-up or one round's results before the run fails. */
  deadlineMs: number;
}

/** Sized so that `npm run bench` stays under about a minute on two cores. */
export const DEFAULT_SETTINGS: BenchSettings = {
  durationMs: 1000,
  repetitions: 5,
  warmupRounds: 1,
  queueItems: 50_000,
  deadlineMs: 30_000,
};

const FLAGS: Record<string, keyof BenchSettings> = {
  '--duration-ms': 'durationMs',
  '--repetitions': 'repetitions',
  '--warmup': 'warmupRounds',
  '--items': 'queueItems',
  '--deadline-ms': 'deadlineMs',
};

/** Reads `--flag value` pairs over the defaults; throws on anything it does not understand. */
export function parseSettings(argv: readonly string[], defaults: BenchSettings = DEFAULT_SETTINGS): BenchSettings {
  const settings = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i]];
    const value = Number(argv[i + 1]);
    if (key === undefined) throw new Error(`unknown option ${argv[i]} (known: ${Object.keys(FLAGS).join(', ')})`);
    if (!Number.isInteger(value)) throw new Error(`${argv[i]} needs an integer, got ${argv[i + 1]}`);
    settings[key] = value;
  }
  validateSettings(settings);
  return settings;
}

export function validateSettings(settings: BenchSettings): void {
  const positive: (keyof BenchSettings)[] = ['durationMs', 'repetitions', 'queueItems', 'deadlineMs'];
  for (const key of positive) {
    if (!(Number.isInteger(settings[key]) && settings[key] >= 1)) throw new RangeError(`${key} must be a positive integer`);
  }
  if (!(Number.isInteger(settings.warmupRounds) && settings.warmupRounds >= 0)) {
    throw new RangeError('warmupRounds must be a non-negative integer');
  }
}
