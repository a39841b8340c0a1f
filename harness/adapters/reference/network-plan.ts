import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Op, Scenario } from '../../scenario/model';
import { SOCKET_OP_NAMES } from '../../scenario/socket-signatures';
import type { NetworkPlan } from './network-binding';
import { assignSocketOwners } from './socket-ownership';

/**
 * The main thread's part of a socket scenario: who owns each declared socket, a fresh directory
 * for AF_UNIX paths (removed after the run, whatever happened), and the shared port board.
 */

export interface PreparedNetwork {
  /** Undefined when the scenario has no sockets at all. */
  plan?: NetworkPlan;
  dispose(): void;
}

function opsUseSockets(ops: readonly Op[]): boolean {
  return ops.some((op) => {
    if ((SOCKET_OP_NAMES as readonly string[]).includes(op.op)) return true;
    if (op.op === 'repeat') return opsUseSockets(op.body);
    if (op.op === 'when') return opsUseSockets(op.then) || opsUseSockets(op.else ?? []);
    return false;
  });
}

export function scenarioUsesSockets(scenario: Scenario): boolean {
  return scenario.actors.some((actor) => opsUseSockets(actor.ops));
}

export function prepareNetwork(scenario: Scenario): PreparedNetwork {
  const { owners } = assignSocketOwners(scenario);
  const names = Object.keys(owners);
  if (names.length === 0 && !scenarioUsesSockets(scenario)) return { dispose: () => undefined };
  let directory: string | undefined;
  const sockets: NetworkPlan['sockets'] = {};
  for (const name of names) {
    const { decl, owner, slot } = owners[name];
    let socketPath: string | undefined;
    if (decl.type === 'unix-listener') {
      directory ??= fs.mkdtempSync(path.join(os.tmpdir(), 'conform-unix-'));
      socketPath = path.join(directory, `${slot}.sock`);
    }
    sockets[name] = { decl, owner, slot, ...(socketPath === undefined ? {} : { path: socketPath }) };
  }
  return {
    plan: { sockets, board: new SharedArrayBuffer(4 * Math.max(1, names.length)) },
    dispose: () => {
      if (directory !== undefined) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
