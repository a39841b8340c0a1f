"""Ground truth for python-traces-*.test.ts: run with CPython 3.11 (`python3 test/aio/python-traces.py`)
and compare its output with the expectations in those tests. Public API only, so that the same
scenarios can be written against impl/aio. `tick()` lets every runnable task run."""
import asyncio

log = []

async def tick(n=10):
    for _ in range(n):
        await asyncio.sleep(0)

def spawn(name, coro_fn):
    async def run():
        try:
            v = await coro_fn()
            log.append(f'{name} {v}')
        except BaseException as e:
            # Logged, not re-raised: the log is the result, and asyncio would warn otherwise.
            log.append(f'{name} {type(e).__name__}')
    return asyncio.create_task(run())

async def free_permits(s):
    """How many acquires succeed without waiting; gives them back."""
    n = 0
    while not s.locked():
        await s.acquire()
        n += 1
    for _ in range(n):
        s.release()
    return n

async def lock_cancel_handed():
    l = asyncio.Lock(); await l.acquire()
    b = spawn('B', l.acquire); c = spawn('C', l.acquire); await tick()
    l.release(); b.cancel()
    d = spawn('D', l.acquire); await tick()
    log.append(f'locked={l.locked()}')
    l.release(); await tick()
    log.append(f'locked={l.locked()}')

async def lock_no_barging():
    l = asyncio.Lock(); await l.acquire()
    async def w():
        await l.acquire(); await asyncio.sleep(0); l.release(); return 'got'
    for n in 'BCD':
        spawn(n, w)
    await tick()
    l.release()
    log.append(f'locked={l.locked()}')
    spawn('E', w); await tick(30)

async def sem_cancel_handed():
    s = asyncio.Semaphore(1); await s.acquire()
    b = spawn('B', s.acquire); c = spawn('C', s.acquire); await tick()
    s.release(); log.append(f'locked={s.locked()}')
    b.cancel(); await tick()
    log.append(f'locked={s.locked()}')
    s.release(); log.append(f'free={await free_permits(s)}')

async def sem_fair():
    s = asyncio.Semaphore(2); await s.acquire(); await s.acquire()
    async def w():
        await s.acquire(); await asyncio.sleep(0); s.release(); return 'got'
    for n in 'BCD':
        spawn(n, w)
    await tick()
    s.release(); s.release()
    log.append(f'locked={s.locked()}')
    spawn('E', w); await tick(30)
    log.append(f'free={await free_permits(s)}')

async def sem_cancel_pending():
    s = asyncio.Semaphore(0)
    b = spawn('B', s.acquire); await tick()
    b.cancel(); log.append(f'locked={s.locked()}'); await tick()
    s.release(); log.append(f'locked={s.locked()}'); log.append(f'free={await free_permits(s)}')

async def bounded_sem():
    s = asyncio.BoundedSemaphore(2); await s.acquire()
    b = spawn('B', s.acquire); c = spawn('C', s.acquire); await tick()
    s.release(); await tick()
    try:
        s.release()
        log.append('released')
        s.release()
    except ValueError as e:
        log.append(f'ValueError {e}')
    log.append(f'free={await free_permits(s)}')

async def queue_get_cancel():
    q = asyncio.Queue()
    g1 = spawn('G1', q.get); g2 = spawn('G2', q.get); await tick()
    q.put_nowait('x'); g1.cancel(); await tick()
    log.append(f'qsize={q.qsize()}')

async def queue_steal():
    q = asyncio.Queue()
    spawn('G1', q.get); spawn('G2', q.get); await tick()
    q.put_nowait('x'); log.append('stolen ' + q.get_nowait()); await tick()
    q.put_nowait('y'); await tick()
    q.put_nowait('z'); await tick()

async def queue_put_cancel():
    q = asyncio.Queue(1); q.put_nowait('a')
    p1 = spawn('P1', lambda: q.put('b')); p2 = spawn('P2', lambda: q.put('c')); await tick()
    log.append('got ' + q.get_nowait()); p1.cancel(); await tick()
    log.append(f'qsize={q.qsize()} next={q.get_nowait()}')

async def cond_notify_cancel():
    c = asyncio.Condition()
    async def w():
        async with c:
            await c.wait()
            return f'woke locked={c.locked()}'
    w1 = spawn('W1', w); spawn('W2', w); await tick()
    async with c:
        c.notify(1)
    w1.cancel(); await tick()
    log.append(f'locked={c.locked()}')
    async with c:
        c.notify(1)
    await tick()

async def cond_notify_order():
    c = asyncio.Condition()
    async def w():
        async with c:
            await c.wait()
            return 'woke'
    for n in 'ABCD':
        spawn(n, w)
    await tick()
    async with c:
        c.notify(2)
    await tick()
    async with c:
        c.notify_all()
    await tick()

