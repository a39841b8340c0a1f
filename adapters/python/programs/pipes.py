"""000 管道通信 and 001 17、进程的通信: a duplex Pipe between the main process and a child (each
end sends and receives), a one-way Pipe(duplex=False) used the wrong way, recv() after the
other end is closed, and a received object changed by its receiver. The listing's endless
ping-pong of random numbers is one exchange here, as in the reference.

Records: `child-got` {data}, `parent-got` {data}; `one-way` {use, error, message};
`after-close` {error}; `receiver-changed` {copy}, `sender-has` {original}.
"""

import multiprocessing
import os
import sys
from multiprocessing import Process

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import program_args, report  # noqa: E402

program_args()


def func1(conn):
    data_recv = conn.recv()
    report('child-got', data=data_recv)
    conn.send({'reply': 'pong'})


def changes_it(conn):
    got = conn.recv()
    got['items'].append(99)
    report('receiver-changed', copy=got['items'])
    conn.send('done')


def failure(e):
    return {'error': type(e).__name__, 'message': str(e)}


if __name__ == '__main__':
    # 创建管道
    parent_conn, child_conn = multiprocessing.Pipe()
    other_process = Process(target=func1, args=(child_conn,))
    other_process.start()
    parent_conn.send({'ping': 1})
    report('parent-got', data=parent_conn.recv())
    other_process.join()

    reader, writer = multiprocessing.Pipe(False)
    for use, attempt in (('send on the read end', lambda: reader.send(1)), ('recv on the write end', lambda: writer.recv())):
        try:
            attempt()
            report('one-way', use=use, error='none', message='')
        except Exception as e:
            report('one-way', use=use, **failure(e))
    writer.send('last')
    writer.close()
    reader.recv()
    try:
        reader.recv()
        report('after-close', error='none')
    except Exception as e:
        report('after-close', error=type(e).__name__)

    mine, theirs = multiprocessing.Pipe()
    original = {'items': [1, 2]}
    receiver = Process(target=changes_it, args=(theirs,))
    receiver.start()
    mine.send(original)
    mine.recv()
    receiver.join()
    report('sender-has', original=original['items'])
