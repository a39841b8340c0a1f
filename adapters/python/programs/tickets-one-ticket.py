"""003, 25: "一张票五人抢购", with the listing's syntax errors fixed (args=(ticket, q), and the
f-strings). A Queue(1) holds the ticket dict: a buyer takes it out, decides, and puts it back,
so the queue works as a lock and the one ticket goes to exactly one buyer.

Records: `search` {ticket}, `took` {} when the dict is out of the queue, `bought` {} or
`none` {}, `gives-back` {} just before putting it back.
"""

import os
import random
import sys
from multiprocessing import Process, Queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(buyers=5)
clock = Clock(args['unitMs'])


def search(ticket):
    clock.sleep(random.random())
    say(f'剩余票数{ticket}', 'search', ticket=ticket)


def _get(q):
    dic = q.get()
    report('took')
    clock.sleep(random.randint(1, 3))
    if dic["count"] > 0:
        dic["count"] -= 1
        say(f'{os.getpid()}用户购票成功', 'bought')
    else:
        say(f"用户{os.getpid()}没票了", 'none')
    report('gives-back')
    q.put(dic)


def task(ticket, q):
    search(ticket)
    _get(q)


if __name__ == '__main__':
    q = Queue(1)
    q.put({"count": 1})
    ticket = 1
    for i in range(args['buyers']):
        p = Process(target=task, args=(ticket, q))
        p.start()
