"""003, 22. 互斥锁 (and 002, 使用Process实现): each buyer first checks the count outside the
lock (search), then buys under the lock (get: read, wait 1-3 seconds, write). "多进程原则上
是不能互相通信的...不代表磁盘上数据隔离": every buyer reads the file the others write.

The listing's db.json (in the working directory, written by hand) is a fresh file in TMPDIR
here, written by the main process before the buyers are forked.

Records: `search` {count}, `bought` {}, `none` {}.
"""

import json
import os
import random
import sys
import tempfile
from multiprocessing import Lock, Process, util

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, say  # noqa: E402

args = program_args(buyers=5, tickets=3)
clock = Clock(args['unitMs'])
DB = os.path.join(tempfile.gettempdir(), 'db-%d.json' % os.getpid())


# 多进程原则上是不能互相通信的,它们在内存级别数据隔离的.不代表磁盘上数据隔离.
# 它们可以共同操作一个文件.

def search():
    clock.sleep(random.random())
    with open(DB, encoding='utf-8') as f1:
        dic = json.load(f1)
    say(f'剩余票数{dic["count"]}', 'search', count=dic['count'])


def get():
    with open(DB, encoding='utf-8') as f1:
        dic = json.load(f1)
    clock.sleep(random.randint(1, 3))
    if dic['count'] > 0:
        dic['count'] -= 1
        with open(DB, encoding='utf-8', mode='w') as f1:
            json.dump(dic, f1)
        say(f'{os.getpid()}用户购买成功', 'bought')
    else:
        say('没票了.....', 'none')


def task(lock):
    search()
    lock.acquire()
    get()
    lock.release()


if __name__ == '__main__':
    with open(DB, encoding='utf-8', mode='w') as f1:
        json.dump({'count': args['tickets']}, f1)
    # Removed at exit once the buyers are done: finalizers with a negative priority run after
    # multiprocessing's exit handler has joined the children.
    util.Finalize(None, os.remove, args=(DB,), exitpriority=-10)
    lock = Lock()
    for i in range(args['buyers']):
        p = Process(target=task, args=(lock,))
        p.start()
