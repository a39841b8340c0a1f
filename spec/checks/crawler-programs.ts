import type { ScenarioCheck } from '../claim';
import { checkEvery, expect, expectCompleted, holds } from '../judging';
import { checkConcurrency } from '../../harness/checkers/concurrency';
import { checkSerial, overlaps } from '../../harness/checkers/intervals';
import { expectCleanExit, programScenario, recordIntervals, records, transcript } from './transcript';

/**
 * The documents' crawlers (002, 003 §39) run as example programs against a local fixture web
 * server: judged from where (pid) and when (order, overlap) fetching and parsing happened.
 */

const poolCrawler = (title: string, bad: 'none' | 'status' | 'refused', timeout?: number) =>
  programScenario(title, 'crawler-pool', { pages: 6, processes: 3, bad }, timeout === undefined ? {} : { timeout });
const futuresCrawler = (mode: 'collect' | 'parse-in-worker' | 'callback') =>
  programScenario(`003 §39: ProcessPoolExecutor(4) crawler, ${mode}`, 'crawler-futures', { mode, pages: 10, workers: 4, parseSeconds: 1 });

const fetches = (t: ReturnType<typeof transcript>) => recordIntervals(t, 'fetch-start', 'fetch-end', 'url');
const parses = (t: ReturnType<typeof transcript>) => recordIntervals(t, 'parse-start', 'parse-end', 'url');

export const callbackGetsResult: ScenarioCheck = checkEvery(
  [poolCrawler('002: Pool(3) crawler with apply_async(get_page, callback=parser)', 'none')],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    const parsed = records(t, 'parse-start');
    expect(parsed.length === 6 && parsed.every((r) => typeof r.url === 'string' && typeof r.length === 'number' && (r.length as number) > 0), "the callback received get_page's dict (url and text) for all six pages");
    // CPython's class is ApplyResult (002: "apply_async()返回的是apply_result对象"), documented as AsyncResult, its alias.
    const results = records(t, 'apply-async-returned');
    expect(results.length === 6 && results.every((r) => r.type === 'ApplyResult' || r.type === 'AsyncResult'), `apply_async() itself returned an AsyncResult (ApplyResult), got ${JSON.stringify(results.map((r) => r.type))}`);
    expect(records(t, 'main-done').length === 1, 'the program ended with 这是主进程');
  },
  "the callback got get_page's return value; apply_async returned an AsyncResult",
);

export const onlyFuturesHaveAddDoneCallback: ScenarioCheck = checkEvery(
  [poolCrawler('002: Pool(3) crawler', 'none'), futuresCrawler('callback')],
  (run, _s, i) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    if (i === 0) expect(records(t, 'apply-async-returned').every((r) => r.hasAddDoneCallback === false), 'an AsyncResult has no add_done_callback');
    else expect(records(t, 'submitted').every((r) => r.hasAddDoneCallback === true && r.callbackReturned === null), 'a Future has add_done_callback, which returns None');
  },
  'futures from submit() have add_done_callback (returning None); AsyncResults do not',
);

export const callbacksRunInMainProcess: ScenarioCheck = checkEvery(
  [futuresCrawler('callback')],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'parse-start').length === 10 && records(t, 'parse-start').every((r) => r.pid === t.pid), 'all ten parse callbacks ran in the main process');
    holds(checkSerial(parses(t), 'the parse callbacks'));
  },
  'the callbacks ran in the main process one after another: each slow parse held up the next',
);

export const workerMovesOn: ScenarioCheck = checkEvery(
  [futuresCrawler('callback')],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    const fetch = fetches(t);
    expect(parses(t).some((p) => fetch.some((f) => overlaps(p, f))), 'some page was being fetched by a worker while the main process parsed another');
  },
  'workers went on fetching while the main process parsed the pages already fetched',
);

export const parseInWorkerIsCoupled: ScenarioCheck = checkEvery(
  [futuresCrawler('parse-in-worker')],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    const fetchedBy = new Map(records(t, 'fetch-end').map((r) => [r.url, r.pid]));
    const parsed = records(t, 'parse-start');
    expect(parsed.length === 10 && parsed.every((r) => r.pid === fetchedBy.get(r.url) && r.pid !== t.pid), 'each page was parsed by the worker that fetched it');
    holds(checkConcurrency(parses(t), { reaches: 2 }, 'parses in different workers'));
  },
  'fetch and parse ran in the same worker, concurrently across workers',
);

export const collectThenParse: ScenarioCheck = checkEvery(
  [futuresCrawler('collect')],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    holds(checkConcurrency(fetches(t), { reaches: 2 }, 'fetches'));
    const lastFetch = Math.max(...records(t, 'fetch-end').map((r) => r.time));
    expect(records(t, 'parse-start').every((r) => r.time > lastFetch && r.pid === t.pid), 'parsing started only after every fetch, in the main process');
    holds(checkSerial(parses(t), 'the parses'));
  },
  'the fetches ran concurrently; only the parsing, after all fetches, was serial',
);

export const failedPageHangsPool: ScenarioCheck = checkEvery(
  [poolCrawler('002 crawler, one page answers 404', 'status', 20), poolCrawler('002 crawler, one page is unreachable', 'refused')],
  (run, _s, i) => {
    expectCompleted(run);
    const t = transcript(run);
    if (i === 0) {
      expect(t.timedOut && records(t, 'main-done').length === 0, 'parser(None) killed the result handler and join() never returned');
      expect(t.stderr.includes('TypeError'), "the TypeError from parser(None) was reported: 'NoneType' object is not subscriptable");
    } else {
      expectCleanExit(t);
      expect(records(t, 'parsed').length === 5 && records(t, 'main-done').length === 1, "a page that raised in get_page skipped the callback; the other five were parsed and the program ended");
    }
  },
  'a non-200 page made the program hang (callback on None); an exception in get_page only skipped its callback',
);
