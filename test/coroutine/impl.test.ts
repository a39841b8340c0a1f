import { gevent, Greenlet, next, PyGenerator, runGreenlets, StopIteration, type SwitchRequest } from '../../impl/coroutine';

type Body = Generator<SwitchRequest, void, unknown>;

describe('PyGenerator', () => {
  function* echo(): Generator<string, void, string | null> {
    for (;;) {
      const got = yield 'ready';
      if (got === 'stop') return;
    }
  }

  it("refuses a value sent before the generator is primed, as CPython does", () => {
    expect(() => new PyGenerator(echo()).send('x')).toThrow(new TypeError("can't send non-None value to a just-started generator"));
  });

  it('takes send() once primed, and raises StopIteration when the body returns', () => {
    const g = new PyGenerator(echo());
    expect(next(g)).toBe('ready');
    expect(g.send('x')).toBe('ready');
    expect(() => g.send('stop')).toThrow(StopIteration);
    expect(() => next(g)).toThrow(StopIteration);
  });
});

describe('Greenlet', () => {
  it('switches only where told: the document prints 1 3 2 4', () => {
    const printed: number[] = [];
    runGreenlets(function* (): Body {
      const gr1: Greenlet = new Greenlet(function* (): Body {
        printed.push(1);
        yield gr2.switch();
        printed.push(2);
        yield gr2.switch();
      });
      const gr2: Greenlet = new Greenlet(function* (): Body {
        printed.push(3);
        yield gr1.switch();
        printed.push(4);
        yield gr1.switch();
      });
      yield gr1.switch();
    });
    expect(printed).toEqual([1, 3, 2, 4]);
  });

  it('passes the arguments of the first switch to the body, and a later switch value to the yield', () => {
    const seen: unknown[] = [];
    runGreenlets(function* (): Body {
      const g: Greenlet = new Greenlet(function* (name: string): Body {
        seen.push(name);
        seen.push(yield main.switch());
      });
      const main = new Greenlet(function* (): Body {
        yield g.switch('again');
      });
      yield g.switch('taibai');
    });
    expect(seen).toEqual(['taibai', 'again']);
  });

  it('returns to its parent when its body ends', () => {
    const order: string[] = [];
    runGreenlets(function* (): Body {
      const child = new Greenlet(function* (): Body {
        order.push('child');
      });
      order.push('main before');
      yield child.switch();
      order.push('main after');
    });
    expect(order).toEqual(['main before', 'child', 'main after']);
  });
});

describe('the gevent-like hub', () => {
  afterEach(() => gevent.unpatchAll());

  function eatPlay(): { order: string[]; ms: number } {
    const order: string[] = [];
    const start = performance.now();
    function* eat(): Generator<gevent.Wait, void, unknown> {
      order.push('eat 1');
      yield* gevent.time.sleep(0.04);
      order.push('eat 2');
    }
    function* play(): Generator<gevent.Wait, void, unknown> {
      order.push('play 1');
      yield* gevent.time.sleep(0.02);
      order.push('play 2');
    }
    gevent.joinall([gevent.spawn(eat), gevent.spawn(play)]);
    return { order, ms: performance.now() - start };
  }

  it('serialises tasks whose time.sleep blocks', () => {
    const { order, ms } = eatPlay();
    expect(order).toEqual(['eat 1', 'eat 2', 'play 1', 'play 2']);
    expect(ms).toBeGreaterThanOrEqual(55);
  });

  it('switches on time.sleep after monkey.patch_all(), so the sleeps overlap', () => {
    gevent.monkey.patch_all();
    // play's whole sleep fell inside eat's: they overlapped.
    expect(eatPlay().order).toEqual(['eat 1', 'play 1', 'play 2', 'eat 2']);
  });

  it('names tasks Dummy-N only under monkey patching, and runs them all on the calling thread', () => {
    const names: string[] = [];
    const threads = new Set<number>();
    function* who(): Generator<gevent.Wait, void, unknown> {
      names.push(gevent.currentThreadName());
      threads.add(gevent.osThreadId());
      yield* gevent.sleep(0);
    }
    gevent.joinall([gevent.spawn(who)]);
    gevent.monkey.patch_all();
    gevent.joinall([gevent.spawn(who), gevent.spawn(who)]);
    expect(names[0]).toBe('MainThread');
    expect(names.slice(1)).toEqual([expect.stringMatching(/^Dummy-\d+$/), expect.stringMatching(/^Dummy-\d+$/)]);
    expect(names[1]).not.toBe(names[2]);
    expect(gevent.currentThreadName()).toBe('MainThread');
    expect([...threads]).toEqual([gevent.osThreadId()]);
  });

  it('parks a task on an I/O wait until its cell is set', () => {
    const done = new Int32Array(new SharedArrayBuffer(4));
    const order: string[] = [];
    function* fetches(): Generator<gevent.Wait, void, unknown> {
      order.push('waiting');
      yield gevent.ioWait(done);
      order.push('answered');
    }
    function* answers(): Generator<gevent.Wait, void, unknown> {
      order.push('answering');
      Atomics.store(done, 0, 1);
    }
    gevent.joinall([gevent.spawn(fetches), gevent.spawn(answers)]);
    expect(order).toEqual(['waiting', 'answering', 'answered']);
  });
});
