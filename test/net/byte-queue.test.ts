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
