import type { Json } from './model';
import { MAX_SCENARIO_BYTES, SELECTOR_EVENTS, SOCKET_CHOICES, type SocketChoiceKind } from './socket-signatures';

/**
 * The JSON Schema pieces of the socket part of the model, merged by scenario-schema.ts. What a
 * schema cannot say (a socket register must be written by the actor, a host must be loopback)
 * only validate-socket-fields.ts checks.
 */

const name = { type: 'string', minLength: 1 };
const ref = (def: string) => ({ $ref: `#/$defs/${def}` });

export const SOCKET_DEFS: { [key: string]: Json } = {
  bytesExpr: {
    description: 'bytes: UTF-8 text, base64, a filled block, or a register (optionally bytes.upper())',
    oneOf: [
      { type: 'string' },
      { type: 'object', required: ['base64'], additionalProperties: false, properties: { base64: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } } },
      {
        type: 'object',
        required: ['fill', 'size'],
        additionalProperties: false,
        properties: { fill: name, size: { type: 'integer', minimum: 0, maximum: MAX_SCENARIO_BYTES } },
      },
      { type: 'object', required: ['reg'], additionalProperties: false, properties: { reg: name, upper: { type: 'boolean' } } },
    ],
  },
  addressExpr: {
    description: '[host, port] on loopback, the address of a declared socket, or a register holding one',
    oneOf: [
      { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], minItems: 2, maxItems: 2 },
      { type: 'object', required: ['of'], additionalProperties: false, properties: { of: name } },
      { type: 'object', required: ['reg'], additionalProperties: false, properties: { reg: name } },
    ],
  },
};

type SocketFieldKind =
  | 'socket'
  | 'socket-list'
  | 'socket-register'
  | 'selector'
  | 'selector-register'
  | 'bytes'
  | 'address'
  | 'byte-count'
  | 'integer'
  | 'selector-events'
  | 'handlers'
  | SocketChoiceKind;

const CHOICE_SCHEMAS = Object.fromEntries(Object.entries(SOCKET_CHOICES).map(([kind, values]) => [kind, { enum: [...values] }])) as unknown as Record<SocketChoiceKind, Json>;

export const SOCKET_FIELD_SCHEMAS: Record<SocketFieldKind, Json> = {
  socket: { ...name, description: 'a declared socket or a socket register of this actor' },
  'socket-list': { type: 'array', items: { ...name, description: 'a declared socket or a socket register of this actor' } },
  'socket-register': { ...name, description: 'register of this actor that receives the new socket' },
  selector: { ...name, description: 'a selector register of this actor' },
  'selector-register': { ...name, description: 'register of this actor that receives the new selector' },
  bytes: ref('bytesExpr'),
  address: ref('addressExpr'),
  'byte-count': { type: 'integer', minimum: 0, maximum: MAX_SCENARIO_BYTES },
  integer: { type: 'integer' },
  'selector-events': { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...SELECTOR_EVENTS] } },
  handlers: { type: 'object', minProperties: 1, additionalProperties: { type: 'array', items: ref('op') }, description: 'op lists by the data of registered keys' },
  ...CHOICE_SCHEMAS,
};

export const SOCKET_OBJECT_FIELD_SCHEMAS: { [field: string]: Json } = {
  family: { enum: ['inet', 'inet6'] },
  backlog: { type: 'integer', minimum: 0 },
  reuseaddr: { type: 'boolean', description: 'SO_REUSEADDR set before bind; absent: the implementation default' },
};
