import { current_process, Process, runMain } from '../process';
import { programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 001 §16 and 003 §16: the Process constructor and run(). Each experiment reports what
 * happened:
 * - `group`: Process(group=...) other than None;
 * - `named`: Process(name='名字') as seen by the parent and by the child (`child-name`);
 * - `args`: the target's arguments for args given as a list and as a bare string;
 * - `default-run`: start() on Process(target=...) calls the target (via the default run());
 * - `subclass-run`: start() on a subclass calls its run() (with its own fields);
 * - `no-super`: a subclass whose constructor does not call the parent's.
 *
 * Records: `group` {error, message}, `named` {parent}, `child-name` {name}, `args` {given, received},
 * `default-run` {}, `subclass-run` {name, greeting}, `no-super` {error, stage}.
 */

programArgs({});

export function tell_name(): void {
  report('child-name', { name: current_process().name });
}

export function show_args(given: string, ...received: unknown[]): void {
  report('args', { given, received: received as never });
}

export function plain_target(): void {
  report('default-run');
}

export class MyProcess extends Process {
  constructor(readonly greeting: string) {
    super(); // 必须要继承父类的__init__
  }

  override run(): void {
    report('subclass-run', { name: this.name, greeting: this.greeting });
  }
}

export class NoSuper extends Process {
  override run(): void {
    report('no-super-ran');
  }
}

function failure(e: unknown): { error: string; message: string } {
  return e instanceof Error ? { error: e.name, message: e.message } : { error: 'none', message: '' };
}

async function startAndJoin(p: Process): Promise<void> {
  p.start();
  await p.join();
}

async function main(): Promise<void> {
  try {
    new Process({ group: 'group' as unknown as null });
    report('group', { error: 'none', message: '' });
  } catch (e) {
    report('group', failure(e));
  }

  const named = new Process({ target: tell_name, name: '名字' });
  report('named', { parent: named.name });
  await startAndJoin(named);

  await startAndJoin(new Process({ target: show_args, args: ['list', 1, 2] }));
  await startAndJoin(new Process({ target: show_args, args: 'ab' }));
  await startAndJoin(new Process({ target: plain_target }));
  await startAndJoin(new MyProcess('怼怼哥'));

  // JavaScript itself refuses a derived constructor that never calls super(): the object
  // cannot even be made, so it can never be started.
  const NoSuperClass = class extends NoSuper {
    // @ts-expect-error: no super() call, on purpose
    constructor() {
      return;
    }
  };
  try {
    await startAndJoin(new NoSuperClass());
    report('no-super', { error: 'none', stage: 'started' });
  } catch (e) {
    report('no-super', { ...failure(e), stage: 'constructed' });
  }
}

if (require.main === module) runMain(main);
