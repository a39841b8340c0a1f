import type { ScenarioCheck } from '../claim';
import { checkEvery, expect, expectCompleted, holds } from '../judging';
import { checkConcurrency } from '../../harness/checkers/concurrency';
import { expectCleanExit, programScenario, recordIntervals, records, transcript } from './transcript';

/** The documents' ticket-grabbing programs (004, 003 §22-25, 002), run as example programs. */

const TICKETS = 5;
const BUYERS_FOR_TEN = 40;
const BUYERS = 10;

const fileDb = (lock: boolean) => programScenario(`004: ${BUYERS} buyers, ${TICKETS} tickets in a JSON file, ${lock ? 'with' : 'without'} a lock`, 'tickets-file', { lock, buyers: BUYERS, tickets: TICKETS });

/** A racy program: the key is how many tickets were sold. */
export const unlockedFileOversells: ScenarioCheck = {
  type: 'scenario',
  repeat: 2,
  scenarios: [fileDb(false)],
  outcomes: {
    key: (run) => {
      const t = transcript(run);
      return `sold ${records(t, 'bought').length}`;
    },
    grade: (key) => {
      const sold = Number(key.split(' ')[1]);
      // Each buyer buys at most once, whatever the interleaving: more sales than buyers is no race.
      if (!Number.isInteger(sold) || sold > BUYERS) return 'forbidden';
      return sold > TICKETS ? 'interesting' : 'acceptable';
    },
    mustSee: ['interesting'],
    describe: {
      acceptable: `at most ${TICKETS} sold`,
      interesting: `more than the ${TICKETS} tickets sold (lost updates)`,
      forbidden: `more sales than the ${BUYERS} buyers: no interleaving of their reads and writes gives that`,
    },
  },
};

export const lockedFileNeverOversells: ScenarioCheck = checkEvery(
  [fileDb(true)],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'bought').length === TICKETS, `exactly ${TICKETS} sold, sold ${records(t, 'bought').length}`);
    expect(records(t, 'sold-out').length === BUYERS - TICKETS, `the other ${BUYERS - TICKETS} were told there were none`);
    expect(records(t, 'final')[0]?.left === 0, 'the file ends at 0');
  },
  `exactly ${TICKETS} tickets sold and the rest told there were none`,
  2,
);

/** In the locked run every buyer saw what the one before wrote: the counts step down one at a time. */
export const diskNotIsolated: ScenarioCheck = checkEvery(
  [fileDb(true)],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    const left = records(t, 'bought').map((r) => r.left);
    expect(JSON.stringify(left) === JSON.stringify([4, 3, 2, 1, 0]), `each buyer read the count the previous one wrote: ${JSON.stringify(left)}`);
  },
  "each buyer process read the file the previous one had written (4, 3, 2, 1, 0 left)",
);

export const queryOutsideLock: ScenarioCheck = checkEvery(
  [programScenario('003 §22: five buyers check outside the lock and buy under it; 3 tickets', 'tickets-query', { buyers: 5, tickets: 3 })],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'search').length === 5, 'every buyer checked the count');
    expect(records(t, 'bought').length === 3 && records(t, 'none').length === 2, `3 bought and 2 told 没票了, got ${records(t, 'bought').length} and ${records(t, 'none').length}`);
  },
  'checks ran outside the lock, yet exactly 3 of 5 buyers got the 3 tickets',
  2,
);

export const tenOfHundred: ScenarioCheck = checkEvery(
  // The listing's main reads while buyers may still be trying (see the program); the claim is
  // about the queue turning buyers away, so every buyer has tried before the main reads.
  // The document has 100 buyers; 40 show the same (10 win, the rest get Full) in far less time.
  [programScenario('003 §24: 40 processes put_nowait their pid into a Queue(10)', 'tickets-ranking', { buyers: BUYERS_FOR_TEN, stock: 10, joinFirst: true }, { deadlineUnits: 900 })],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    const winners = records(t, 'put').map((r) => String(r.pid));
    expect(winners.length === 10, `exactly 10 puts succeeded, ${winners.length} did`);
    expect(records(t, 'full').length === BUYERS_FOR_TEN - 10 && records(t, 'full').every((r) => r.error === 'Full'), `the other ${BUYERS_FOR_TEN - 10} got queue.Full`);
    const ranked = records(t, 'rank').map((r) => String(r.user));
    expect(JSON.stringify(records(t, 'rank').map((r) => r.rank)) === JSON.stringify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'ranks 1 to 10');
    expect(JSON.stringify([...ranked].sort()) === JSON.stringify([...winners].sort()), 'the ranked users are exactly the ten winners');
  },
  `exactly 10 of ${BUYERS_FOR_TEN} put_nowait calls succeeded, the rest raised Full, and the parent read the 10 winners`,
);

export const queueOfOneAsLock: ScenarioCheck = checkEvery(
  [programScenario('003 §25: one ticket in a Queue(1), five buyers', 'tickets-one-ticket', { buyers: 5 })],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'bought').length === 1 && records(t, 'none').length === 4, `one buyer got the ticket and four did not, got ${records(t, 'bought').length} and ${records(t, 'none').length}`);
    holds(checkConcurrency(recordIntervals(t, 'took', 'gives-back', 'pid'), { atMost: 1 }, 'buyers holding the ticket dict'));
  },
  'the Queue(1) let one buyer at a time hold the dict; exactly one of five got the ticket',
);
