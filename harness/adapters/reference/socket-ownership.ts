import type { Actor, Scenario } from '../../scenario/model';
import { OP_SIGNATURES } from '../../scenario/op-signatures';
import type { SocketObjectDecl } from '../../scenario/socket-model';
import { isSocketObjectType } from '../../scenario/validate-socket-fields';

/**
 * Which actor's worker holds each declared socket. Node cannot share a socket between worker
 * threads, so a declared socket belongs to the one actor that operates on it (accept, recv,
 * select, …); other actors may only address it (`{ "of": name }`). A declared socket no actor
 * operates on belongs to the first actor. Two actors operating on the same declared socket is
 * something CPython allows and this executor cannot run: `conflicts` says so.
 */

export interface SocketOwnership {
  owners: Record<string, { decl: SocketObjectDecl; owner: number; slot: number }>;
  conflicts: string[];
}

/** Names of declared sockets an op list operates on (socket and socket-list fields), nested bodies included. */
export function socketsOperatedOn(ops: readonly unknown[], declared: ReadonlySet<string>, into = new Set<string>()): Set<string> {
  for (const op of ops) {
    if (op === null || typeof op !== 'object') continue;
    const record = op as Record<string, unknown>;
    const signature = typeof record.op === 'string' ? OP_SIGNATURES[record.op as keyof typeof OP_SIGNATURES] : undefined;
    if (signature === undefined) continue;
    for (const [key, kind] of [...Object.entries(signature.required), ...Object.entries(signature.optional)]) {
      const value = record[key];
      if (kind === 'socket' && typeof value === 'string' && declared.has(value)) into.add(value);
      if (kind === 'socket-list' && Array.isArray(value)) for (const v of value) if (typeof v === 'string' && declared.has(v)) into.add(v);
      if (kind === 'body' && Array.isArray(value)) socketsOperatedOn(value, declared, into);
      if (kind === 'handlers' && value !== null && typeof value === 'object') {
        for (const body of Object.values(value as Record<string, unknown>)) if (Array.isArray(body)) socketsOperatedOn(body, declared, into);
      }
    }
  }
  return into;
}

export function assignSocketOwners(scenario: Scenario): SocketOwnership {
  const declared = Object.entries(scenario.objects).filter(([, decl]) => isSocketObjectType(decl.type)) as [string, SocketObjectDecl][];
  const names = new Set(declared.map(([name]) => name));
  const usedBy = scenario.actors.map((actor: Actor) => socketsOperatedOn(actor.ops, names));
  const owners: SocketOwnership['owners'] = {};
  const conflicts: string[] = [];
  declared.forEach(([name, decl], slot) => {
    const users = scenario.actors.map((_, i) => i).filter((i) => usedBy[i].has(name));
    if (users.length > 1) {
      const who = users.map((i) => `"${scenario.actors[i].name}"`).join(' and ');
      conflicts.push(`socket "${name}" is operated on by actors ${who}; a Node socket belongs to one worker thread, so only one actor may operate on a declared socket (the others may address it with {"of": "${name}"})`);
    }
    owners[name] = { decl, owner: users[0] ?? 0, slot };
  });
  return { owners, conflicts };
}
