"""003, 37: how big pools are by default and when their workers are created.

Records: `cpu-count` {value}; `default-workers` {kind, value} for ProcessPoolExecutor() and
ThreadPoolExecutor(); `workers` {kind, when, value}: how many workers a ThreadPoolExecutor(5),
a ProcessPoolExecutor(3) and a Pool(2) have right after construction and after one submit.
"""

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import program_args, report  # noqa: E402

program_args()


def noop():
    return None


if __name__ == '__main__':
    report('cpu-count', value=os.cpu_count())
    process_default = ProcessPoolExecutor()  # 设置进程数量默认为cpu个数
    report('default-workers', kind='ProcessPoolExecutor', value=process_default._max_workers)
    thread_default = ThreadPoolExecutor()  # ,默认cpu数量*5
    report('default-workers', kind='ThreadPoolExecutor', value=thread_default._max_workers)
    process_default.shutdown()
    thread_default.shutdown()

    threads = ThreadPoolExecutor(5)
    report('workers', kind='ThreadPoolExecutor', when='constructed', value=len(threads._threads))
    threads.submit(noop).result()
    report('workers', kind='ThreadPoolExecutor', when='after-submit', value=len(threads._threads))
    threads.shutdown()

    before = len(multiprocessing.active_children())
    processes = ProcessPoolExecutor(3)
    report('workers', kind='ProcessPoolExecutor', when='constructed', value=len(multiprocessing.active_children()) - before)
    processes.submit(noop).result()
    report('workers', kind='ProcessPoolExecutor', when='after-submit', value=len(multiprocessing.active_children()) - before)
    processes.shutdown()

    ahead = len(multiprocessing.active_children())
    pool = multiprocessing.Pool(2)
    report('workers', kind='Pool', when='constructed', value=len(multiprocessing.active_children()) - ahead)
    pool.close()
    pool.join()
