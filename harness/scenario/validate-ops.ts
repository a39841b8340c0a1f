import type { ActorKind, ObjectDecl } from './model';
import { isFiniteNumber, isJson, isNonEmptyString, isRecord, listWords, withArticle } from './json-shape';
import { COUNTED_RELEASE, OP_NAMES, OP_SIGNATURES, PROCESS_ONLY_OPS, type FieldKind, type OpSignature } from './op-signatures';
import { childPath, type IssueList } from './validation-issues';
import { REGISTER_WRITING_KINDS, socketFieldProblem, type RegisterSets } from './validate-socket-fields';

/** A repeat count beyond this is a typo, not a test: it would outlast any deadline. */
export const MAX_REPEAT_TIMES = 1_000_000;

/** What an actor's ops are checked against. */
export interface OpScope {
  objects: Readonly<Record<string, ObjectDecl>>;
  actorNames: ReadonlySet<string>;
  actorKind: ActorKind;
  /** Registers some `read ... into` of this actor writes; a `{reg}` must name one of them. */
  registers: ReadonlySet<string>;
  /** Socket and selector registers of this actor (written by socket, accept, selector, ...); none when absent. */
  sockets?: ReadonlySet<string>;
  selectors?: ReadonlySet<string>;
  issues: IssueList;
}

/** Registers an op list writes, found before checking so that use-before-definition order is not an error. */
export function collectRegisters(ops: unknown, into = new Set<string>()): Set<string> {
  const sets = collectRegisterSets(ops);
  for (const name of sets.values) into.add(name);
  return into;
}

/** Every register an op list writes, by what it holds: any field whose kind writes a register, in nested bodies too. */
export function collectRegisterSets(ops: unknown, into: RegisterSets = { values: new Set(), sockets: new Set(), selectors: new Set() }): RegisterSets {
  if (!Array.isArray(ops)) return into;
  for (const op of ops) {
    if (!isRecord(op) || typeof op.op !== 'string' || !Object.prototype.hasOwnProperty.call(OP_SIGNATURES, op.op)) continue;
    const signature = OP_SIGNATURES[op.op as keyof typeof OP_SIGNATURES];
    for (const [key, kind] of [...Object.entries(signature.required), ...Object.entries(signature.optional)]) {
      const set = REGISTER_WRITING_KINDS[kind];
      if (set !== undefined && isNonEmptyString(op[key])) into[set].add(op[key] as string);
      if (kind === 'body') collectRegisterSets(op[key], into);
      if (kind === 'handlers' && isRecord(op[key])) for (const body of Object.values(op[key] as Record<string, unknown>)) collectRegisterSets(body, into);
    }
  }
  return into;
}

export function validateOps(ops: unknown, path: string, scope: OpScope): void {
  if (!Array.isArray(ops)) {
    scope.issues.add(path, 'must be an array of operations');
    return;
  }
  ops.forEach((op, i) => validateOp(op, childPath(path, i), scope));
}

function validateOp(op: unknown, path: string, scope: OpScope): void {
  if (!isRecord(op)) {
    scope.issues.add(path, 'must be an object like {"op": "acquire", "target": "lock"}');
    return;
  }
  const name = op.op;
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(OP_SIGNATURES, name)) {
    const got = typeof name === 'string' ? `unknown operation "${name}"` : 'missing operation name';
    scope.issues.add(childPath(path, 'op'), `${got}; expected one of ${OP_NAMES.join(', ')}`);
    return;
  }
  const signature = OP_SIGNATURES[name as keyof typeof OP_SIGNATURES];
  const allowed = ['op', ...Object.keys(signature.required), ...Object.keys(signature.optional)];
  for (const key of Object.keys(op)) {
    if (!allowed.includes(key)) {
      scope.issues.add(childPath(path, key), `unknown field; ${name} takes ${listWords(allowed.slice(1), 'and') || 'no fields'}`);
    }
  }
  for (const [key, kind] of Object.entries(signature.required)) {
    if (op[key] === undefined) scope.issues.add(childPath(path, key), `required by ${name}`);
    else validateField(op[key], kind, childPath(path, key), signature, scope);
  }
  for (const [key, kind] of Object.entries(signature.optional)) {
    if (op[key] !== undefined) validateField(op[key], kind, childPath(path, key), signature, scope);
  }
  validateOpSpecifics(name, op, path, scope);
  if ((PROCESS_ONLY_OPS as readonly string[]).includes(name) && scope.actorKind !== 'process') {
    scope.issues.add(childPath(path, 'op'), `${name} is an operation of process actors; this actor is ${withArticle(scope.actorKind)}`);
  }
  if (name === 'program' && op.args !== undefined && !isRecord(op.args)) scope.issues.add(childPath(path, 'args'), 'must be an object of named arguments');
}

