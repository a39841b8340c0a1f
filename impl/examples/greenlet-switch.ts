import { Greenlet, runGreenlets, type SwitchRequest } from '../coroutine';
import { Clock, programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 000 Greenlet and 003 43. Greenlet模块: test1/test2 switching explicitly (1 3 2 4); eat/play
 * with the name passed on the first switch only; and a greenlet that calls a blocking sleep
 * before switching: nothing else runs until it returns, since greenlets switch only when told.
 *
 * Records: `print` {part, text}; `sleep-start`/`sleep-end`, `other-runs`.
 */

const args = programArgs({ sleepUnits: 2 });
const clock = new Clock(args.unitMs);

type Body = Generator<SwitchRequest, void, unknown>;

function* orderDemo(): Body {
  const gr1: Greenlet = new Greenlet(function* test1(): Body {
    say('1', 'print', { part: 'order' });
    yield gr2.switch();
    say('2', 'print', { part: 'order' });
    yield gr2.switch();
  });
  const gr2: Greenlet = new Greenlet(function* test2(): Body {
    say('3', 'print', { part: 'order' });
    yield gr1.switch();
    say('4', 'print', { part: 'order' });
    yield gr1.switch();
  });
  // 切换
  yield gr1.switch();
}

function* eatPlay(): Body {
  const g1: Greenlet = new Greenlet(function* eat(name: string): Body {
    say(`${name} eat 1`, 'print', { part: 'args' });
    yield g2.switch('taibai');
    say(`${name} eat 2`, 'print', { part: 'args' });
    yield g2.switch();
  });
  const g2: Greenlet = new Greenlet(function* play(name: string): Body {
    say(`${name} play 1`, 'print', { part: 'args' });
    yield g1.switch();
    say(`${name} play 2`, 'print', { part: 'args' });
  });
  yield g1.switch('taibai'); // 可以在第一次switch时传入参数，以后都不需要
}

function* blocking(): Body {
  const other: Greenlet = new Greenlet(function* (): Body {
    report('other-runs');
  });
  const sleeper = new Greenlet(function* (): Body {
    report('sleep-start');
    clock.sleepBlocking(args.sleepUnits); // 遇到IO还是会堵塞
    report('sleep-end');
    yield other.switch();
  });
  yield sleeper.switch();
}

runGreenlets(orderDemo);
runGreenlets(eatPlay);
runGreenlets(blocking);
