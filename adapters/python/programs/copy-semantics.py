"""003 §16/§28 and 002's note on copies: a child process changes a module global (`x = 0`) and
appends to a list it was given; the parent, after joining it, still has x == 100 and its list
unchanged. Each process has its own memory; arguments arrive as copies.

Records: `child-sees` {x}, `child-list` {list} in the child; `parent-sees` {x}, `parent-list`
{list} in the parent after join().
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from multiprocessing import Process  # noqa: E402

from support.trace import program_args, report  # noqa: E402

program_args()

x = 100


def task():
    global x
    x = 0
    report('child-sees', x=x)


def append_to(lst):
    lst.append(99)
    report('child-list', list=lst)


if __name__ == '__main__':
    p = Process(target=task)
    p.start()
    p.join()
    report('parent-sees', x=x)
    print(x)  # 100
    lst = [1]
    q = Process(target=append_to, args=(lst,))
    q.start()
    q.join()
    report('parent-list', list=lst)
    print(lst)  # [1]