function validateField(value: unknown, kind: FieldKind, path: string, signature: OpSignature, scope: OpScope): void {
  const problem = fieldProblem(value, kind, signature, scope);
  if (problem !== undefined) scope.issues.add(path, problem);
  if (kind === 'body' && Array.isArray(value)) validateOps(value, path, scope);
  if (kind === 'handlers' && isRecord(value)) for (const [name, body] of Object.entries(value)) if (Array.isArray(body)) validateOps(body, childPath(path, name), scope);
}

/** Returns what is wrong with a field value, or undefined when it is fine. */
function fieldProblem(value: unknown, kind: FieldKind, signature: OpSignature, scope: OpScope): string | undefined {
  switch (kind) {
    case 'target':
      return targetProblem(value, signature.targets ?? [], scope);
    case 'actor':
      if (!isNonEmptyString(value)) return 'must be an actor name';
      return scope.actorNames.has(value) ? undefined : `no actor named "${value}"`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'timeout':
      return value === null || isFiniteNumber(value) ? undefined : 'must be a number of time units, or null for no timeout';
    case 'positive-count':
      return Number.isSafeInteger(value) && (value as number) >= 1 ? undefined : 'must be an integer >= 1';
    case 'count':
      if (!Number.isSafeInteger(value) || (value as number) < 0) return 'must be an integer >= 0';
      return (value as number) > MAX_REPEAT_TIMES ? `must be at most ${MAX_REPEAT_TIMES}` : undefined;
    case 'json':
      return isJson(value) ? undefined : 'must be a JSON value (finite numbers, strings, booleans, null, arrays, plain objects)';
    case 'value':
      if (typeof value === 'string') return undefined;
      return numberValueProblem(value, scope);
    case 'number-value':
      return numberValueProblem(value, scope);
    case 'register':
      return isNonEmptyString(value) ? undefined : 'must be a register name';
    case 'units':
      return isFiniteNumber(value) && value >= 0 ? undefined : 'must be a number of time units >= 0';
    case 'label':
      return isNonEmptyString(value) ? undefined : 'must be a non-empty string';
    case 'body':
      return Array.isArray(value) ? undefined : 'must be an array of operations';
    default:
      return socketFieldProblem(value, kind, signature, {
        objects: scope.objects,
        registers: { values: scope.registers, sockets: scope.sockets ?? new Set(), selectors: scope.selectors ?? new Set() },
      });
  }
}

function targetProblem(value: unknown, targets: readonly string[], scope: OpScope): string | undefined {
  if (!isNonEmptyString(value)) return 'must be the name of a declared object';
  const decl = Object.prototype.hasOwnProperty.call(scope.objects, value) ? scope.objects[value] : undefined;
  if (decl === undefined) return `no object named "${value}"`;
  if (!targets.includes(decl.type)) return `"${value}" is ${withArticle(decl.type)}; this operation needs ${withArticle(listWords(targets))}`;
  return undefined;
}

function numberValueProblem(value: unknown, scope: OpScope): string | undefined {
  if (isFiniteNumber(value)) return undefined;
  if (!isRecord(value)) return 'must be a number or {"reg": name, "add"?: number}';
  const extra = Object.keys(value).filter((k) => k !== 'reg' && k !== 'add');
  if (extra.length > 0) return `unknown field "${extra[0]}" in a register expression; it takes reg and add`;
  if (!isNonEmptyString(value.reg)) return 'reg must be a register name';
  if (value.add !== undefined && !isFiniteNumber(value.add)) return 'add must be a finite number';
  if (!scope.registers.has(value.reg)) return `no register "${value.reg}": no read of this actor stores into it`;
  return undefined;
}

/** Rules that involve the target's declaration, beyond the per-field checks. */
function validateOpSpecifics(name: string, op: Record<string, unknown>, path: string, scope: OpScope): void {
  const decl = typeof op.target === 'string' ? scope.objects[op.target] : undefined;
  if (decl === undefined) return;
  if (name === 'release' && op.n !== undefined && !COUNTED_RELEASE.includes(decl.type)) {
    scope.issues.add(childPath(path, 'n'), `only semaphores take a release count; "${op.target}" is ${withArticle(decl.type)}`);
  }
  // multiprocessing.Queue has no task_done/join; thread queues (queue.Queue) always do.
  const queueJoin = name === 'task_done' || name === 'join_queue';
  if (queueJoin && scope.actorKind === 'process' && decl.type === 'queue' && decl.joinable !== true) {
    scope.issues.add(childPath(path, 'target'), `"${op.target}" is not joinable; a process queue needs "joinable": true for ${name}`);
  }
}
