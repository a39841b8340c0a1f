import { promises as fs } from 'node:fs';
import Ajv from 'ajv';
import { writeFileAtomic } from '../report/atomic-write';
import { VERDICTS, type Verdict } from '../runner/report-model';

/**
 * A baseline: the failures an implementation is known to have, in the manner of
 * web-platform-tests' expectation files. Per implementation name, per claim id: the verdicts
 * expected instead of a pass and why. Listing several verdicts (e.g. `["pass", "fail"]`) marks
 * an intermittent result. A listed claim still runs: its result is compared, never skipped.
 *
 * ```json
 * { "version": 1,
 *   "implementations": {
 *     "python": { "lock.not-reentrant": { "expected": "fail", "reason": "..." } } } }
 * ```
 */

export const BASELINE_VERSION = 1 as const;

export interface BaselineEntry {
  /** One verdict, or several for an intermittent result. Never empty. */
  expected: Verdict | Verdict[];
  /** Why the claim does not pass: a bug link, the behaviour that differs. Required. */
  reason: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  implementations: { [implementation: string]: { [claimId: string]: BaselineEntry } };
}

export const BASELINE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'implementations'],
  properties: {
    $schema: { type: 'string' },
    version: { const: BASELINE_VERSION },
    implementations: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['expected', 'reason'],
          properties: {
            expected: {
              oneOf: [
                { enum: [...VERDICTS] },
                { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...VERDICTS] } },
              ],
            },
            reason: { type: 'string', minLength: 1, pattern: '\\S' },
          },
        },
      },
    },
  },
} as const;

export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

const validate = new Ajv({ allErrors: true }).compile<Baseline>(BASELINE_SCHEMA);

export function parseBaseline(data: unknown, where: string): Baseline {
  if (!validate(data)) {
    const issues = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new BaselineError(`${where} is not a valid baseline: ${issues.join('; ')}`);
  }
  return data;
}

export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read the baseline ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`the baseline ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseBaseline(data, file);
}

export function expectedVerdicts(entry: BaselineEntry): Verdict[] {
  return Array.isArray(entry.expected) ? entry.expected : [entry.expected];
}

/** Sorted by implementation and claim id, so updates produce small diffs. */
export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  const implementations: Baseline['implementations'] = {};
  for (const impl of Object.keys(baseline.implementations).sort()) {
    const entries = baseline.implementations[impl];
    const ids = Object.keys(entries).sort();
    if (ids.length === 0) continue;
    implementations[impl] = Object.fromEntries(ids.map((id) => [id, entries[id]]));
  }
  await writeFileAtomic(file, `${JSON.stringify({ version: BASELINE_VERSION, implementations }, null, 2)}\n`);
}
