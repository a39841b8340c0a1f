"""003, 39 异步 + 调用机制 (爬虫1.1-1.3) and 002's ProcessPoolExecutor crawler: a
ProcessPoolExecutor(4) fetches ten pages from a local fixture server (each answering after
0-2 seconds) and each page is "analysed" (parse):
- `collect` (1.1): submit all, shutdown(wait=True), then parse every result in the main process;
- `parse-in-worker` (1.2): get() calls parse itself, in the worker;
- `callback` (1.3): add_done_callback(parse), parse taking 1 second in the main process.

The pages come from support/fixture_server.py (http.server in a daemonic process; `requests.get`
is its `get`, on urllib.request). The listings' get sleeps 1-3 s after fetching; here the
server's answer takes 0-2 s instead, as in the reference, and get returns the url with the text
so that parse can say which page it analysed.

Records: `fetch-start`/`fetch-end` {url}, `parse-start`/`parse-end` {url}, `submitted`
{url, hasAddDoneCallback, callbackReturned}, `shutdown-returned`, `main-done`.
"""

import os
import random
import sys
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support import fixture_server as requests  # noqa: E402
from support.fixture_server import page_url, start_fixture_process  # noqa: E402
from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(mode='callback', pages=10, workers=4, parseSeconds=1)
clock = Clock(args['unitMs'])


def parse(url, text):  # 数据分析
    report('parse-start', url=url)
    clock.sleep(args['parseSeconds'])
    say(f'{os.getpid()} 分析结果:{len(text)}', 'parse-end', url=url)


def get(url):
    report('fetch-start', url=url)
    response = requests.get(url)
    say(f'{os.getpid()} 正在爬取:{url}', 'fetch-end', url=url)
    if response.status_code == 200:
        if args['mode'] == 'parse-in-worker':
            parse(url, response.text)
        return {'url': url, 'text': response.text}


def parse_result(obj):
    page = obj.result()
    if page is not None:
        parse(page['url'], page['text'])


if __name__ == '__main__':
    base_url = start_fixture_process()
    url_list = [page_url(base_url, 'p%d' % i, delay_ms=random.randint(0, 2) * args['unitMs'], size=500 + 50 * i) for i in range(args['pages'])]
    pool = ProcessPoolExecutor(args['workers'])
    obj_list = []
    for url in url_list:
        obj = pool.submit(get, url)  # 发送任务
        returned = obj.add_done_callback(parse_result) if args['mode'] == 'callback' else 'not called'  # 增加一个回调函数
        report('submitted', url=url, hasAddDoneCallback=callable(getattr(obj, 'add_done_callback', None)), callbackReturned=None if returned is None else str(returned))
        obj_list.append(obj)  # 将对象动态放入列表中
    pool.shutdown(wait=True)  # 相当于join
    report('shutdown-returned')
    if args['mode'] == 'collect':
        for obj in obj_list:
            page = obj.result()
            if page is not None:
                parse(page['url'], page['text'])
    say('主', 'main-done')
