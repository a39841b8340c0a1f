import * as fs from 'node:fs';
import { SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from '../../harness/scenario/scenario-schema';
import { OBJECT_TYPES, OP_NAMES } from '../../harness/scenario/op-signatures';

type SchemaNode = { [key: string]: unknown };

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else refsIn(value, out);
    }
  }
  return out;
}

describe('docs/scenario.schema.json', () => {
  const schema = scenarioJsonSchema() as SchemaNode;
  const defs = schema.$defs as Record<string, SchemaNode>;

  it('is exactly what the generator produces (regenerate: npx tsx harness/scenario/scenario-schema.ts)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('pins the model version', () => {
    expect((schema.properties as Record<string, unknown>).version).toEqual({ const: 1 });
  });

  it('describes every op and every object type, closed to unknown fields', () => {
    expect((defs.op.oneOf as unknown[]).length).toBe(OP_NAMES.length);
    for (const op of OP_NAMES) {
      expect(defs[`op.${op}`]).toMatchObject({ additionalProperties: false, properties: { op: { const: op } } });
    }
    for (const type of OBJECT_TYPES) {
      expect(defs[`object.${type}`]).toMatchObject({ additionalProperties: false, properties: { type: { const: type } } });
    }
    expect(defs['op.put'].required).toEqual(['op', 'target', 'item']);
    expect(defs['object.barrier'].required).toEqual(['type', 'parties']);
  });

  it('has no dangling $ref', () => {
    for (const ref of refsIn(schema)) {
      expect(ref.startsWith('#/$defs/')).toBe(true);
      expect(defs[ref.slice('#/$defs/'.length)]).toBeDefined();
    }
  });
});
