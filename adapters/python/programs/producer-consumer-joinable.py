"""004, 生产者消费者 第三版 (多生产者多消费者) and 002's JoinableQueue version: three producers
put 1..4 each and then queue.join(); five daemonic consumers loop get / task_done. When every
item is processed the producers' joins return, the main process (joining the producers) ends,
and the daemonic consumers are stopped with it.

Items are "<producer>-<n>" (the listing puts the bare n), so that whose item was consumed can
be told apart, as in the reference.

Records: `produce` {producer, item}, `producer-joined` {producer}, `consume` {consumer, item},
`main-ends`.
"""

import os
import random
import sys
from multiprocessing import JoinableQueue, Process

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(producers=3, consumers=5, perProducer=4)
clock = Clock(args['unitMs'])


def consumer(queue, consumer_name):
    while 1:
        data = queue.get()
        say(f'消费者{consumer_name} 消费 {data}', 'consume', consumer=consumer_name, item=data)
        # 向q.join()发送一次信号,证明一个数据已经被取走了
        queue.task_done()


def producer(queue, producer_name):
    for index in range(1, args['perProducer'] + 1):
        clock.sleep(random.randint(0, 2))
        item = f'{producer_name}-{index}'
        queue.put(item)
        say(f'生产者{producer_name} 生产 {index}', 'produce', producer=producer_name, item=item)

    # 生产完毕，使用此方法进行阻塞，直到队列中所有项目均被处理
    queue.join()
    report('producer-joined', producer=producer_name)


if __name__ == '__main__':
    # 生产者个数
    producer_size = args['producers']
    # 消费者的个数
    consumer_size = args['consumers']
    # 创建队列
    queue = JoinableQueue()

    producer_list = []
    for index in range(producer_size):
        pro = Process(target=producer, args=(queue, index))
        producer_list.append(pro)

    consumer_list = []
    for index in range(consumer_size):
        # 将消费者进程设置为守护进程
        p = Process(target=consumer, args=(queue, index))
        p.daemon = True
        consumer_list.append(p)

    for item in consumer_list:
        item.start()

    for item in producer_list:
        item.start()

    for item in producer_list:
        # 主进程等待生产者进程执行完毕
        item.join()
    report('main-ends')
