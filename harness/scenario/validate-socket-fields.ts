import type { ObjectDecl } from './model';
import { isNonEmptyString, isRecord, listWords, withArticle } from './json-shape';
import type { FieldKind, OpSignature } from './op-signatures';
import { MAX_SCENARIO_BYTES, SELECTOR_EVENTS, SOCKET_CHOICES, SOCKET_OBJECT_TYPES, type SocketChoiceKind } from './socket-signatures';

/**
 * Validation of the socket fields of the scenario model (socket-model.ts). Pure, like the rest
 * of validation: what a field holds, whether the sockets, selectors and registers it names
 * exist, and that every address stays on the loopback interface, so that no scenario, whoever
 * wrote it, can make the suite talk to another machine.
 */

/** Registers of one actor, by what they hold, collected before checking (use may precede the write in the text). */
export interface RegisterSets {
  values: Set<string>;
  sockets: Set<string>;
  selectors: Set<string>;
}

export interface SocketFieldScope {
  objects: Readonly<Record<string, ObjectDecl>>;
  registers: { readonly [K in keyof RegisterSets]: ReadonlySet<string> };
}

const LOOPBACK_NAMES = new Set(['localhost', '::1', '0:0:0:0:0:0:0:1']);

/** 127.0.0.0/8, ::1 and 'localhost': the only hosts a scenario may name. */
export function isLoopbackHost(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true;
  const parts = host.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isSocketObject(decl: ObjectDecl | undefined): boolean {
  return decl !== undefined && (SOCKET_OBJECT_TYPES as readonly string[]).includes(decl.type);
}

function declared(scope: SocketFieldScope, name: string): ObjectDecl | undefined {
  return Object.prototype.hasOwnProperty.call(scope.objects, name) ? scope.objects[name] : undefined;
}

function socketProblem(value: unknown, signature: OpSignature, scope: SocketFieldScope): string | undefined {
  if (!isNonEmptyString(value)) return 'must name a socket: a declared socket or a socket register of this actor';
  const decl = declared(scope, value);
  if (decl !== undefined) {
    const targets = signature.targets ?? SOCKET_OBJECT_TYPES;
    return targets.includes(decl.type) ? undefined : `"${value}" is ${withArticle(decl.type)}; this operation needs a socket (${listWords(targets)})`;
  }
  if (scope.registers.sockets.has(value)) return undefined;
  return `no socket named "${value}": neither a declared socket nor a socket register this actor writes (socket, accept, selector_select's into)`;
}

function bytesProblem(value: unknown, scope: SocketFieldScope): string | undefined {
  if (typeof value === 'string') return undefined;
  const shape = 'must be text, {"base64": …}, {"fill": text, "size": n} or {"reg": name, "upper"?: boolean}';
  if (!isRecord(value)) return shape;
  const keys = Object.keys(value).sort().join(',');
  if (keys === 'base64') {
    return typeof value.base64 === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value.base64) && value.base64.length % 4 === 0 ? undefined : 'base64 must be standard, padded base64 text';
  }
  if (keys === 'fill,size') {
    if (!isNonEmptyString(value.fill)) return 'fill must be non-empty text';
    return Number.isSafeInteger(value.size) && (value.size as number) >= 0 && (value.size as number) <= MAX_SCENARIO_BYTES ? undefined : `size must be an integer from 0 to ${MAX_SCENARIO_BYTES}`;
  }
  if (keys === 'reg' || keys === 'reg,upper') {
    if (!isNonEmptyString(value.reg)) return 'reg must be a register name';
    if (value.upper !== undefined && typeof value.upper !== 'boolean') return 'upper must be true or false';
    return scope.registers.values.has(value.reg) ? undefined : `no register "${value.reg}": no op of this actor stores into it`;
  }
  return shape;
}

function addressProblem(value: unknown, scope: SocketFieldScope): string | undefined {
  if (Array.isArray(value)) {
    if (value.length !== 2 || typeof value[0] !== 'string' || !Number.isSafeInteger(value[1])) return 'an address literal must be [host, port] with an integer port';
    return isLoopbackHost(value[0]) ? undefined : `"${value[0]}" is not a loopback host: scenarios only use 127.0.0.0/8, ::1 or localhost`;
  }
  if (!isRecord(value)) return 'must be [host, port], {"of": declared socket} or {"reg": register}';
  const keys = Object.keys(value).join(',');
  if (keys === 'of') {
    if (!isNonEmptyString(value.of)) return 'of must name a declared socket';
    return isSocketObject(declared(scope, value.of)) ? undefined : `no declared socket named "${value.of}"`;
  }
  if (keys === 'reg') {
    if (!isNonEmptyString(value.reg)) return 'reg must be a register name';
    return scope.registers.values.has(value.reg) ? undefined : `no register "${value.reg}": no op of this actor stores into it`;
  }
  return 'must be [host, port], {"of": declared socket} or {"reg": register}';
}

