"""003, 24. 进程之间的通信实例: "小米:抢手环4.预期发售10个. 有100个人去抢." A Queue(10) and a
hundred processes that each put their pid without blocking; the ones that find it full give
up. The main process then reads the ten winners in order.

The listing reads the winners while buyers may still be trying: every get frees a slot, so if
some buyers start late (slow process start-up) more than ten can win. With `joinFirst` the
main process waits for every buyer before reading, which is what the listing assumes (the
reference's departure too).

Records: `put` {} by a winner, `full` {error} by a loser, `rank` {rank, user} in the main process.
"""

import os
import sys
from multiprocessing import Process, Queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import program_args, report, say  # noqa: E402

args = program_args(buyers=100, stock=10, joinFirst=False)


def task(q):
    try:
        q.put(f'{os.getpid()}', block=False)
        report('put')
    except Exception as e:
        report('full', error=type(e).__name__)
        return


if __name__ == '__main__':
    q = Queue(args['stock'])
    buyers = []
    for i in range(args['buyers']):
        p = Process(target=task, args=(q,))
        buyers.append(p)
        p.start()
    if args['joinFirst']:
        for p in buyers:
            p.join()
    for i in range(1, args['stock'] + 1):
        user = q.get()
        say(f'排名第{i}的用户: {user}', 'rank', rank=i, user=user)
