"""003, 25. 生产者消费者模型: the producer makes five 包子, 1-3 seconds apart; the consumer eats
with q.get(timeout=5) and gives up (queue.Empty) once nothing has come for 5 seconds.

Records: `produce` {item}, `consume` {item}, `consumer-gives-up` {error}.
"""

import os
import random
import sys
from multiprocessing import Process, Queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, say  # noqa: E402

args = program_args(items=5, patience=5)
clock = Clock(args['unitMs'])


def producer(name, q):  # 生产者
    for i in range(1, args['items'] + 1):
        clock.sleep(random.randint(1, 3))
        res = f'{i}号包子'
        q.put(res)

        say(f' 生产者{name}: 生产了{res}', 'produce', item=res)


def consumer(name, q):  # 消费者
    while 1:
        try:
            clock.sleep(random.randint(1, 3))
            ret = q.get(timeout=clock.seconds(args['patience']))
            say(f'消费者{name}: 吃了{ret}', 'consume', item=ret)
        except Exception as e:
            say(f'消费者{name}: 不等了', 'consumer-gives-up', error=type(e).__name__)
            return


if __name__ == '__main__':

    q = Queue()

    p1 = Process(target=producer, args=('太白', q))
    p2 = Process(target=consumer, args=('MC骚强', q))

    p1.start()
    p2.start()
