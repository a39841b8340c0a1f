import { armDeadline } from '../../harness/runner/deadline-timer';

describe('armDeadline', () => {
  it('re-arms when the loop fires before the run clock reaches the deadline', async () => {
    // The run clock lags the loop: the first check sees 19.6 of 20 ms, the second the full 20.
    const readings = [19.6, 20.2];
    let checks = 0;
    const fired = await new Promise<number>((resolve) => {
      armDeadline(20, () => readings[Math.min(checks++, readings.length - 1)], () => resolve(checks));
    });
    expect(fired).toBe(2);
  });

  it('fires once the clock has passed the deadline and never after cancel', async () => {
    let fired = 0;
    const start = performance.now();
    await new Promise<void>((resolve) => armDeadline(15, () => performance.now() - start, () => (fired++, resolve())));
    expect(performance.now() - start).toBeGreaterThanOrEqual(15);
    const cancelled = armDeadline(5, () => performance.now() - start, () => fired++);
    cancelled.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toBe(1);
  });
});
