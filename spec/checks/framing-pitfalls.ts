import type { ScenarioCheck } from '../claim';
import { op, scenario, thread } from '../dsl';
import { all, checkEvery, expect, expectCompleted, expectReturnedAfter, find } from '../judging';
import { connectTo, fill, net, sockets } from '../socket-dsl';
import { bytesOf } from '../socket-judging';

/**
 * The bugs of the documents' framing code (003 §9, §10), shown with plain socket calls: one
 * recv(n) for a header, a body loop that ignores b'', and send where sendall is needed. The
 * header is what json.dumps writes for the remote-command example, its length packed with
 * struct.pack('i') (native order: little-endian on the machines the suite runs on).
 */

const HEADER = Buffer.from(JSON.stringify({ file_name: 'dir.txt', file_size: 100, md5: 'asdfghjgkj' }).replace(/":/g, '": ').replace(/,"/g, ', "'));
const packed = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return { base64: b.toString('base64') };
};
const base64 = (b: Buffer) => ({ base64: b.toString('base64') });

const listener = { srv: sockets.tcpListener() };

export const headerSingleRecv: ScenarioCheck = checkEvery(
  [
    scenario('the length, then only the first 10 bytes of the header', {
      objects: { ...listener, partial: { type: 'event' }, read: { type: 'event' } },
      actors: [
        thread('receiver', [net.accept('srv', 'conn'), op.wait('partial'), net.recv('conn', 4), net.recv('conn', HEADER.length), op.set('read'), net.recv('conn', 1024)]),
        thread('sender', [
          ...connectTo('srv'),
          net.sendall('c', packed(HEADER.length)),
          net.sendall('c', base64(HEADER.subarray(0, 10))),
          op.set('partial'),
          op.wait('read'),
          net.sendall('c', base64(HEADER.subarray(10))),
          net.close('c'),
        ]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [length, header, rest] = all(run, 'recv');
    expect(bytesOf(length)?.readInt32LE() === HEADER.length, `the 4-byte length says ${HEADER.length}`);
    const got = bytesOf(header) ?? Buffer.alloc(0);
    expect(got.length === 10, `recv(${HEADER.length}) returned only the ${got.length} bytes that had arrived`);
    let parsed = true;
    try {
      JSON.parse(got.toString());
    } catch {
      parsed = false;
    }
    expect(!parsed, 'what it returned is not a JSON header (json.loads would raise)');
    expect(Buffer.concat([got, bytesOf(rest) ?? Buffer.alloc(0)]).equals(HEADER), 'the rest of the header came with a later recv');
  },
  `recv(${HEADER.length}) for the header returned 10 bytes: one recv does not wait for the whole header`,
);

export const bodyLoopIgnoresEof: ScenarioCheck = checkEvery(
  [
    scenario('a header announcing 100 bytes, 40 bytes of body, then the sender closes', {
      objects: { ...listener, sent: { type: 'event' } },
      actors: [
        thread('receiver', [net.accept('srv', 'conn'), op.wait('sent'), net.recv('conn', 4), net.recv('conn', HEADER.length), op.repeat(5, [net.recv('conn', 1024)])]),
        thread('sender', [...connectTo('srv'), net.sendall('c', packed(HEADER.length)), net.sendall('c', base64(HEADER)), net.sendall('c', fill('x', 40)), net.close('c'), op.set('sent')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const body = all(run, 'recv').slice(2);
    const received = body.reduce((n, o) => n + (bytesOf(o)?.length ?? 0), 0);
    expect(received === 40, `the body stops at 40 of the 100 bytes announced; got ${received}`);
    const empty = body.filter((o) => bytesOf(o)?.length === 0);
    expect(empty.length >= 3, "after the peer closed, every recv(1024) returns b'' at once: `while len(total_data) < 100` never ends");
    for (const o of empty) expectReturnedAfter(o, find(run, 'sender', 'close'), "b'' only after the close");
  },
  "once the sender had closed, the body loop's recv(1024) returned b'' on every call and the 100 bytes never came",
);

const BIG = 16 * 1024 * 1024;

export const sendNotSendall: ScenarioCheck = checkEvery(
  [
    scenario('send(16 MiB) with a timeout to a peer that does not read', {
      objects: listener,
      deadlineUnits: 200,
      actors: [
        thread('receiver', [net.accept('srv', 'conn'), op.sleep(20), net.close('conn')]),
        thread('sender', [...connectTo('srv'), net.settimeout('c', 12), net.send('c', fill('r', BIG))]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const send = find(run, 'sender', 'send');
    expect(send.outcome === 'ok' && typeof send.value === 'number', `send returned a count (${send.outcome}${send.error ? `: ${send.error}` : ''})`);
    const n = send.value as number;
    expect(n > 0 && n < BIG, `send queued only part of the body: ${n} of ${BIG} bytes; the rest was never sent`);
  },
  'send() with a timeout returned after queuing only part of a 16 MiB body',
);
