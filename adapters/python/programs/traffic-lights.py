"""004, 红绿灯案例: cars wait at a red light (Event clear) until it turns green (set); police
cars wait at most 0.1 s and then go anyway. The light process toggles every `interval`
seconds forever, so the program never ends by itself (unless given `cycles`, the number of
changes after which the light stays as it is; the reference's departure too).

Records: `light` {green} (just before the light changes), `car-waits` {car}, `car-sees-green`
{car}, `car-drives-off` {car}, `police-waits` {car}, `police-goes` {car, green}.
"""

import os
import random
import sys
from multiprocessing import Event, Process

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

# `cycles`: how many times the light changes before it stops; None (the default) is never.
args = program_args(cars=10, police=5, interval=10, cycles=None)
clock = Clock(args['unitMs'])


def car(e, n):
    while True:
        # 进程刚开启，is_set()的值是Flase，模拟信号灯为红色
        if not e.is_set():
            say('\033[31m红灯亮\033[0m，car%s等着' % n, 'car-waits', car=n)

            # 阻塞，等待is_set()的值变成True，模拟信号灯为绿色
            e.wait()

            say('\033[32m车%s 看见绿灯亮了\033[0m' % n, 'car-sees-green', car=n)
            clock.sleep(random.randint(3, 6))

            # 如果is_set()的值是Flase，也就是红灯，仍然回到while语句开始
            if not e.is_set():
                continue

            say('车开远了,car %s' % n, 'car-drives-off', car=n)
            break


def police_car(e, n):
    while True:
        # 进程刚开启，is_set()的值是Flase，模拟信号灯为红色
        if not e.is_set():
            say('\033[31m红灯亮\033[0m，car%s等着' % n, 'police-waits', car=n)

            # 阻塞,等待设置等待时间,等待0.1s之后没有等到绿灯就闯红灯走了
            e.wait(clock.seconds(0.1))

            if not e.is_set():
                say('\033[33m红灯,警车先走\033[0m,car %s' % n, 'police-goes', car=n, green=False)
            else:
                say('\033[33;46m绿灯,警车走\033[0m,car %s' % n, 'police-goes', car=n, green=True)
        break


def traffic_lights(e, inverval, cycles):
    n = 0
    while cycles is None or n < cycles:
        n += 1
        clock.sleep(inverval)
        # Reported before the change, so that whatever the change causes comes after it in the records.
        if e.is_set():
            report('light', green=False)
            print('######', e.is_set())
            # 将is_set()的值设置为False
            e.clear()
        else:
            report('light', green=True)
            # 将is_set()的值设置为True
            e.set()
            print('***********', e.is_set())


if __name__ == '__main__':
    e = Event()
    for i in range(args['cars']):
        # 创建是个进程控制10辆车
        p = Process(target=car, args=(e, i,))
        p.start()

    for i in range(args['police']):
        # 创建5个进程控制5辆警车
        p = Process(target=police_car, args=(e, i,))
        p.start()

    # 创建一个进程控制红绿灯
    t = Process(target=traffic_lights, args=(e, args['interval'], args['cycles']))
    t.start()
