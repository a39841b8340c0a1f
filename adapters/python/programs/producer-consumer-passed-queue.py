"""002, 一个生产者对应多个消费者(3): the queue is a module global, and it is also passed to the
producer and the consumers "这样传入的q保证了都是全局变量中同一个q". Each child uses the queue
it was given (the parent's), whatever its own module global is. The consumers loop forever,
so the program never ends.

Records: `produce` {item}, `consume` {item}, `globals-differ` {} when a child's own module
global is not the queue it was given, `main-done`.
"""

import os
import random
import sys
from multiprocessing import Process, Queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, say  # noqa: E402

args = program_args(items=10, consumers=3)
clock = Clock(args['unitMs'])

q = Queue(5)


def producer(given):  # 这样传入的q保证了都是全局变量中同一个q
    if given is not q:
        say('the global q here is a different queue', 'globals-differ')
    for i in range(args['items']):
        clock.sleep(random.random())
        given.put(i)
        say('producer:%s 生产%s' % (os.getpid(), i), 'produce', item=i)


def customer(given):  # 这样传入的q保证了都是全局变量中同一个q
    while True:
        clock.sleep(2)
        res = given.get()
        say('customer:%s 消费%s' % (os.getpid(), res), 'consume', item=res)


if __name__ == '__main__':
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