function newRegisterProblem(value: unknown, scope: SocketFieldScope, what: 'socket' | 'selector'): string | undefined {
  if (!isNonEmptyString(value)) return `must be a register name for the new ${what}`;
  if (declared(scope, value) !== undefined) return `"${value}" is a declared object; a ${what} register needs a name of its own`;
  const other = what === 'socket' ? scope.registers.selectors : scope.registers.sockets;
  if (other.has(value)) return `"${value}" also holds a ${what === 'socket' ? 'selector' : 'socket'} in this actor; use another name`;
  return undefined;
}

/** Returns what is wrong with a socket field, or undefined when it is fine; undefined also for kinds that are not socket kinds. */
export function socketFieldProblem(value: unknown, kind: FieldKind, signature: OpSignature, scope: SocketFieldScope): string | undefined {
  switch (kind) {
    case 'socket':
      return socketProblem(value, signature, scope);
    case 'socket-list': {
      if (!Array.isArray(value)) return 'must be a list of socket names';
      for (const item of value) {
        const problem = socketProblem(item, signature, scope);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'socket-register':
      return newRegisterProblem(value, scope, 'socket');
    case 'selector-register':
      return newRegisterProblem(value, scope, 'selector');
    case 'selector':
      if (!isNonEmptyString(value)) return 'must name a selector register';
      return scope.registers.selectors.has(value) ? undefined : `no selector "${value}": no selector op of this actor stores into it`;
    case 'bytes':
      return bytesProblem(value, scope);
    case 'address':
      return addressProblem(value, scope);
    case 'byte-count':
      return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_SCENARIO_BYTES ? undefined : `must be an integer from 0 to ${MAX_SCENARIO_BYTES}`;
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : 'must be an integer';
    case 'selector-events':
      if (!Array.isArray(value) || value.length === 0) return `must be a non-empty list of ${listWords(SELECTOR_EVENTS)}`;
      return value.every((e) => (SELECTOR_EVENTS as readonly unknown[]).includes(e)) && new Set(value).size === value.length ? undefined : `must list each of ${listWords(SELECTOR_EVENTS)} at most once`;
    case 'handlers':
      if (!isRecord(value) || Object.keys(value).length === 0) return 'must map handler names (the data of registered keys) to op lists';
      return Object.values(value).every(Array.isArray) ? undefined : 'each handler must be an array of operations';
    default:
      if (Object.prototype.hasOwnProperty.call(SOCKET_CHOICES, kind)) {
        const choices: readonly string[] = SOCKET_CHOICES[kind as SocketChoiceKind];
        return typeof value === 'string' && choices.includes(value) ? undefined : `must be ${listWords(choices.map((c) => JSON.stringify(c)))}`;
      }
      return undefined;
  }
}

/** Fields of a kind that writes a register, by register set; the walker in validate-ops.ts uses it. */
export const REGISTER_WRITING_KINDS: Readonly<Partial<Record<FieldKind, keyof RegisterSets>>> = {
  register: 'values',
  'socket-register': 'sockets',
  'selector-register': 'selectors',
};

/** Problems of a declared socket's fields (its type is already known to be a socket type), by field. */
export function socketDeclProblems(decl: Record<string, unknown>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (decl.family !== undefined && decl.family !== 'inet' && decl.family !== 'inet6') problems.push({ field: 'family', message: 'must be "inet" or "inet6"' });
  if (decl.backlog !== undefined && !(Number.isSafeInteger(decl.backlog) && (decl.backlog as number) >= 0)) problems.push({ field: 'backlog', message: 'must be an integer >= 0' });
  if (decl.reuseaddr !== undefined && typeof decl.reuseaddr !== 'boolean') problems.push({ field: 'reuseaddr', message: 'must be true or false' });
  return problems;
}

export function isSocketObjectType(type: string): boolean {
  return (SOCKET_OBJECT_TYPES as readonly string[]).includes(type);
}
