import { attachShared, connectShared, type SharedHandle } from '../../../../impl/process';
import { runAtExitHooks } from '../../../../impl/process/at-exit';
import type { Json, ObjectDecl } from '../../../scenario/model';
import { HostActorProgram } from './host-actor-program';
import type { ControlOp, ExecutorToHost, HostRunMessage, HostToExecutor } from './host-protocol';

/**
 * The program of an actor host: a child process that plays one actor per run, for as many runs
 * as the executor gives it. For each run it attaches the shared objects (connecting to the
 * executor's object server), reports `ready`, waits for the clock origin, plays the ops and
 * reports `done`. If the executor goes away (its IPC channel closes), the host exits: an actor
 * host never outlives the run that owns it.
 */

interface ActiveRun {
  runId: number;
  message: HostRunMessage;
  objects: Map<string, { decl: ObjectDecl; object: unknown }>;
  pending: Map<number, { resolve(value: Json): void; reject(error: Error): void }>;
  nextRequest: number;
}

let active: ActiveRun | undefined;

function send(message: HostToExecutor): void {
  process.send?.(message);
}

function attachAll(objects: Record<string, { decl: ObjectDecl; handle: SharedHandle }>): Map<string, { decl: ObjectDecl; object: unknown }> {
  const attached = new Map<string, { decl: ObjectDecl; object: unknown }>();
  for (const [name, { decl, handle }] of Object.entries(objects)) attached.set(name, { decl, object: attachShared(handle) });
  return attached;
}

function play(run: ActiveRun, origin: bigint): void {
  const program = new HostActorProgram({
    actor: run.message.actor,
    timeUnitMs: run.message.timeUnitMs,
    objects: run.objects,
    origin,
    emit: (event) => send({ type: 'event', runId: run.runId, event }),
    request: (op: ControlOp) =>
      new Promise<Json>((resolve, reject) => {
        const requestId = run.nextRequest++;
        run.pending.set(requestId, { resolve, reject });
        send({ type: 'request', runId: run.runId, requestId, op });
      }),
  });
  // Like a CPython process whose run() returned, the actor is done only once what it put on
  // queues has been flushed (their feeders joined, unless cancel_join_thread()).
  void program
    .run()
    .then(() => runAtExitHooks())
    .then(() => {
      if (active === run) active = undefined;
      send({ type: 'done', runId: run.runId });
    });
}

async function prepare(message: HostRunMessage): Promise<void> {
  let objects: ActiveRun['objects'];
  try {
    objects = attachAll(message.objects);
    await connectShared(Object.values(message.objects).map((o) => o.handle));
  } catch (e) {
    send({ type: 'setup-failed', runId: message.runId, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    return;
  }
  const run: ActiveRun = { runId: message.runId, message, objects, pending: new Map(), nextRequest: 1 };
  active = run;
  send({ type: 'ready', runId: message.runId });
  if (message.origin !== undefined) play(run, message.origin);
}

function onMessage(message: ExecutorToHost): void {
  switch (message.type) {
    case 'run':
      void prepare(message);
      return;
    case 'go':
      if (active?.runId === message.runId) play(active, message.origin);
      return;
    case 'reply': {
      const waiter = active?.runId === message.runId ? active.pending.get(message.requestId) : undefined;
      if (waiter === undefined) return;
      active?.pending.delete(message.requestId);
      if (message.error === undefined) waiter.resolve(message.value ?? null);
      else {
        const error = new Error(message.error.message);
        error.name = message.error.name;
        waiter.reject(error);
      }
      return;
    }
  }
}

process.on('message', onMessage);
process.on('disconnect', () => process.exit(0));
send({ type: 'idle' });
