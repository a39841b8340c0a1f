"""000, 进程的其他属性及方法: five MyProcess instances (a Process subclass without a name) print
their name, pid and is_alive() from inside run().

Records: `run` {name, reportedPid, alive} from each child.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from multiprocessing import Process  # noqa: E402

from support.trace import program_args, say  # noqa: E402

args = program_args(processes=5)


class MyProcess(Process):
    def run(self):
        say(f'进程名称:{self.name}, '
            f'进程id:{self.pid}, '
            f'进程是否在运行:{self.is_alive()}', 'run', name=self.name, reportedPid=self.pid, alive=self.is_alive())


if __name__ == '__main__':
    process_list = []
    for i in range(args['processes']):
        item_process = MyProcess()
        process_list.append(item_process)
        item_process.start()

    for i in process_list:
        i.join()
