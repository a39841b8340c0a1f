"""What a Pool says when used out of order (000: "进程池的 close 必须放在 join 前面"):
join() on a running pool, apply_async() after close().

Records: `join-before-close` {error, message}, `apply-after-close` {error, message},
`joined` once close() then join() worked.
"""

import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import program_args, report  # noqa: E402

program_args()


def noop():
    return None


def outcome(e):
    return {'error': type(e).__name__, 'message': str(e)}


if __name__ == '__main__':
    pool = multiprocessing.Pool(2)
    pool.apply(noop)
    try:
        pool.join()
        report('join-before-close', error='none', message='')
    except Exception as e:
        report('join-before-close', **outcome(e))
    pool.close()
    try:
        pool.apply_async(noop)
        report('apply-after-close', error='none', message='')
    except Exception as e:
        report('apply-after-close', **outcome(e))
    pool.join()
    report('joined')
