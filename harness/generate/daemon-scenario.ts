import * as fc from 'fast-check';
import { SCENARIO_MODEL_VERSION, type Actor, type Op, type Scenario } from '../scenario/model';

/**
 * Scenarios of a main program with one to four child processes, at least one daemonic and at
 * least one not: main starts them all, waits until each has begun (a semaphore each child
 * releases, so a daemon is really running when main ends), sleeps a while and ends its code.
 * Non-daemonic children work for a random time, possibly well past main's end; daemonic ones
 * work far longer than main and any sibling, so on a correct implementation they are always
 * still working when main's code ends and are cut off there, never reaching their last mark.
 */

/** Process start-up dominates these scenarios; a unit this long keeps sleeps meaningful beside it. */
const UNIT_MS = 40;
/** A daemon's work ends this many units after main's and the longest non-daemon child's. */
const DAEMON_MARGIN_UNITS = 25;
/** Room for a few process start-ups on a loaded machine, and for a defect that waits for the daemons. */
const DEADLINE_UNITS = 200;

/** The label a child marks when its work is done. */
export const CHILD_DONE = 'done';
/** The label main marks as its code's last line. */
export const MAIN_DONE = '主进程执行完毕';

interface Child {
  daemon: boolean;
  units: number;
}

const child = (daemon: boolean): fc.Arbitrary<Child> => fc.integer({ min: 0, max: 8 }).map((units) => ({ daemon, units }));

function daemonScenario(children: Child[], mainUnits: number): Scenario {
  const names = children.map((c, i) => `${c.daemon ? 'd' : 'p'}${i + 1}`);
  const longest = Math.max(mainUnits, ...children.filter((c) => !c.daemon).map((c) => c.units));
  const actors: Actor[] = children.map((c, i) => ({
    name: names[i],
    kind: 'process',
    start: 'manual',
    ...(c.daemon ? { daemon: true } : {}),
    ops: [{ op: 'release', target: 'running' }, { op: 'sleep', units: c.daemon ? longest + DAEMON_MARGIN_UNITS + c.units : c.units }, { op: 'mark', label: CHILD_DONE }],
  }));
  const main: Op[] = [
    ...names.map((actor): Op => ({ op: 'start', actor })),
    ...names.map((): Op => ({ op: 'acquire', target: 'running' })),
    { op: 'sleep', units: mainUnits },
    { op: 'mark', label: MAIN_DONE },
  ];
  const daemons = children.filter((c) => c.daemon).length;
  return {
    version: SCENARIO_MODEL_VERSION,
    name: `generated daemon children: ${daemons} daemonic, ${children.length - daemons} not`,
    timeUnitMs: UNIT_MS,
    deadlineMs: DEADLINE_UNITS * UNIT_MS,
    objects: { running: { type: 'semaphore', value: 0 } },
    actors: [{ name: 'main', kind: 'process', ops: main }, ...actors],
  };
}

export function daemonScenarios(): fc.Arbitrary<Scenario> {
  const others = fc.array(fc.oneof(child(true), child(false)), { maxLength: 2 });
  return fc
    .tuple(child(true), child(false), others, fc.integer({ min: 0, max: 4 }))
    .map(([d, p, rest, mainUnits]) => daemonScenario([d, p, ...rest], mainUnits));
}
