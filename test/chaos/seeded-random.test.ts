import fc from 'fast-check';
import { SeededRandom } from '../../harness/chaos';

describe('SeededRandom', () => {
  test('the same seed gives the same sequence; another seed another one', () => {
    const take = (seed: number) => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  test('values stay in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.nat(100), (seed, min, span) => {
        const r = new SeededRandom(seed);
        for (let i = 0; i < 50; i++) {
          const x = r.next();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          const n = r.int(min, min + span);
          expect(n).toBeGreaterThanOrEqual(min);
          expect(n).toBeLessThanOrEqual(min + span);
        }
      }),
    );
  });

  test('a fork depends on the seed and the label, not on how far the parent has gone', () => {
    const a = new SeededRandom(7);
    const early = a.fork('tcp/0/upstream').next();
    for (let i = 0; i < 100; i++) a.next();
    expect(a.fork('tcp/0/upstream').next()).toBe(early);
    expect(new SeededRandom(7).fork('tcp/1/upstream').next()).not.toBe(early);
    expect(new SeededRandom(8).fork('tcp/0/upstream').next()).not.toBe(early);
  });

  test('chance(p) happens about p of the time', () => {
    const r = new SeededRandom(1);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (r.chance(0.3)) hits++;
    expect(hits / 10_000).toBeGreaterThan(0.27);
    expect(hits / 10_000).toBeLessThan(0.33);
  });
});
