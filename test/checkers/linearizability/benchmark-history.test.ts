/** The benchmark's history (bench/queue-history.ts) is decided; its timing belongs to `npm run bench`. */
import { generateQueueHistory } from '../../../bench/queue-history';
import { checkLinearizability, models, operationsFromHistory } from '../../../harness/checkers/linearizability';

describe('the checker benchmark history', () => {
  it('is a 10,000-operation history from 8 actors with overlapping operations, and linearizable', () => {
    const events = generateQueueHistory({ operations: 10_000, actors: 8, seed: 1 });
    const ops = operationsFromHistory(events, 'q');
    expect(ops).toHaveLength(10_000);
    expect(new Set(ops.map((op) => op.actor)).size).toBe(8);
    const sorted = [...ops].sort((a, b) => a.call - b.call);
    const overlapping = sorted.filter((op, i) => i > 0 && op.call < (sorted[i - 1] as (typeof sorted)[number]).return).length;
    expect(overlapping).toBeGreaterThan(1000);
    expect(checkLinearizability(ops, models.fifoQueue, { maxMs: 60_000 }).verdict).toBe('linearizable');
  });

  it('is not linearizable once two gets swap their items', () => {
    const events = generateQueueHistory({ operations: 2_000, actors: 8, seed: 2 });
    const gets = events.filter((e) => e.type === 'ok' && e.f === 'get_nowait');
    const [a, b] = [gets[100], gets[600]];
    if (a === undefined || b === undefined) throw new Error('expected enough gets');
    [a.value, b.value] = [b.value, a.value];
    expect(checkLinearizability(operationsFromHistory(events, 'q'), models.fifoQueue, { maxMs: 60_000 }).verdict).toBe('not-linearizable');
  });
});
