import { Process, runMain, Semaphore } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 004, 信号量: thirteen users and a KTV with four rooms. Semaphore(4) lets at most four
 * processes hold a room at a time; each stays 1-3 of the document's seconds.
 *
 * Records: `enter` {user} once a room is taken, `leave` {user} just before giving it back.
 */

const args = programArgs({ rooms: 4, users: 13 });
const clock = new Clock(args.unitMs);

export async function go_ktv(sem: Semaphore, user: string): Promise<void> {
  await sem.acquire();
  say(`${user} 占到一间ktv小屋`, 'enter', { user });
  // 模拟每个人在ktv中待的时间不同
  await clock.sleep(randint(1, 3));
  report('leave', { user });
  await sem.release();
}

async function main(): Promise<void> {
  // 最多允许4个对象拿到锁
  const sem = new Semaphore(args.rooms);
  const processes = Array.from({ length: args.users }, (_, i) => new Process({ target: go_ktv, args: [sem, `user${i}`] }));
  for (const p of processes) p.start();
}

if (require.main === module) runMain(main);
