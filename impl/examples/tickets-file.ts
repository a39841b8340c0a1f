import { Lock, Process, runMain } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { createTicketDb, readTickets, writeTickets } from './support/ticket-db';
import { report, say } from './support/trace';

/**
 * 004, 多进程实现抢票: ten buyer processes, started a random fraction of a second apart, each
 * reads the ticket count from a JSON file, waits 0-2 seconds, and writes it back one lower.
 * Without `lock` the read-decrement-write sequences interleave and more tickets are sold than
 * exist; with a multiprocessing.Lock around it, exactly as many as exist.
 *
 * Records: `bought` {buyer, left}, `sold-out` {buyer}, and `final` {left} once every buyer is done.
 */

const args = programArgs({ lock: false, buyers: 10, tickets: 5 });
const clock = new Clock(args.unitMs);
const FIELD = 'ticket_num';

export async function take_ticket(name: string, db: string, lock: Lock | null): Promise<void> {
  // 申请锁
  if (lock !== null) await lock.acquire();
  try {
    let ticket_num = readTickets(db, FIELD);
    if (ticket_num <= 0) {
      say(`${name} 进行抢票, 但是没票了`, 'sold-out', { buyer: name });
      return;
    }
    await clock.sleep(randint(0, 2));
    ticket_num -= 1;
    say(`${name} 抢到了票, 还剩余 ${ticket_num}`, 'bought', { buyer: name, left: ticket_num });
    writeTickets(db, FIELD, ticket_num);
  } finally {
    // 释放锁
    if (lock !== null) await lock.release();
  }
}

async function main(): Promise<void> {
  const db = createTicketDb(FIELD, args.tickets);
  const lock = args.lock ? new Lock() : null;
  const processes = Array.from({ length: args.buyers }, (_, i) => new Process({ target: take_ticket, args: [`${i}`, db, lock] }));
  for (const p of processes) {
    await clock.sleep(Math.random());
    p.start();
  }
  for (const p of processes) await p.join();
  report('final', { left: readTickets(db, FIELD) });
}

if (require.main === module) runMain(main);
