"""004, 生产者消费者 第二版: after its data the producer puts one None per consumer, and a
consumer that gets a falsy item (`if not data:`) ends. `sentinels` changes how many Nones are
put (the document: as many as consumers), `items` what is produced (the document: 1..9).

Records: `produce` {item}, `consume` {consumer, item}, `consumer-ends` {consumer, item},
`producer-done`.
"""

import os
import random
import sys
from multiprocessing import Process, Queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(consumers=5, sentinels=-1, items=list(range(1, 10)))
clock = Clock(args['unitMs'])


def consumer(queue, index):
    while 1:
        data = queue.get()

        if not data:
            say(f'消费者进程{index} 结束', 'consumer-ends', consumer=index, item=data)
            break

        say(f'消费者{index} 消费 {data}', 'consume', consumer=index, item=data)


def producer(queue, consumer_size):
    for index in args['items']:
        clock.sleep(random.randint(0, 2))
        queue.put(index)
        say(f'生产者 生产 {index}', 'produce', item=index)

    for index in range(consumer_size):
        queue.put(None)
    report('producer-done')


if __name__ == '__main__':
    # 消费者的个数
    consumer_size = args['consumers']
    sentinels = consumer_size if args['sentinels'] < 0 else args['sentinels']
    # 创建队列
    queue = Queue()

    pro = Process(target=producer, args=(queue, sentinels))

    consumer_list = []
    for index in range(consumer_size):
        p = Process(target=consumer, args=(queue, index))
        consumer_list.append(p)

    for item in consumer_list:
        item.start()

    pro.start()