async def event_set_clear():
    e = asyncio.Event()
    for n in 'ABC':
        spawn(n, e.wait)
    await tick(); e.set(); e.clear(); await tick()
    log.append(f'is_set={e.is_set()}')

async def barrier_cycle():
    b = asyncio.Barrier(3)
    spawn('A', b.wait); spawn('B', b.wait); await tick()
    log.append(f'n_waiting={b.n_waiting}')
    spawn('C', b.wait); await tick(30)
    log.append(f'n_waiting={b.n_waiting}')
    spawn('D', b.wait); spawn('E', b.wait); await tick()
    await b.reset(); await tick(30)
    log.append(f'n_waiting={b.n_waiting} broken={b.broken}')
    spawn('F', b.wait); await tick()
    await b.abort(); await tick(30)
    log.append(f'broken={b.broken}')
    spawn('G', b.wait); await tick(30)
    await b.reset(); log.append(f'broken={b.broken}')

async def barrier_cancel():
    b = asyncio.Barrier(2)
    a = spawn('A', b.wait); await tick()
    log.append(f'n_waiting={b.n_waiting}')
    a.cancel(); await tick()
    log.append(f'n_waiting={b.n_waiting}')
    spawn('B', b.wait); spawn('C', b.wait); await tick(30)

SCENARIOS = [lock_cancel_handed, lock_no_barging, sem_cancel_handed, sem_fair, sem_cancel_pending,
             bounded_sem, queue_get_cancel, queue_steal, queue_put_cancel, cond_notify_cancel,
             cond_notify_order, event_set_clear, barrier_cycle, barrier_cancel]

async def sem_wake_chain():
    s = asyncio.Semaphore(0)
    spawn('A', s.acquire); await tick()
    s.release(); s.release()
    log.append(f'locked={s.locked()}')
    spawn('B', s.acquire); await tick()
    log.append(f'locked={s.locked()}')

async def cond_cancel_during_reacquire():
    c = asyncio.Condition()
    async def w():
        await c.acquire()
        try:
            await c.wait()
            return 'woke'
        finally:
            log.append(f'W leaves locked={c.locked()}')
            c.release()
    async def y():
        await c.acquire(); c.release(); return 'acquired'
    t = spawn('W', w); await tick()
    await c.acquire(); c.notify(); await tick()
    spawn('Y', y); await tick()
    t.cancel(); await tick()
    c.release(); await tick()

async def barrier_draining():
    b = asyncio.Barrier(2)
    spawn('A', b.wait); await tick()
    spawn('B', b.wait); spawn('C', b.wait); await tick(30)
    log.append(f'n_waiting={b.n_waiting}')
    spawn('D', b.wait); await tick(30)

async def barrier_timeout():
    b = asyncio.Barrier(2)
    spawn('A', lambda: asyncio.wait_for(b.wait(), 0.02)); await asyncio.sleep(0.05)
    log.append(f'n_waiting={b.n_waiting} broken={b.broken}')
    spawn('B', b.wait); spawn('C', b.wait); await tick(30)

async def wait_for_zero():
    l = asyncio.Lock()
    spawn('A', lambda: asyncio.wait_for(l.acquire(), 0)); await tick()
    log.append(f'locked={l.locked()}')
    q = asyncio.Queue(); q.put_nowait(1)
    spawn('G', lambda: asyncio.wait_for(q.get(), 0)); await tick()
    log.append(f'qsize={q.qsize()}')
    spawn('B', lambda: asyncio.wait_for(l.acquire(), 0.5)); await tick()
    log.append(f'locked={l.locked()}')

async def priority_type_error():
    q = asyncio.PriorityQueue()
    q.put_nowait((2, 'b')); q.put_nowait((1, 'a'))
    try:
        q.put_nowait((1, 5))
    except TypeError as e:
        log.append(f'TypeError {e}')
    log.append(f'qsize={q.qsize()}')
    for _ in range(3):
        try:
            log.append(f'got {q.get_nowait()}')
        except TypeError as e:
            log.append(f'TypeError {e}')
        except asyncio.QueueEmpty:
            log.append('QueueEmpty')
    log.append(f'qsize={q.qsize()}')
    try:
        q.task_done(); q.task_done(); q.task_done()
    except ValueError as e:
        log.append(f'ValueError {e}')

SCENARIOS += [sem_wake_chain, cond_cancel_during_reacquire, barrier_draining, barrier_timeout,
              wait_for_zero, priority_type_error]

async def main():
    for scenario in SCENARIOS:
        log.clear()
        await scenario()
        await tick(30)
        print(f'{scenario.__name__}: {log!r}')

asyncio.run(main())
