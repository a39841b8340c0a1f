import { gevent } from '../coroutine';
import { Clock, programArgs } from './support/program-args';
import { now, report, say } from './support/trace';

/**
 * 003 44. Gevent: eat and play spawned on gevent's hub and joined, in one of three modes:
 * `gevent-sleep` (the listing's commented-out gevent.sleep, which switches), `time-sleep` (the
 * listing as written: time.sleep, which does not), `monkey-patch` (the second listing:
 * monkey.patch_all() first, then time.sleep switches, and current_thread() in a greenlet is a
 * dummy thread). The listing's time.sleep(300) is `eatUnits` (2) here. In gevent-sleep mode,
 * `spread` more greenlets report which OS thread they run on.
 *
 * Records: `say` {task, text}; `thread-name` {task, name}; `ident` {task, ident};
 * `joined` {elapsedMs}.
 */

const args = programArgs({ mode: 'time-sleep' as 'gevent-sleep' | 'time-sleep' | 'monkey-patch', eatUnits: 2, playUnits: 1, spread: 5 });
const clock = new Clock(args.unitMs);
const patched = args.mode === 'monkey-patch';
if (patched) gevent.monkey.patch_all(); // 将你代码中的所有的IO堵塞都标识.

function nap(units: number): Generator<gevent.Wait, void, unknown> {
  return args.mode === 'gevent-sleep' ? gevent.sleep(clock.seconds(units)) : gevent.time.sleep(clock.seconds(units));
}

function* eat(name: string): Generator<gevent.Wait, void, unknown> {
  if (patched) report('thread-name', { task: 'eat', name: gevent.currentThreadName() });
  say(patched ? 'eat food 1' : `${name} eat 1`, 'say', { task: 'eat' });
  yield* nap(args.eatUnits);
  say(patched ? 'eat food 2' : `${name} eat 2`, 'say', { task: 'eat' });
}

function* play(name: string): Generator<gevent.Wait, void, unknown> {
  if (patched) report('thread-name', { task: 'play', name: gevent.currentThreadName() });
  say(patched ? 'play 1' : `${name} play 1`, 'say', { task: 'play' });
  yield* nap(args.playUnits);
  say(patched ? 'play 2' : `${name} play 2`, 'say', { task: 'play' });
}

function* whereAmI(task: string): Generator<gevent.Wait, void, unknown> {
  report('ident', { task, ident: gevent.osThreadId() });
  yield* gevent.sleep(0);
  report('ident', { task, ident: gevent.osThreadId() });
}

const start = now();
const tasks = [gevent.spawn(eat, 'alex'), gevent.spawn(play, 'taibai')];
if (args.mode === 'gevent-sleep') {
  report('ident', { task: 'main', ident: gevent.osThreadId() });
  for (let i = 0; i < args.spread; i++) tasks.push(gevent.spawn(whereAmI, `g${i}`));
}
gevent.joinall(tasks);
report('joined', { elapsedMs: now() - start });
if (patched) report('thread-name', { task: 'main', name: gevent.currentThreadName() });
say('主', 'say', { task: 'main' });
