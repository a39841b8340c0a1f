import { SCENARIO_MODEL_VERSION, type ActorKind, type ObjectDecl, type Scenario } from './model';
import { isFiniteNumber, isNonEmptyString, isRecord, listWords, withArticle } from './json-shape';
import { OBJECT_FIELDS, OBJECT_TYPES } from './op-signatures';
import { collectRegisterSets, validateOps } from './validate-ops';
import { isSocketObjectType, socketDeclProblems } from './validate-socket-fields';
import { childPath, InvalidScenarioError, IssueList, type ValidationIssue } from './validation-issues';

/**
 * Validates an untrusted value (a claim's scenario, a file, a message from another process)
 * against the scenario model. Pure: no I/O, no clock. Every problem is reported with its path,
 * so one pass shows them all. docs/scenario.schema.json describes the same model for other
 * languages; this validator also checks what a schema cannot (names that must refer to
 * declared objects and actors, registers that must be written somewhere).
 */

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; issues: ValidationIssue[] };

const TOP_LEVEL_FIELDS = ['version', 'name', 'timeUnitMs', 'deadlineMs', 'objects', 'actors', 'seed'];
const ACTOR_FIELDS = ['name', 'kind', 'start', 'daemon', 'ops'];
const ACTOR_KINDS: readonly ActorKind[] = ['thread', 'process', 'task'];
const QUEUE_ORDERS = ['fifo', 'lifo', 'priority'];

export function validateScenario(value: unknown): ValidationResult {
  const issues = new IssueList();
  if (!isRecord(value)) {
    issues.add('', 'a scenario must be a JSON object');
    return { ok: false, issues: issues.issues };
  }
  // A different version may give the same fields other meanings: stop before misreading them.
  if (value.version !== SCENARIO_MODEL_VERSION) {
    const got = value.version === undefined ? 'missing' : `unsupported version ${JSON.stringify(value.version)}`;
    issues.add('version', `${got}; this harness reads scenario model version ${SCENARIO_MODEL_VERSION}`);
    return { ok: false, issues: issues.issues };
  }
  checkKnownFields(value, '', TOP_LEVEL_FIELDS, 'a scenario', issues);
  if (!isNonEmptyString(value.name)) issues.add('name', 'must be a non-empty string');
  if (!isFiniteNumber(value.timeUnitMs) || value.timeUnitMs <= 0) issues.add('timeUnitMs', 'must be a number of milliseconds > 0');
  if (!isFiniteNumber(value.deadlineMs) || value.deadlineMs <= 0) issues.add('deadlineMs', 'must be a number of milliseconds > 0');
  if (value.seed !== undefined && !Number.isSafeInteger(value.seed)) issues.add('seed', 'must be an integer');
  const objects = validateObjects(value.objects, issues);
  validateActors(value.actors, objects, issues);
  return issues.empty ? { ok: true, scenario: value as unknown as Scenario } : { ok: false, issues: issues.issues };
}

/** Returns the scenario, typed, or throws InvalidScenarioError listing every issue. */
export function assertValidScenario(value: unknown): Scenario {
  const result = validateScenario(value);
  if (result.ok) return result.scenario;
  const name = isRecord(value) && typeof value.name === 'string' ? value.name : undefined;
  throw new InvalidScenarioError(result.issues, name);
}

function checkKnownFields(value: Record<string, unknown>, path: string, allowed: readonly string[], what: string, issues: IssueList): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) issues.add(childPath(path, key), `unknown field; ${what} takes ${listWords(allowed, 'and')}`);
  }
}

/** Returns the declarations whose type is known, so ops can be checked against them even when others are faulty. */
function validateObjects(value: unknown, issues: IssueList): Record<string, ObjectDecl> {
  const known: Record<string, ObjectDecl> = {};
  if (!isRecord(value)) {
    issues.add('objects', 'must be an object mapping names to declarations (may be empty)');
    return known;
  }
  for (const [name, decl] of Object.entries(value)) {
    const path = childPath('objects', name);
    if (name === '') issues.add(path, 'object names must be non-empty');
    if (!isRecord(decl)) {
      issues.add(path, 'must be a declaration like {"type": "lock"}');
      continue;
    }
    if (typeof decl.type !== 'string' || !(OBJECT_TYPES as string[]).includes(decl.type)) {
      issues.add(childPath(path, 'type'), `must be one of ${OBJECT_TYPES.join(', ')}`);
      continue;
    }
    known[name] = decl as unknown as ObjectDecl;
  }
  for (const [name, decl] of Object.entries(known)) validateDecl(name, decl as unknown as Record<string, unknown>, known, issues);
  return known;
}

