import { Process, runMain } from '../process';
import { programArgs } from './support/program-args';
import { say } from './support/trace';

/**
 * 000, 进程的其他属性及方法: five MyProcess instances (a Process subclass without a name) print
 * their name, pid and is_alive() from inside run().
 *
 * Records: `run` {name, pid, alive} from each child.
 */

const args = programArgs({ processes: 5 });

export class MyProcess extends Process {
  override run(): void {
    say(`进程名称:${this.name}, 进程id:${this.pid}, 进程是否在运行:${this.is_alive() ? 'True' : 'False'}`, 'run', { name: this.name, reportedPid: this.pid, alive: this.is_alive() });
  }
}

async function main(): Promise<void> {
  const process_list: MyProcess[] = [];
  for (let i = 0; i < args.processes; i++) {
    const item_process = new MyProcess();
    process_list.push(item_process);
    item_process.start();
  }
  for (const p of process_list) await p.join();
}

if (require.main === module) runMain(main);
