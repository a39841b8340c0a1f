import { gevent, requests } from '../coroutine';
import { runMain } from '../process';
import { pageUrl, startFixtureProcess } from './support/fixture-server';
import { programArgs } from './support/program-args';
import { now, report, say } from './support/trace';

/**
 * 000 利用 gevent 模块实现自动切换: four greenlets each requests.get() a page, joined with
 * joinall. The listing never calls monkey.patch_all(); `patch` adds it, to compare. The four
 * sites are pages of the local fixture server that answer after `delayUnits` (1).
 *
 * Records: `get-start` {url}, `got` {url, length}; `joined` {elapsedMs, patch}.
 */

const args = programArgs({ patch: false, pages: 4, delayUnits: 1 });
if (args.patch) gevent.monkey.patch_all();

function* f(url: string): Generator<gevent.Wait, void, unknown> {
  say(`get请求 : ${url}`, 'get-start', { url });
  const resp = yield* requests.get(url);
  say(`${url} 收到 ${resp.length} 字节数据`, 'got', { url, length: resp.length });
}

async function main(): Promise<void> {
  const server = await startFixtureProcess();
  const urls = Array.from({ length: args.pages }, (_, i) => pageUrl(server, { name: `site${i}`, delayMs: args.delayUnits * args.unitMs }));
  const start = now();
  gevent.joinall(urls.map((url) => gevent.spawn(f, url)));
  const elapsedMs = now() - start;
  say(`花费时间 ${elapsedMs / 1000}`, 'joined', { elapsedMs, patch: args.patch });
}

if (require.main === module) runMain(main);
