"""003 §27-29 and 001 §6: the two ways to start a thread, their default names, what
threading.current_thread(), enumerate() and active_count() say, that a thread shares its
process's pid, and that daemon must be set before start(). `prompt` repeats "start a thread
that prints, then print in main" to see who usually prints first.

Records: `runs` {how, name} in the thread; `main-thread` {name}; `names` {subclass, target};
`enumerate` {when, names, count}; `daemon-after-start` {error, message}; `prompt` {round, who}.
"""

import os
import sys
import threading
import time
from threading import Thread

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import program_args, report, say  # noqa: E402

args = program_args(prompt=20)


def task(name):
    say(f'{name} is running', 'runs', how='target', name=threading.current_thread().name)


class MyThread(Thread):
    def run(self):
        say(f'{self.name} is running', 'runs', how='subclass', name=self.name)


def sleeper(seconds):
    time.sleep(seconds)


def first(round):
    report('prompt', round=round, who='thread')


def names():
    return [t.name for t in threading.enumerate()]


if __name__ == '__main__':
    report('main-thread', name=threading.current_thread().name)
    sub = MyThread()
    by_target = Thread(target=task, args=("子线程",))
    report('names', subclass=sub.name, target=by_target.name)
    sub.start()
    by_target.start()
    sub.join()
    by_target.join()

    t = Thread(target=sleeper, args=(0.3,))
    report('enumerate', when='before-start', names=names(), count=threading.active_count())
    t.start()
    report('enumerate', when='running', names=names(), count=threading.active_count())
    try:
        t.daemon = True
        report('daemon-after-start', error='none', message='')
    except Exception as e:
        report('daemon-after-start', error=type(e).__name__, message=str(e))
    t.join()
    report('enumerate', when='after-join', names=names(), count=threading.active_count())

    for round in range(args['prompt']):
        p = Thread(target=first, args=(round,))
        p.start()
        report('prompt', round=round, who='main')
        p.join()
