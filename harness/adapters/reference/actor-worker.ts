import { parentPort } from 'node:worker_threads';
import type { HistoryEvent } from '../../scenario/history';
import type { ObjectDecl } from '../../scenario/model';
import { ActorProgram } from './actor-program';
import { ActorState, ControlBlock } from './control-block';
import type { ActorNetwork } from './network-binding';
import type { ObjectBinding } from './object-binding';
import type { MainToWorker, RunActorMessage, WorkerToMain } from './worker-protocol';

/**
 * The body of an actor worker thread. It serves runs one after another (workers are pooled,
 * since starting a thread costs far more than most scenarios take): for each run it attaches
 * the shared objects, reports `ready`, parks until its actor is started or cancelled, plays
 * the actor, and reports `done`. While it plays, its event loop is blocked on purpose: the
 * actor is a thread doing blocking calls, and the main thread stops it with terminate().
 */
export function serveActorWorker(binding: ObjectBinding): void {
  const port = parentPort;
  if (port === null) throw new Error('serveActorWorker must run inside a worker thread');
  const send = (message: WorkerToMain) => port.postMessage(message);
  port.on('message', (message: MainToWorker) => {
    if (message.type !== 'run') return;
    // A failure outside the actor's ops is the executor's own: rethrown, it crashes the worker and the run reports it.
    playRun(message, binding, send).catch((e: unknown) => {
      setImmediate(() => {
        throw e;
      });
    });
  });
  send({ type: 'idle' });
}

async function playRun(message: RunActorMessage, binding: ObjectBinding, send: (m: WorkerToMain) => void): Promise<void> {
  const { runId } = message;
  let objects: Map<string, { decl: ObjectDecl; object: unknown }>;
  let network: ActorNetwork | undefined;
  try {
    objects = attachAll(message, binding);
    if (message.network !== undefined) {
      if (binding.network === undefined) throw new Error('the scenario has sockets and this binding has no network');
      network = await binding.network.open(message.network, message.actorIndex);
    }
  } catch (e) {
    send({ type: 'setup-failed', runId, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    return;
  }
  const control = new ControlBlock(message.control);
  send({ type: 'ready', runId });
  if (control.awaitStart(message.actorIndex) === ActorState.CANCELLED) {
    network?.close();
    send({ type: 'done', runId });
    return;
  }
  const program = new ActorProgram({
    actor: message.actor,
    actorIndex: message.actorIndex,
    actorIndexes: message.actorIndexes,
    timeUnitMs: message.timeUnitMs,
    objects,
    cellIndexes: message.cellIndexes,
    cells: new Float64Array(message.cells),
    control,
    binding,
    emit: (event: HistoryEvent) => send({ type: 'event', runId, event }),
    ...(network === undefined ? {} : { network }),
  });
  const playing = program.run();
  if (playing !== undefined) await playing;
  // The actor's sockets go when it ends, as a CPython thread's local sockets are closed when its function returns.
  network?.close();
  control.markDone(message.actorIndex);
  // `done` waits one turn of the event loop so that anything the ops left scheduled runs first:
  // if it throws, the crash is seen before `done` and this worker is never reused.
  setImmediate(() => send({ type: 'done', runId }));
}

function attachAll(message: RunActorMessage, binding: ObjectBinding): Map<string, { decl: ObjectDecl; object: unknown }> {
  const objects = new Map<string, { decl: ObjectDecl; object: unknown }>();
  for (const [name, { decl, handle }] of Object.entries(message.objects)) {
    objects.set(name, { decl, object: binding.attach(decl, handle) });
  }
  return objects;
}
