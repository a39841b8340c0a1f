import { Pipe, Process, runMain, type Connection } from '../process';
import { programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 000 管道通信 and 001 17、进程的通信: a duplex Pipe between the main process and a child (each
 * end sends and receives), a one-way Pipe(duplex=False) used the wrong way, recv() after the
 * other end is closed, and a received object changed by its receiver.
 *
 * Records: `child-got` {data}, `parent-got` {data}; `one-way` {use, error, message};
 * `after-close` {error}; `receiver-changed` {copy}, `sender-has` {original}.
 */

programArgs({});

export async function func1(conn: Connection): Promise<void> {
  const data = await conn.recv();
  report('child-got', { data: data as never });
  await conn.send({ reply: 'pong' });
}

export async function changes_it(conn: Connection): Promise<void> {
  const got = (await conn.recv()) as { items: number[] };
  got.items.push(99);
  report('receiver-changed', { copy: got.items });
  await conn.send('done');
}

function failure(e: unknown): { error: string; message: string } {
  return e instanceof Error ? { error: e.name, message: e.message } : { error: 'none', message: '' };
}

async function main(): Promise<void> {
  // 创建管道
  const [parent_conn, child_conn] = Pipe();
  const other = new Process({ target: func1, args: [child_conn] });
  other.start();
  await parent_conn.send({ ping: 1 });
  report('parent-got', { data: (await parent_conn.recv()) as never });
  await other.join();

  const [reader, writer] = Pipe(false);
  for (const [use, attempt] of [
    ['send on the read end', () => reader.send(1)],
    ['recv on the write end', () => writer.recv()],
  ] as const) {
    try {
      await attempt();
      report('one-way', { use, error: 'none', message: '' });
    } catch (e) {
      report('one-way', { use, ...failure(e) });
    }
  }
  await writer.send('last');
  await writer.close();
  await reader.recv();
  try {
    await reader.recv();
    report('after-close', { error: 'none' });
  } catch (e) {
    report('after-close', { error: failure(e).error });
  }

  const [mine, theirs] = Pipe();
  const original = { items: [1, 2] };
  const receiver = new Process({ target: changes_it, args: [theirs] });
  receiver.start();
  await mine.send(original);
  await mine.recv();
  await receiver.join();
  report('sender-has', { original: original.items });
}

if (require.main === module) runMain(main);
