"""004, 信号量: thirteen users and a KTV with four rooms. Semaphore(4) lets at most four
processes hold a room at a time; each stays 1-3 of the document's seconds.

Records: `enter` {user} once a room is taken, `leave` {user} just before giving it back.
"""

import os
import random
import sys
from multiprocessing import Process, Semaphore

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(rooms=4, users=13)
clock = Clock(args['unitMs'])


def go_ktv(sem, user):
    sem.acquire()

    say('%s 占到一间ktv小屋' % user, 'enter', user=user)
    # 模拟每个人在ktv中待的时间不同
    clock.sleep(random.randint(1, 3))

    report('leave', user=user)
    sem.release()


if __name__ == '__main__':
    # 最多允许4个对象拿到锁
    sem = Semaphore(args['rooms'])

    process_list = []
    for i in range(args['users']):
        p = Process(target=go_ktv, args=(sem, 'user%s' % i,))
        process_list.append(p)

    for item in process_list:
        item.start()
