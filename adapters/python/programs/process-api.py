"""001 §16 and 003 §16: the Process constructor and run(). Each experiment reports what happened:
- `group`: Process(group=...) other than None;
- `named`: Process(name='名字') as seen by the parent and by the child (`child-name`);
- `args`: the target's arguments for args given as a list and as a bare string;
- `default-run`: start() on Process(target=...) calls the target (via the default run());
- `subclass-run`: start() on a subclass calls its run() (with its own fields);
- `no-super`: a subclass whose __init__ does not call Process.__init__.

003's MyProcess keeps its argument as `self.name`, which renames the process; here, as in the
reference (impl/examples/process-api.ts), it is kept as `self.greeting`, so that the name the
subclass gets by default (MyProcess-N) shows as well. In CPython the subclass without
super().__init__() can be made; it is start() that fails (`stage` says which step raised).

Records: `group` {error, message}, `named` {parent}, `child-name` {name}, `args` {given, received},
`default-run` {}, `subclass-run` {name, greeting}, `no-super` {error, message, stage}.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from multiprocessing import Process, current_process  # noqa: E402

from support.trace import program_args, report  # noqa: E402

program_args()


def tell_name():
    report('child-name', name=current_process().name)


def show_args(given, *received):
    report('args', given=given, received=list(received))


def plain_target():
    report('default-run')


class MyProcess(Process):

    def __init__(self, name):
        super().__init__()  # 必须要继承父类的__init__

        self.greeting = name

    def run(self):  # 必须定义run名字.
        report('subclass-run', name=self.name, greeting=self.greeting)


class NoSuper(Process):

    def __init__(self, name):
        self.name = name

    def run(self):
        report('no-super-ran')


def failure(e):
    return {'error': type(e).__name__, 'message': str(e)}


def start_and_join(p):
    p.start()
    p.join()


if __name__ == '__main__':
    try:
        Process(group='group')
        report('group', error='none', message='')
    except Exception as e:
        report('group', **failure(e))

    named = Process(target=tell_name, name='名字')
    report('named', parent=named.name)
    start_and_join(named)

    start_and_join(Process(target=show_args, args=['list', 1, 2]))
    start_and_join(Process(target=show_args, args='ab'))
    start_and_join(Process(target=plain_target))
    start_and_join(MyProcess('怼怼哥'))

    stage = 'construct'
    try:
        p = NoSuper('怼怼哥')
        stage = 'start'
        start_and_join(p)
        report('no-super', error='none', message='', stage='started')
    except Exception as e:
        report('no-super', stage=stage, **failure(e))
