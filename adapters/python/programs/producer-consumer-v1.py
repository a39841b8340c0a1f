"""004, 生产者消费者 第一版: one producer puts 0..9 (0-2 seconds apart); five consumers loop on
queue.get() forever. The producer ends, the consumers block on the empty queue for good, and
the main process waits for them: the program never ends.

Records: `produce` {item}, `producer-done`, `consume` {consumer, item}.
"""

import os
import random
import sys
from multiprocessing import Process, Queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(consumers=5, items=10)
clock = Clock(args['unitMs'])


def consumer(queue, index):
    while 1:
        data = queue.get()
        say(f'消费者{index} 消费 {data}', 'consume', consumer=index, item=data)


def producer(queue):
    for index in range(args['items']):
        clock.sleep(random.randint(0, 2))
        queue.put(index)
        say(f'生产者 生产 {index}', 'produce', item=index)
    report('producer-done')


if __name__ == '__main__':
    queue = Queue()
    pro = Process(target=producer, args=(queue,))

    consumer_list = []
    for index in range(args['consumers']):
        p = Process(target=consumer, args=(queue, index))
        consumer_list.append(p)

    for item in consumer_list:
        item.start()

    pro.start()
