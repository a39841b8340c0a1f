import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { SCHEMA_FILE as SCENARIO_SCHEMA_FILE } from '../../scenario/scenario-schema';
import { ADAPTER_MESSAGE_TYPES, HARNESS_MESSAGE_TYPES, type AdapterMessage, type HarnessMessage } from './protocol';

/**
 * Validates protocol messages against docs/adapter-protocol.schema.json with ajv, so the
 * document the adapter authors read is exactly what the harness enforces. The schema is chosen
 * by the message's `type`, which keeps error messages about the message that was meant rather
 * than about every alternative of a `oneOf`.
 */

export const PROTOCOL_SCHEMA_FILE = path.join(__dirname, '..', '..', '..', 'docs', 'adapter-protocol.schema.json');

export type MessageValidation<T> = { ok: true; message: T } | { ok: false; problem: string };

interface Validators {
  byType: Map<string, ValidateFunction>;
}

let compiled: Validators | undefined;

function validators(): Validators {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  const protocol = JSON.parse(fs.readFileSync(PROTOCOL_SCHEMA_FILE, 'utf8')) as { $id: string };
  ajv.addSchema(JSON.parse(fs.readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')) as object);
  ajv.addSchema(protocol);
  const byType = new Map<string, ValidateFunction>();
  for (const type of [...ADAPTER_MESSAGE_TYPES, ...HARNESS_MESSAGE_TYPES]) {
    const validate = ajv.getSchema(`${protocol.$id}#/$defs/${type}`);
    if (validate === undefined) throw new Error(`${PROTOCOL_SCHEMA_FILE} has no definition for "${type}" messages`);
    byType.set(type, validate);
  }
  compiled = { byType };
  return compiled;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    // An `if`/`then` failure also reports the `then` error itself, which says more.
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const where = e.instancePath === '' ? 'the message' : e.instancePath;
      const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
      return `${where} ${e.message ?? 'is invalid'}${extra}`;
    })
    .slice(0, 5)
    .join('; ');
}

function validate<T>(value: unknown, allowed: readonly string[], from: string): MessageValidation<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'not a JSON object' };
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !allowed.includes(type)) {
    return { ok: false, problem: `"type" is ${JSON.stringify(type)}; ${from} sends ${allowed.join(', ')}` };
  }
  const check = validators().byType.get(type)!;
  if (check(value)) return { ok: true, message: value as T };
  return { ok: false, problem: `not a valid "${type}" message: ${describeErrors(check.errors)}` };
}

/** A parsed line from an adapter's stdout. */
export function validateAdapterMessage(value: unknown): MessageValidation<AdapterMessage> {
  return validate<AdapterMessage>(value, ADAPTER_MESSAGE_TYPES, 'an adapter');
}

/** What the harness is about to send (used by tests; the scenario is validated before any run). */
export function validateHarnessMessage(value: unknown): MessageValidation<HarnessMessage> {
  return validate<HarnessMessage>(value, HARNESS_MESSAGE_TYPES, 'the harness');
}
