import type { ScenarioCheck } from '../claim';
import { checkEvery, expect, expectCompleted, holds } from '../judging';
import { checkConcurrency } from '../../harness/checkers/concurrency';
import { expectCleanExit, programScenario, recordIntervals, records, transcript, type TraceRecord, type Transcript } from './transcript';

/** The documents' semaphore and event programs (004), run as the example programs. */

export const ktvProgram: ScenarioCheck = checkEvery(
  [programScenario('004: thirteen users, a KTV with Semaphore(4) rooms', 'ktv', { rooms: 4, users: 13 })],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'enter').length === 13, `all thirteen users get a room, ${records(t, 'enter').length} did`);
    holds(checkConcurrency(recordIntervals(t, 'enter', 'leave', 'user'), { atMost: 4, reaches: 4 }, 'users in rooms'));
  },
  'at most four users were in rooms at once, four was reached, and all thirteen got a room',
);

/** Whether the light was green at `time`, from the light's own records. */
function greenAt(t: Transcript, time: number): boolean {
  const before = records(t, 'light').filter((r) => r.time < time);
  return before.length > 0 && before[before.length - 1].green === true;
}

const byCar = (car: unknown) => (r: TraceRecord) => r.car === car;

export const trafficLightsProgram: ScenarioCheck = checkEvery(
  // The light turns green once, 15 after it starts, and then stays green, so the program ends.
  [programScenario('004: five cars and three police cars at a traffic light that turns green after 15', 'traffic-lights', { cars: 5, police: 3, interval: 15, cycles: 1 })],
  (run, s) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    const green = records(t, 'light')[0];
    expect(green?.green === true, 'the light starts red and turns green');
    for (let car = 0; car < 5; car++) {
      const waits = records(t, 'car-waits', byCar(car));
      const sees = records(t, 'car-sees-green', byCar(car));
      const off = records(t, 'car-drives-off', byCar(car));
      expect(waits.length > 0 && waits[0].time < green.time, `car${car} waited at the red light`);
      expect(sees.length > 0 && sees[0].time >= green.time, `car${car} went on only once the light was green`);
      expect(off.length === 1 && greenAt(t, off[0].time), `car${car} drove off while the light was green`);
    }
    for (let car = 0; car < 3; car++) {
      const waits = records(t, 'police-waits', byCar(car));
      const goes = records(t, 'police-goes', byCar(car));
      expect(waits.length === 1 && goes.length === 1, `police car ${car} waited once and went once`);
      if (goes[0].green === false) {
        expect(goes[0].time - waits[0].time >= 0.1 * s.timeUnitMs * 0.9, `police car ${car} waited its 0.1 s before going on red`);
      } else {
        expect(goes[0].time >= green.time, `police car ${car} went on green only after the light turned green`);
      }
    }
  },
  'cars waited for green and drove off on green; police cars waited at most 0.1 s and went on',
);
