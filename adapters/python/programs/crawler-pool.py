"""002, 进程池实现爬虫: a Pool(3) fetches six pages with apply_async(get_page, callback=parser);
the callback appends each page's length to a file. get_page returns None for a page that is
not 200 and raises for a page it cannot reach. Pages come from a local fixture server
(support/fixture_server.py, http.server in a daemonic process; `requests.get` is its `get`, on
urllib.request); `bad` makes one of them answer 404 (`status`) or be unreachable (`refused`).
The listing's parser_file is in a fresh directory under TMPDIR.

Records: `apply-async-returned` {type, hasAddDoneCallback}; `fetched` {url} in a worker;
`parse-start` {url, length} and `parsed` {url} in the callback; `main-done` at the end.
"""

import os
import shutil
import sys
import tempfile
from multiprocessing import Pool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support import fixture_server as requests  # noqa: E402
from support.fixture_server import page_url, refused_url, start_fixture_process  # noqa: E402
from support.trace import program_args, report, say  # noqa: E402

args = program_args(pages=6, processes=3, bad='none')
PARSER_FILE = None


def get_page(url):
    response = requests.get(url)
    if response.status_code == 200:
        say('%s 爬取成功' % url, 'fetched', url=url)
        return {'url': url, 'text': response.text}


def parser(response_dic):
    report('parse-start', url=response_dic['url'], length=len(response_dic['text']))
    print('开始解析:%s' % response_dic['url'])
    with open(PARSER_FILE, 'a') as af:
        af.write('%s : %s \n' % (response_dic['url'], len(response_dic['text'])))
        say('%s 解析成功' % response_dic['url'], 'parsed', url=response_dic['url'])


if __name__ == '__main__':
    base_url = start_fixture_process()
    work_dir = tempfile.mkdtemp(prefix='conform-crawler-')
    PARSER_FILE = os.path.join(work_dir, 'parser_file')
    urls = [page_url(base_url, 'p%d' % i, size=1000 + 100 * i, delay_ms=20 * (i % 3)) for i in range(args['pages'])]
    if args['bad'] == 'status':
        urls[1] = page_url(base_url, 'missing', status=404)
    if args['bad'] == 'refused':
        urls[1] = refused_url()
    try:
        p = Pool(args['processes'])
        for url in urls:
            result = p.apply_async(get_page, args=(url, ), callback=parser)
            report('apply-async-returned', type=type(result).__name__, hasAddDoneCallback=hasattr(result, 'add_done_callback'))
        p.close()
        p.join()
        say('这是主进程', 'main-done')
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
