"""004, 多进程实现抢票: ten buyer processes, started a random fraction of a second apart, each
reads the ticket count from a JSON file, waits 0-2 seconds, and writes it back one lower.
Without `lock` the read-decrement-write sequences interleave and more tickets are sold than
exist; with a multiprocessing.Lock around it, exactly as many as exist.

The listing's file is config.common.TICKET_FILE_PATH; here a fresh file in TMPDIR, made by the
main process before the buyers are forked (so they inherit its path). As in the reference, the
main process then joins the buyers and reports what the file says.

Records: `bought` {buyer, left}, `sold-out` {buyer}, and `final` {left} once every buyer is done.
"""

import json
import os
import random
import shutil
import sys
import tempfile
import time
from multiprocessing import Lock, Process

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(lock=False, buyers=10, tickets=5)
clock = Clock(args['unitMs'])
ENCODING = 'utf-8'
TICKET_FILE_PATH = None


def get_ticket():
    with open(TICKET_FILE_PATH, 'r', encoding=ENCODING) as src_f:
        json_data = json.load(src_f)
    return json_data['ticket_num']


def write_ticket(num):
    with open(TICKET_FILE_PATH, 'w', encoding=ENCODING) as dst_f:
        ticket_dict = {'ticket_num': num}
        json.dump(ticket_dict, dst_f)


def take_ticket(name, ticket_lock):
    # 申请锁
    if ticket_lock is not None:
        ticket_lock.acquire()
    ticket_num = get_ticket()
    if ticket_num <= 0:
        say(f'{name} 进行抢票, 但是没票了', 'sold-out', buyer=name)
    else:
        clock.sleep(random.randint(0, 2))

        ticket_num -= 1
        say(f'{name} 抢到了票, 还剩余 {ticket_num}', 'bought', buyer=name, left=ticket_num)
        write_ticket(ticket_num)
    # 释放锁
    if ticket_lock is not None:
        ticket_lock.release()


if __name__ == '__main__':
    db_dir = tempfile.mkdtemp(prefix='conform-tickets-')
    TICKET_FILE_PATH = os.path.join(db_dir, 'db.json')
    write_ticket(args['tickets'])
    ticket_lock = Lock() if args['lock'] else None
    process_list = []
    for index in range(args['buyers']):
        p = Process(target=take_ticket, args=(f'{index}', ticket_lock))
        process_list.append(p)

    for item in process_list:
        time.sleep(clock.seconds(random.random()))
        item.start()

    for item in process_list:
        item.join()
    report('final', left=get_ticket())
    shutil.rmtree(db_dir, ignore_errors=True)
