"""003, 30. 守护线程: foo (daemonic) sleeps 5, bar sleeps 1; main prints 主进程 and ends. The
program waits for bar, the last non-daemonic thread, and then exits: end_foo never prints.

Records: `foo_123`, `end_foo`, `bar_456`, `end_bar`, `主进程` (each its own event).
"""

import os
import sys
from threading import Thread

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, say  # noqa: E402

args = program_args()
clock = Clock(args['unitMs'])


def foo():
    say("foo_123", "foo_123")
    clock.sleep(5)
    say('end_foo', 'end_foo')


def bar():
    say("bar_456", "bar_456")
    clock.sleep(1)
    say("end_bar", "end_bar")


if __name__ == '__main__':
    t1 = Thread(target=foo)
    t2 = Thread(target=bar)
    t1.daemon = True
    t1.start()
    t2.start()
    say('主进程', '主进程')
