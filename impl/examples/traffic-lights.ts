import { Event, Process, runMain } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 004, 红绿灯案例: cars wait at a red light (Event clear) until it turns green (set); police
 * cars wait at most 0.1 s and then go anyway. The light process toggles every `interval`
 * seconds forever, so the program never ends by itself (unless given `cycles`, the number of
 * changes after which the light stays as it is).
 *
 * Records: `light` {green} (just before the light changes), `car-waits` {car}, `car-sees-green` {car}, `car-drives-off` {car},
 * `police-waits` {car}, `police-goes` {car, green}.
 */

/** `cycles`: how many times the light changes before it stops (the document's never stops). */
const args = programArgs({ cars: 10, police: 5, interval: 10, cycles: Infinity });
const clock = new Clock(args.unitMs);

export async function car(e: Event, n: number): Promise<void> {
  for (;;) {
    // 进程刚开启，is_set()的值是Flase，模拟信号灯为红色
    if (!(await e.is_set())) {
      say(`红灯亮，car${n}等着`, 'car-waits', { car: n });
      // 阻塞，等待is_set()的值变成True，模拟信号灯为绿色
      await e.wait();
      say(`车${n} 看见绿灯亮了`, 'car-sees-green', { car: n });
      await clock.sleep(randint(3, 6));
      // 如果is_set()的值是Flase，也就是红灯，仍然回到while语句开始
      if (!(await e.is_set())) continue;
      say(`车开远了,car ${n}`, 'car-drives-off', { car: n });
      break;
    }
  }
}

export async function police_car(e: Event, n: number): Promise<void> {
  if (!(await e.is_set())) {
    say(`红灯亮，car${n}等着`, 'police-waits', { car: n });
    // 阻塞,等待设置等待时间,等待0.1s之后没有等到绿灯就闯红灯走了
    await e.wait(clock.seconds(0.1));
    const green = await e.is_set();
    say(green ? `绿灯,警车走,car ${n}` : `红灯,警车先走,car ${n}`, 'police-goes', { car: n, green });
  }
}

export async function traffic_lights(e: Event, interval: number, cycles: number | null): Promise<void> {
  // JSON has no Infinity: null means forever.
  for (let n = 0; cycles === null || n < cycles; n++) {
    await clock.sleep(interval);
    // Reported before the change, so that whatever the change causes comes after it in the records.
    if (await e.is_set()) {
      report('light', { green: false });
      await e.clear();
      console.log('###### False');
    } else {
      report('light', { green: true });
      await e.set();
      console.log('*********** True');
    }
  }
}

async function main(): Promise<void> {
  const e = new Event();
  for (let i = 0; i < args.cars; i++) new Process({ target: car, args: [e, i] }).start();
  for (let i = 0; i < args.police; i++) new Process({ target: police_car, args: [e, i] }).start();
  new Process({ target: traffic_lights, args: [e, args.interval, Number.isFinite(args.cycles) ? args.cycles : null] }).start();
}

if (require.main === module) runMain(main);
