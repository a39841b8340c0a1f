import { Manager, Process, runMain, type DictProxy, type ListProxy } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { report } from './support/trace';

/**
 * 000, Manager 实现进程通信: "必须使用 manager对象创建的 list 和 dict 来收发数据". A child appends
 * to a Manager list and sets keys of a Manager dict, and also appends to a plain list it was
 * given; the main process then looks at all three.
 *
 * Records: `child-made` {num}; `parent-sees` {managerList, managerDict, plainList}.
 */

const args = programArgs({ rounds: 3 });
const clock = new Clock(args.unitMs);

export async function func1(manager_list: ListProxy<number>, manager_dict: DictProxy<number>, plain: number[]): Promise<void> {
  for (let i = 0; i < args.rounds; i++) {
    const random_num = randint(1, 100);
    await manager_list.append(random_num);
    await manager_dict.set(random_num, random_num);
    plain.push(random_num);
    report('child-made', { num: random_num });
    await clock.sleep(0.1);
  }
}

async function main(): Promise<void> {
  const manager = await Manager();
  // 必须使用 manager对象创建的 list 和 dict 来收发数据
  const manager_list = await manager.list<number>();
  const manager_dict = await manager.dict<number>();
  const plain: number[] = [];
  const child_process = new Process({ target: func1, args: [manager_list, manager_dict, plain] });
  child_process.start();
  await child_process.join();
  report('parent-sees', { managerList: await manager_list.copy(), managerDict: (await manager_dict.items()) as never, plainList: plain });
  await manager.shutdown();
}

if (require.main === module) runMain(main);
