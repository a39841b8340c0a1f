/**
 * Properties over sequential histories: one actor's operations (or several actors' that never
 * overlap) have exactly one linearization, their real-time order, so the checker must accept the
 * outputs the model produced and refuse any single output the model would not have produced.
 * Outputs are chosen among a few candidates by asking the model which it accepts: this tests the
 * search and the conversion from events, not the models (their own tests do that).
 */
import fc from 'fast-check';
import { checkLinearizability, models, operationsFromHistory, type CallOutput, type SequentialModel } from '../../../harness/checkers/linearizability';
import type { Json } from '../../../harness/scenario/model';
import type { HistoryEvent } from '../../../harness/scenario/history';

interface Subject {
  name: string;
  model: SequentialModel<unknown>;
  /** An input built from two random numbers. */
  input(kind: number, n: number): { f: string; args: { [key: string]: Json } };
  /** Every output a call could be recorded with, given the state's observable items. */
  outputs(f: string, observed: Json[]): CallOutput[];
}

const queueOutputs = (f: string, observed: Json[]): CallOutput[] => {
  if (f.startsWith('put')) return [{ outcome: 'ok' }, { outcome: 'fail', error: 'Full' }];
  if (f === 'qsize') return [0, 1, 2, 3, 4, 5].map((value) => ({ outcome: 'ok', value }));
  return [...observed.map((value): CallOutput => ({ outcome: 'ok', value })), { outcome: 'fail', error: 'Empty' }];
};

const queueSubject = (name: string, model: SequentialModel<unknown>): Subject => ({
  name,
  model,
  input: (kind, n): { f: string; args: { [key: string]: Json } } => {
    if (kind % 3 === 0) return { f: 'get_nowait', args: {} };
    if (kind % 5 === 1) return { f: 'qsize', args: {} };
    return { f: kind % 2 ? 'put' : 'put_nowait', args: { item: n % 7 } };
  },
  outputs: queueOutputs,
});

const lockOutputs: CallOutput[] = [{ outcome: 'ok', value: true }, { outcome: 'ok', value: false }, { outcome: 'ok' }, { outcome: 'fail', error: 'RuntimeError' }, { outcome: 'fail', error: 'ValueError' }];

const subjects: Subject[] = [
  queueSubject('FIFO queue', models.fifoQueue as SequentialModel<unknown>),
  queueSubject('LIFO queue', models.lifoQueue as SequentialModel<unknown>),
  queueSubject('priority queue', models.priorityQueue as SequentialModel<unknown>),
  queueSubject('bounded queue', models.boundedQueue(2) as SequentialModel<unknown>),
  { name: 'lock', model: models.lock as SequentialModel<unknown>, input: (k) => ({ f: k % 2 ? 'acquire' : 'release', args: k % 4 === 1 ? { blocking: false } : {} }), outputs: () => lockOutputs },
  { name: 'bounded semaphore', model: models.semaphore(2, true) as SequentialModel<unknown>, input: (k) => ({ f: k % 2 ? 'acquire' : 'release', args: {} }), outputs: () => lockOutputs },
  {
    name: 'event',
    model: models.event as SequentialModel<unknown>,
    input: (k) => ({ f: ['set', 'clear', 'is_set', 'wait'][k % 4] as string, args: {} }),
    outputs: () => [{ outcome: 'ok' }, { outcome: 'ok', value: true }, { outcome: 'ok', value: false }],
  },
];

/** The items a state holds, as far as these tests need to offer them as get outputs. */
const observedItems = (state: unknown): Json[] => (Array.isArray(state) ? (state as Json[]) : []);

interface Generated {
  events: HistoryEvent[];
  /** For each operation: the outputs the model would have refused at that point. */
  refused: CallOutput[][];
}

function runSequentially(subject: Subject, steps: { kind: number; n: number; actor: number; gap: number; length: number }[]): Generated {
  const events: HistoryEvent[] = [];
  const refused: CallOutput[][] = [];
  let state = subject.model.init();
  let time = 0;
  steps.forEach((s, index) => {
    const input = subject.input(s.kind, s.n);
    const candidates = subject.outputs(input.f, observedItems(state));
    const accepted = candidates.map((out) => subject.model.step(state, { ...input, target: 'x' }, out));
    const chosen = accepted.findIndex((next) => next !== undefined);
    if (chosen < 0) return; // e.g. a get with nothing to return: not an operation the object could do
    refused.push(candidates.filter((_, i) => accepted[i] === undefined));
    const out = candidates[chosen] as CallOutput;
    state = accepted[chosen];
    const actor = `A${s.actor}`;
    const call = time + s.gap;
    time = call + s.length;
    events.push({ type: 'invoke', actor, f: input.f, target: 'x', args: input.args, time: call, path: [index] });
    events.push({
      type: out.outcome === 'fail' ? 'fail' : 'ok',
      actor,
      f: input.f,
      target: 'x',
      ...(out.outcome === 'ok' && out.value !== undefined ? { value: out.value } : {}),
      ...(out.outcome === 'fail' && out.error !== undefined ? { error: out.error } : {}),
      time,
      path: [index],
    });
  });
  return { events, refused };
}

const stepArb = fc.record({
  kind: fc.nat(59),
  n: fc.nat(100),
  actor: fc.nat(3),
  // Strictly positive gaps: the operations never overlap, not even at an endpoint.
  gap: fc.double({ min: 0.01, max: 5, noNaN: true }),
  length: fc.double({ min: 0, max: 5, noNaN: true }),
});

describe.each(subjects)('$name', (subject) => {
  it('accepts every history a sequential run produces', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const { events } = runSequentially(subject, steps);
        const result = checkLinearizability(operationsFromHistory(events, 'x'), subject.model);
        expect(result.verdict).toBe('linearizable');
      }),
      { numRuns: 60 },
    );
  });

  it('refuses the history once one output is changed to one the model would not produce there', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (steps, pick, which) => {
        const { events, refused } = runSequentially(subject, steps);
        const mutable = refused.map((r, i) => ({ r, i })).filter(({ r }) => r.length > 0);
        fc.pre(mutable.length > 0);
        const { r, i } = mutable[pick % mutable.length] as (typeof mutable)[number];
        const wrong = r[which % r.length] as CallOutput;
        const mutated = events.map((e) => ({ ...e }));
        const completion = mutated[2 * i + 1] as HistoryEvent;
        delete completion.value;
        delete completion.error;
        completion.type = wrong.outcome === 'fail' ? 'fail' : 'ok';
        if (wrong.outcome === 'ok' && wrong.value !== undefined) completion.value = wrong.value;
        if (wrong.outcome === 'fail' && wrong.error !== undefined) completion.error = wrong.error;
        const result = checkLinearizability(operationsFromHistory(mutated, 'x'), subject.model);
        expect(result.verdict).toBe('not-linearizable');
      }),
      { numRuns: 60 },
    );
  });
});
