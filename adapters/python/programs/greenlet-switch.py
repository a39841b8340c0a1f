"""000 Greenlet and 003 43. Greenlet模块: test1/test2 switching explicitly (1 3 2 4); eat/play
with the name passed on the first switch only; and a greenlet that calls a blocking sleep
before switching: nothing else runs until it returns, since greenlets switch only when told.
Needs greenlet (Debian python3-greenlet); the driver offers the `greenlet` capability only
when it imports.

Records: `print` {part, text}; `sleep-start`/`sleep-end`, `other-runs`.
"""

import os
import sys

from greenlet import greenlet

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(sleepUnits=2)
clock = Clock(args["unitMs"])


def order_demo():
    def test1():
        say('1', 'print', part='order')
        gr2.switch()
        say('2', 'print', part='order')
        gr2.switch()

    def test2():
        say('3', 'print', part='order')
        gr1.switch()
        say('4', 'print', part='order')
        gr1.switch()

    gr1 = greenlet(test1)
    gr2 = greenlet(test2)
    # 切换
    gr1.switch()


def eat_play():
    def eat(name):
        say('%s eat 1' % name, 'print', part='args')
        g2.switch('taibai')
        say('%s eat 2' % name, 'print', part='args')
        g2.switch()

    def play(name):
        say('%s play 1' % name, 'print', part='args')
        g1.switch()
        say('%s play 2' % name, 'print', part='args')

    g1 = greenlet(eat)
    g2 = greenlet(play)
    g1.switch('taibai')  # 可以在第一次switch时传入参数，以后都不需要


def blocking():
    def other_body():
        report('other-runs')

    def sleeper_body():
        report('sleep-start')
        clock.sleep(args["sleepUnits"])  # 遇到IO还是会堵塞
        report('sleep-end')
        other.switch()

    other = greenlet(other_body)
    sleeper = greenlet(sleeper_body)
    sleeper.switch()


if __name__ == '__main__':
    order_demo()
    eat_play()
    blocking()
