"""000, Manager 实现进程通信: "必须使用 manager对象创建的 list 和 dict 来收发数据". A child appends
to a Manager list and sets keys of a Manager dict, and also appends to a plain list it was
given; the main process then looks at all three. The listing's child loops forever (1-3 s
apart) and the parent prints every 2 s; here, as in the reference, the child makes `rounds`
numbers 0.1 s apart and the parent looks once, after joining it.

Records: `child-made` {num}; `parent-sees` {managerList, managerDict, plainList}.
"""

import multiprocessing
import os
import random
import sys
from multiprocessing import Process

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report  # noqa: E402

args = program_args(rounds=3)
clock = Clock(args['unitMs'])


def get_random_num(start=1, end=100):
    return random.randint(start, end)


def func1(manager_list, manager_dict, plain):
    for _ in range(args['rounds']):
        random_num = get_random_num()
        manager_list.append(random_num)
        manager_dict[random_num] = random_num
        plain.append(random_num)
        report('child-made', num=random_num)
        clock.sleep(0.1)


if __name__ == '__main__':
    with multiprocessing.Manager() as manager:
        # 必须使用 manager对象创建的 list 和 dict 来收发数据
        manager_list = manager.list()
        manager_dict = manager.dict()
        plain = []

        child_process = Process(target=func1, args=(manager_list, manager_dict, plain,))
        child_process.start()
        child_process.join()
        report('parent-sees', managerList=list(manager_list), managerDict=list(manager_dict.items()), plainList=plain)
