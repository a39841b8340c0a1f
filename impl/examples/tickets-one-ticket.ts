import { Process, Queue, runMain } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 003, 25: "一张票五人抢购", with the listing's syntax errors fixed (args=(ticket, q), and the
 * f-strings). A Queue(1) holds the ticket dict: a buyer takes it out, decides, and puts it back,
 * so the queue works as a lock and the one ticket goes to exactly one buyer.
 *
 * Records: `search` {ticket}, `took` {} when the dict is out of the queue, `bought` {} or
 * `none` {}, `gives-back` {} just before putting it back.
 */

const args = programArgs({ buyers: 5 });
const clock = new Clock(args.unitMs);

interface Ticket {
  count: number;
}

export async function search(ticket: number): Promise<void> {
  await clock.sleep(Math.random());
  say(`剩余票数${ticket}`, 'search', { ticket });
}

export async function _get(q: Queue<Ticket>): Promise<void> {
  const dic = await q.get();
  report('took');
  await clock.sleep(randint(1, 3));
  if (dic.count > 0) {
    dic.count -= 1;
    say(`${process.pid}用户购票成功`, 'bought');
  } else {
    say(`用户${process.pid}没票了`, 'none');
  }
  report('gives-back');
  await q.put(dic);
}

export async function task(ticket: number, q: Queue<Ticket>): Promise<void> {
  await search(ticket);
  await _get(q);
}

async function main(): Promise<void> {
  const q = new Queue<Ticket>(1);
  await q.put({ count: 1 });
  const ticket = 1;
  for (let i = 0; i < args.buyers; i++) new Process({ target: task, args: [ticket, q] }).start();
}

if (require.main === module) runMain(main);
