"""000 利用 gevent 模块实现自动切换: four greenlets each requests.get() a page, joined with
joinall. The listing never calls monkey.patch_all(); `patch` adds it (first thing, as gevent
asks), to compare. The four sites are pages of the local fixture server (support/
fixture_server.py) that answer after `delayUnits` (1); requests.get is its urllib stand-in,
which uses the socket module as requests does. Needs gevent (Debian python3-gevent).

Records: `get-start` {url}, `got` {url, length}; `joined` {elapsedMs, patch}.
"""

import json
import sys

PATCH = bool((json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}).get("patch", False))
if PATCH:
    from gevent import monkey
    monkey.patch_all()

import os  # noqa: E402

import gevent  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support import fixture_server as requests  # noqa: E402
from support.fixture_server import page_url, start_fixture_process  # noqa: E402
from support.trace import now, program_args, say  # noqa: E402

args = program_args(patch=False, pages=4, delayUnits=1)


def f(url):
    say(f'get请求 : {url}', 'get-start', url=url)
    resp = requests.get(url)
    data = resp.text
    say(f'{url} 收到 {len(data)} 字节数据', 'got', url=url, length=len(data))


if __name__ == '__main__':
    base_url = start_fixture_process()
    urls = [page_url(base_url, 'site%d' % i, delay_ms=args["delayUnits"] * args["unitMs"]) for i in range(args["pages"])]
    start = now()
    gevent.joinall([gevent.spawn(f, url) for url in urls])
    elapsed_ms = now() - start
    say(f'花费时间 {elapsed_ms / 1000}', 'joined', elapsedMs=elapsed_ms, patch=PATCH)
