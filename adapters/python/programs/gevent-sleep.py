"""003 44. Gevent: eat and play spawned on gevent's hub and joined, in one of three modes:
`gevent-sleep` (the listing's commented-out gevent.sleep, which switches), `time-sleep` (the
listing as written: time.sleep, which does not), `monkey-patch` (the second listing:
monkey.patch_all() first, then time.sleep switches, and current_thread() in a greenlet is a
dummy thread). The listing's time.sleep(300) is `eatUnits` (2) here, and its getName()
(deprecated since 3.10) is `.name`. In gevent-sleep mode, `spread` more greenlets report which
OS thread they run on. Needs gevent (Debian python3-gevent); the driver offers the `gevent`
capability only when it imports.

Records: `say` {task, text}; `thread-name` {task, name}; `ident` {task, ident};
`joined` {elapsedMs}.
"""

import json
import sys

MODE = (json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}).get("mode", "time-sleep")
if MODE == "monkey-patch":
    from gevent import monkey
    monkey.patch_all()  # 将你代码中的所有的IO堵塞都标识.

import os  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import gevent  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, now, program_args, report, say  # noqa: E402

args = program_args(mode="time-sleep", eatUnits=2, playUnits=1, spread=5)
clock = Clock(args["unitMs"])
patched = MODE == "monkey-patch"


def nap(units):
    if MODE == "gevent-sleep":
        gevent.sleep(clock.seconds(units))  # gevent.sleep() 会切
    else:
        time.sleep(clock.seconds(units))  # 自己设置的time.sleep 不会切 (unless patched)


def eat(name):
    if patched:
        report('thread-name', task='eat', name=threading.current_thread().name)
    say('eat food 1' if patched else '%s eat 1' % name, 'say', task='eat')
    nap(args["eatUnits"])
    say('eat food 2' if patched else '%s eat 2' % name, 'say', task='eat')


def play(name):
    if patched:
        report('thread-name', task='play', name=threading.current_thread().name)
    say('play 1' if patched else '%s play 1' % name, 'say', task='play')
    nap(args["playUnits"])
    say('play 2' if patched else '%s play 2' % name, 'say', task='play')


def where_am_i(task):
    report('ident', task=task, ident=threading.get_ident())
    gevent.sleep(0)
    report('ident', task=task, ident=threading.get_ident())


if __name__ == '__main__':
    start = now()
    tasks = [gevent.spawn(eat, 'alex'), gevent.spawn(play, name='taibai')]
    if MODE == "gevent-sleep":
        report('ident', task='main', ident=threading.get_ident())
        tasks += [gevent.spawn(where_am_i, 'g%d' % i) for i in range(args["spread"])]
    gevent.joinall(tasks)
    report('joined', elapsedMs=now() - start)
    if patched:
        report('thread-name', task='main', name=threading.current_thread().name)
    say('主', 'say', task='main')
