import { Future, ProcessPoolExecutor, runMain } from '../process';
import { pageUrl, startFixtureProcess } from './support/fixture-server';
import { Clock, programArgs, randint } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 003, 39 异步 + 调用机制 (爬虫1.1-1.3) and 002's ProcessPoolExecutor crawler: a
 * ProcessPoolExecutor(4) fetches ten pages from a local fixture server (each answering after
 * 0-2 seconds) and each page is "analysed" (parse):
 * - `collect` (1.1): submit all, shutdown(wait=True), then parse every result in the main process;
 * - `parse-in-worker` (1.2): get() calls parse itself, in the worker;
 * - `callback` (1.3): add_done_callback(parse), parse taking 1 second in the main process.
 *
 * Records: `fetch-start`/`fetch-end` {url}, `parse-start`/`parse-end` {url}, `submitted`
 * {hasAddDoneCallback, callbackReturned}, `shutdown-returned`, `main-done`.
 */

const args = programArgs({ mode: 'callback' as 'collect' | 'parse-in-worker' | 'callback', pages: 10, workers: 4, parseSeconds: 1 });
const clock = new Clock(args.unitMs);

/** The document's parse: time.sleep(1) blocks the thread it runs on (a callback: the main process's). */
export function parse(url: string, text: string): void {
  report('parse-start', { url });
  clock.sleepBlocking(args.parseSeconds);
  say(`${process.pid} 分析结果:${text.length}`, 'parse-end', { url });
}

export async function get(url: string): Promise<{ url: string; text: string } | null> {
  report('fetch-start', { url });
  const response = await fetch(url);
  const text = await response.text();
  say(`${process.pid} 正在爬取:${url}`, 'fetch-end', { url });
  if (response.status !== 200) return null;
  if (args.mode === 'parse-in-worker') parse(url, text);
  return { url, text };
}

/** The callback: obj.result() of a done future is there at once (result_now), then parse. */
function parseResult(future: Future<{ url: string; text: string } | null>): void {
  const page = future.result_now();
  if (page !== null && page !== undefined) parse(page.url, page.text);
}

async function main(): Promise<void> {
  const server = await startFixtureProcess();
  const urls = Array.from({ length: args.pages }, (_, i) => pageUrl(server, { name: `p${i}`, delayMs: randint(0, 2) * args.unitMs, size: 500 + 50 * i }));
  {
    const pool = new ProcessPoolExecutor(args.workers);
    const futures: Future<{ url: string; text: string } | null>[] = [];
    for (const url of urls) {
      const future = pool.submit(get, url);
      const callbackReturned = args.mode === 'callback' ? future.add_done_callback(parseResult) : 'not called';
      report('submitted', { url, hasAddDoneCallback: typeof future.add_done_callback === 'function', callbackReturned: callbackReturned === undefined ? null : String(callbackReturned) });
      futures.push(future);
    }
    await pool.shutdown(true);
    report('shutdown-returned');
    if (args.mode === 'collect') {
      for (const future of futures) {
        const page = await future.result();
        if (page !== null) parse(page.url, page.text);
      }
    }
    say('主', 'main-done');
  }
}

if (require.main === module) runMain(main);
