import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ByteQueue } from '../../impl/net/byte-queue';

// A queue that is never drained completely (a long upload read as it arrives, with the next
// chunk always already there) must not keep the chunks it has handed out: before the fix, up to
// 1024 consumed chunks per queue stayed referenced, hundreds of megabytes for 50 uploads.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a consumed chunk is released while later chunks are still queued', async () => {
  const queue = new ByteQueue();
  const refs: WeakRef<Buffer>[] = [];
  for (let i = 0; i < 20; i++) {
    const chunk = Buffer.alloc(64 * 1024, i);
    refs.push(new WeakRef(chunk));
    queue.push(chunk);
    // Take the previous chunk's worth, so the queue always holds one chunk: it never drains.
    if (i > 0) expect(queue.take(64 * 1024)[0]).toBe(i - 1);
  }
  await tick();
  gc();
  await tick();
  gc();
  const alive = refs.map((r) => r.deref() !== undefined);
  // Only the last chunk, still queued, must be alive.
  expect(alive.slice(0, -1).filter(Boolean)).toEqual([]);
  expect(alive[alive.length - 1]).toBe(true);
  expect(queue.length).toBe(64 * 1024);
});
