import * as fs from 'node:fs';
import { Lock, Process, runMain } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { createTicketDb, readTickets, writeTickets } from './support/ticket-db';
import { say } from './support/trace';

/**
 * 003, 22. 互斥锁 (and 002, 使用Process实现): each buyer first checks the count outside the
 * lock (search), then buys under the lock (get: read, wait 1-3 seconds, write). "多进程原则上
 * 是不能互相通信的...不代表磁盘上数据隔离": every buyer reads the file the others write.
 *
 * Records: `search` {count}, `bought` {}, `none` {}.
 */

const args = programArgs({ buyers: 5, tickets: 3 });
const clock = new Clock(args.unitMs);

export async function search(db: string): Promise<void> {
  await clock.sleep(Math.random());
  const count = readTickets(db, 'count');
  say(`剩余票数${count}`, 'search', { count });
}

export async function get(db: string): Promise<void> {
  const dic = JSON.parse(fs.readFileSync(db, 'utf8')) as { count: number };
  await clock.sleep(randint(1, 3));
  if (dic.count > 0) {
    dic.count -= 1;
    writeTickets(db, 'count', dic.count);
    say(`${process.pid}用户购买成功`, 'bought');
  } else {
    say('没票了.....', 'none');
  }
}

export async function task(db: string, lock: Lock): Promise<void> {
  await search(db);
  await lock.acquire();
  await get(db);
  await lock.release();
}

async function main(): Promise<void> {
  const db = createTicketDb('count', args.tickets);
  const lock = new Lock();
  for (let i = 0; i < args.buyers; i++) new Process({ target: task, args: [db, lock] }).start();
}

if (require.main === module) runMain(main);