function validateDecl(name: string, decl: Record<string, unknown>, all: Record<string, ObjectDecl>, issues: IssueList): void {
  const path = childPath('objects', name);
  const type = decl.type as ObjectDecl['type'];
  checkKnownFields(decl, path, ['type', ...OBJECT_FIELDS[type]], withArticle(type), issues);
  const at = (key: string) => childPath(path, key);
  switch (type) {
    case 'semaphore':
    case 'bounded-semaphore':
      if (decl.value !== undefined && !(Number.isSafeInteger(decl.value) && (decl.value as number) >= 0)) {
        issues.add(at('value'), 'must be an integer >= 0');
      }
      break;
    case 'condition':
      if (decl.lock !== undefined) {
        const lock = typeof decl.lock === 'string' ? all[decl.lock] : undefined;
        if (typeof decl.lock !== 'string') issues.add(at('lock'), 'must name a declared lock or rlock');
        else if (lock === undefined) issues.add(at('lock'), `no object named "${decl.lock}"`);
        else if (lock.type !== 'lock' && lock.type !== 'rlock') issues.add(at('lock'), `"${decl.lock}" is ${withArticle(lock.type)}; a condition needs a lock or rlock`);
      }
      break;
    case 'barrier':
      if (!(Number.isSafeInteger(decl.parties) && (decl.parties as number) >= 1)) issues.add(at('parties'), 'must be an integer >= 1');
      break;
    case 'queue':
      if (decl.order !== undefined && !QUEUE_ORDERS.includes(decl.order as string)) issues.add(at('order'), `must be ${listWords(QUEUE_ORDERS)}`);
      if (decl.maxsize !== undefined && !Number.isSafeInteger(decl.maxsize)) issues.add(at('maxsize'), 'must be an integer (< 1 means unbounded)');
      if (decl.joinable !== undefined && typeof decl.joinable !== 'boolean') issues.add(at('joinable'), 'must be true or false');
      break;
    case 'cell':
      if (decl.initial !== undefined && !isFiniteNumber(decl.initial)) issues.add(at('initial'), 'must be a finite number');
      break;
    default:
      if (isSocketObjectType(type)) for (const { field, message } of socketDeclProblems(decl)) issues.add(at(field), message);
      break;
  }
}

function validateActors(value: unknown, objects: Record<string, ObjectDecl>, issues: IssueList): void {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add('actors', 'must be a non-empty array of actors');
    return;
  }
  // Names first, so `start`/`join` may refer to an actor declared later.
  const names = new Set<string>();
  value.forEach((actor, i) => {
    if (!isRecord(actor)) return;
    if (!isNonEmptyString(actor.name)) issues.add(childPath(childPath('actors', i), 'name'), 'must be a non-empty string');
    else if (names.has(actor.name)) issues.add(childPath(childPath('actors', i), 'name'), `duplicate actor name "${actor.name}"`);
    else names.add(actor.name);
  });
  let autoStarting = 0;
  value.forEach((actor, i) => {
    const path = childPath('actors', i);
    if (!isRecord(actor)) {
      issues.add(path, 'must be an actor like {"name": "t1", "kind": "thread", "ops": []}');
      return;
    }
    checkKnownFields(actor, path, ACTOR_FIELDS, 'an actor', issues);
    if (!ACTOR_KINDS.includes(actor.kind as ActorKind)) issues.add(childPath(path, 'kind'), `must be ${listWords(ACTOR_KINDS)}`);
    if (actor.start !== undefined && actor.start !== 'auto' && actor.start !== 'manual') issues.add(childPath(path, 'start'), 'must be "auto" or "manual"');
    if (actor.start !== 'manual') autoStarting++;
    if (actor.daemon !== undefined && typeof actor.daemon !== 'boolean') issues.add(childPath(path, 'daemon'), 'must be true or false');
    const kind = ACTOR_KINDS.includes(actor.kind as ActorKind) ? (actor.kind as ActorKind) : 'thread';
    const written = collectRegisterSets(actor.ops);
    validateOps(actor.ops, childPath(path, 'ops'), { objects, actorNames: names, actorKind: kind, registers: written.values, sockets: written.sockets, selectors: written.selectors, issues });
  });
  // With every actor manual nothing could ever start one: the scenario would do nothing.
  if (autoStarting === 0) issues.add('actors', 'at least one actor must start automatically (start: "auto" or omitted)');
}
