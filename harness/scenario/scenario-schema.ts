import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCENARIO_MODEL_VERSION, type Json, type ObjectType } from './model';
import { MAX_REPEAT_TIMES } from './validate-ops';
import { OBJECT_FIELDS, OBJECT_TYPES, OP_NAMES, OP_SIGNATURES, type FieldKind } from './op-signatures';
import { SOCKET_DEFS, SOCKET_FIELD_SCHEMAS, SOCKET_OBJECT_FIELD_SCHEMAS } from './socket-schema';

/**
 * The JSON Schema (draft 2020-12) of the scenario model, generated from the same tables the
 * validator uses, so the two cannot drift. docs/scenario.schema.json is this function's output
 * (a test compares them); regenerate it with `npx tsx harness/scenario/scenario-schema.ts`.
 * The schema checks shapes; what it cannot express (a target must name a declared object of
 * the right type, names must be unique, registers must be written) only validate.ts checks.
 */

export const SCHEMA_FILE = path.join(__dirname, '..', '..', 'docs', 'scenario.schema.json');

const name = { type: 'string', minLength: 1 };
const count = { type: 'integer', minimum: 0, maximum: MAX_REPEAT_TIMES };
const ref = (def: string) => ({ $ref: `#/$defs/${def}` });

const FIELD_SCHEMAS: Record<FieldKind, Json> = {
  target: { ...name, description: 'name of a declared object' },
  actor: { ...name, description: 'name of an actor of this scenario' },
  boolean: { type: 'boolean' },
  timeout: { type: ['number', 'null'], description: 'time units; null or absent waits forever; negatives pass through unscaled' },
  'positive-count': { type: 'integer', minimum: 1 },
  count,
  json: { description: 'any JSON value' },
  value: ref('valueExpr'),
  'number-value': ref('numberExpr'),
  register: { ...name, description: 'register of this actor that receives the value' },
  units: { type: 'number', minimum: 0 },
  label: name,
  body: { type: 'array', items: ref('op') },
  ...SOCKET_FIELD_SCHEMAS,
};

const OBJECT_FIELD_SCHEMAS: Record<string, Json> = {
  value: { type: 'integer', minimum: 0 },
  lock: { ...name, description: 'a declared lock or rlock' },
  parties: { type: 'integer', minimum: 1 },
  order: { enum: ['fifo', 'lifo', 'priority'] },
  maxsize: { type: 'integer', description: '< 1 means unbounded' },
  joinable: { type: 'boolean' },
  initial: { type: 'number' },
  ...SOCKET_OBJECT_FIELD_SCHEMAS,
};

const OBJECT_REQUIRED: Partial<Record<ObjectType, string[]>> = { barrier: ['parties'] };

function opSchema(op: (typeof OP_NAMES)[number]): Json {
  const signature = OP_SIGNATURES[op];
  const properties: { [key: string]: Json } = { op: { const: op } };
  for (const [key, kind] of [...Object.entries(signature.required), ...Object.entries(signature.optional)]) properties[key] = FIELD_SCHEMAS[kind];
  return {
    type: 'object',
    required: ['op', ...Object.keys(signature.required)],
    additionalProperties: false,
    properties,
    ...(signature.targets === undefined ? {} : { description: `target: ${signature.targets.join(' | ')}` }),
  };
}

function objectSchema(type: ObjectType): Json {
  const properties: { [key: string]: Json } = { type: { const: type } };
  for (const field of OBJECT_FIELDS[type]) properties[field] = OBJECT_FIELD_SCHEMAS[field];
  return { type: 'object', required: ['type', ...(OBJECT_REQUIRED[type] ?? [])], additionalProperties: false, properties };
}

export function scenarioJsonSchema(): Json {
  const defs: { [key: string]: Json } = {
    registerExpr: {
      type: 'object',
      required: ['reg'],
      additionalProperties: false,
      properties: { reg: name, add: { type: 'number' } },
    },
    valueExpr: { oneOf: [{ type: 'number' }, { type: 'string' }, ref('registerExpr')] },
    numberExpr: { oneOf: [{ type: 'number' }, ref('registerExpr')] },
    objectDecl: { oneOf: OBJECT_TYPES.map((t) => ref(`object.${t}`)) },
    actor: {
      type: 'object',
      required: ['name', 'kind', 'ops'],
      additionalProperties: false,
      properties: {
        name,
        kind: { enum: ['thread', 'process', 'task'] },
        start: { enum: ['auto', 'manual'], default: 'auto' },
        daemon: { type: 'boolean', default: false },
        ops: { type: 'array', items: ref('op') },
      },
    },
    op: { oneOf: OP_NAMES.map((op) => ref(`op.${op}`)) },
    ...SOCKET_DEFS,
  };
  for (const type of OBJECT_TYPES) defs[`object.${type}`] = objectSchema(type);
  for (const op of OP_NAMES) defs[`op.${op}`] = opSchema(op);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:conform:scenario-model:${SCENARIO_MODEL_VERSION}`,
    title: `conform scenario model, version ${SCENARIO_MODEL_VERSION}`,
    description: 'Generated from harness/scenario/op-signatures.ts by harness/scenario/scenario-schema.ts; do not edit by hand.',
    type: 'object',
    required: ['version', 'name', 'timeUnitMs', 'deadlineMs', 'objects', 'actors'],
    additionalProperties: false,
    properties: {
      version: { const: SCENARIO_MODEL_VERSION },
      name,
      timeUnitMs: { type: 'number', exclusiveMinimum: 0 },
      deadlineMs: { type: 'number', exclusiveMinimum: 0 },
      objects: { type: 'object', propertyNames: { minLength: 1 }, additionalProperties: ref('objectDecl') },
      actors: { type: 'array', minItems: 1, items: ref('actor') },
      seed: { type: 'integer' },
    },
    $defs: defs,
  };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, scenarioJsonSchemaText());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
