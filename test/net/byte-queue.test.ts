import fc from 'fast-check';
import { ByteQueue } from '../../impl/net/byte-queue';

test('takes come out as the pushed bytes, in order, however pushes and takes interleave', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.record({ push: fc.uint8Array({ maxLength: 40 }) }), fc.record({ take: fc.nat(60) })), { maxLength: 200 }),
      (steps) => {
        const queue = new ByteQueue();
        let model = Buffer.alloc(0);
        for (const step of steps) {
          if ('push' in step) {
            queue.push(step.push);
            model = Buffer.concat([model, step.push]);
          } else {
            const expected = model.subarray(0, step.take);
            model = model.subarray(expected.length);
            expect(queue.take(step.take)).toEqual(Buffer.from(expected));
          }
          expect(queue.length).toBe(model.length);
        }
        expect(queue.takeAll()).toEqual(Buffer.from(model));
        expect(queue.length).toBe(0);
      },
    ),
  );
});

describe('peekInt32 and skip', () => {
  test('read the prefix in place or across chunk boundaries, without consuming it', () => {
    const bytes = Buffer.from([0xff, 0xff, 0xff, 0xfe, 1, 2, 3]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const queue = new ByteQueue();
      queue.push(bytes.subarray(0, cut));
      queue.push(bytes.subarray(cut));
      expect(queue.peekInt32(true)).toBe(bytes.readInt32LE(0));
      expect(queue.peekInt32(false)).toBe(-2);
      expect(queue.length).toBe(7);
      queue.skip(4);
      expect(queue.length).toBe(3);
      expect([...queue.takeAll()]).toEqual([1, 2, 3]);
    }
  });

  test('small takes from one chunk return its bytes in order', () => {
    const queue = new ByteQueue();
    queue.push(Buffer.from([1, 2, 3, 4, 5, 6]));
    queue.push(Buffer.from([7, 8]));
    expect([...queue.take(2)]).toEqual([1, 2]);
    expect([...queue.take(3)]).toEqual([3, 4, 5]);
    expect([...queue.take(2)]).toEqual([6, 7]);
    expect([...queue.take(5)]).toEqual([8]);
    expect(queue.length).toBe(0);
  });
});
