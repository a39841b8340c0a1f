import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool, runMain } from '../process';
import { pageUrl, refusedUrl, startFixtureProcess } from './support/fixture-server';
import { programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 002, 进程池实现爬虫: a Pool(3) fetches six pages with apply_async(get_page, callback=parser);
 * the callback appends each page's length to a file. get_page returns None for a page that is
 * not 200 and raises for a page it cannot reach. Pages come from a local fixture server; `bad`
 * makes one of them answer 404 (`status`) or be unreachable (`refused`).
 *
 * Records: `apply-async-returned` {type, hasAddDoneCallback}; `fetched` {url} in a worker;
 * `parse-start` {url, length} and `parsed` {url} in the callback; `main-done` at the end.
 */

const args = programArgs({ pages: 6, processes: 3, bad: 'none' as 'none' | 'status' | 'refused' });

interface Page {
  url: string;
  text: string;
}

export async function get_page(url: string): Promise<Page | undefined> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status === 200) {
    say(`${url} 爬取成功`, 'fetched', { url });
    return { url, text };
  }
  // Falls through: Python returns None.
  return undefined;
}

let parserFile = '';

/** As in the document, parser assumes a dict: given None it raises TypeError. */
function parser(response_dic: Page | undefined): void {
  if (response_dic === undefined) throw new TypeError("'NoneType' object is not subscriptable");
  report('parse-start', { url: response_dic.url, length: response_dic.text.length });
  console.log(`开始解析:${response_dic.url}`);
  fs.appendFileSync(parserFile, `${response_dic.url} : ${response_dic.text.length} \n`);
  say(`${response_dic.url} 解析成功`, 'parsed', { url: response_dic.url });
}

async function main(): Promise<void> {
  const server = await startFixtureProcess();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-crawler-'));
  parserFile = path.join(dir, 'parser_file');
  const urls = Array.from({ length: args.pages }, (_, i) => pageUrl(server, { name: `p${i}`, size: 1000 + 100 * i, delayMs: 20 * (i % 3) }));
  if (args.bad === 'status') urls[1] = pageUrl(server, { name: 'missing', status: 404 });
  if (args.bad === 'refused') urls[1] = await refusedUrl();
  try {
    const p = new Pool(args.processes);
    for (const url of urls) {
      const result = p.apply_async(get_page, [url], { callback: parser });
      report('apply-async-returned', { type: result.constructor.name, hasAddDoneCallback: 'add_done_callback' in result });
    }
    p.close();
    await p.join();
    say('这是主进程', 'main-done');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runMain(main);
