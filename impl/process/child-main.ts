import type { ChildStartMessage } from './child-protocol';
import { runAtExitHooks } from './at-exit';
import { finishChildren } from './children';
import { adoptCurrentProcess, Process } from './process';
import { runtime } from './runtime';
import { setProcessSourceDir } from './source-location';
import { resolveExportRef } from './target-ref';
import { decodeValue } from './transfer';
import './shared-kinds';

/**
 * The program every child process starts with (as a bundle; see bundle.ts). It waits for its
 * parent's start message, loads the modules that define its target, rebuilds its Process
 * object, runs run(), then ends as CPython's child bootstrap does: finish its own children
 * (terminate the daemonic ones, wait for the rest) and exit with 0, or 1 after printing the
 * error if run() raised.
 */

async function runChild(message: ChildStartMessage): Promise<void> {
  const rt = runtime();
  setProcessSourceDir(message.sourceDir);
  rt.current = { name: message.name, identity: message.identity, daemon: message.daemon, parentPid: message.parentPid, self: undefined };
  rt.nextChildNumber = 1;
  // Modules that read their arguments at load time see the program's, as under spawn.
  process.argv = [process.argv[0], ...message.argv];
  let code = 0;
  try {
    for (const { module, bundle } of message.modules) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      rt.modules.set(module, require(bundle) as Record<string, unknown>);
    }
    const Class = (message.classRef === undefined ? Process : resolveExportRef(message.classRef)) as { prototype: object };
    const target = message.targetRef === undefined ? undefined : (resolveExportRef(message.targetRef) as (...args: unknown[]) => unknown);
    const { fields, args } = decodeValue(message.state) as { fields: Record<string, unknown>; args: unknown[] };
    const self = Object.assign(Object.create(Class.prototype) as Process, fields);
    adoptCurrentProcess(self, { name: message.name, daemon: message.daemon, identity: message.identity, target, args });
    if (message.daemon) {
      // A daemonic child never outlives its parent, even one that died without cleaning up.
      process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
    }
    await self.run();
  } catch (error) {
    code = 1;
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    process.stderr.write(`Process ${message.name}:\n${text}\n`);
  }
  await runAtExitHooks();
  await finishChildren();
  process.exit(code);
}

process.once('message', (message: ChildStartMessage) => {
  // Whatever the target leaves behind, the child ends when run() does; the channel must not
  // keep it alive.
  process.channel?.unref();
  void runChild(message);
});
