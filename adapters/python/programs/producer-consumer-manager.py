"""002, 一个生产者对应多个消费者(1): a Manager().Queue(5) shared by one producer (ten items, a
random fraction of a second apart) and three consumers that take an item every 2 seconds.
The consumers loop forever, so the program never ends.

Records: `put-start` {item}, `put-done` {item}, `get-start` {}, `get-done` {item}, `main-done`.
"""

import os
import random
import sys
from multiprocessing import Manager, Process

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(items=10, consumers=3, maxsize=5)
clock = Clock(args['unitMs'])


def producer(q):
    for i in range(args['items']):
        clock.sleep(random.random())
        report('put-start', item=i)
        q.put(i)
        say('producer:%s 生产%s' % (os.getpid(), i), 'put-done', item=i)


def customer(q):
    while True:
        clock.sleep(2)
        report('get-start')
        res = q.get()
        say('customer:%s 消费%s' % (os.getpid(), res), 'get-done', item=res)


if __name__ == '__main__':
    m = Manager()
    q = m.Queue(args['maxsize'])
    p = Process(target=producer, args=(q,))
    p.start()
    c_l = []
    for i in range(args['consumers']):
        c = Process(target=customer, args=(q,))
        c_l.append(c)
        c.start()
    p.join()
    for c in c_l:
        c.join()
    say('这是主程序', 'main-done')
