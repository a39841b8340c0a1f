import type { ScenarioCheck } from '../claim';
import { checkEvery, expect, expectCompleted } from '../judging';
import { expectCleanExit, programScenario, records, transcript } from './transcript';

/**
 * socketserver.allow-reuse-address-too-late, from the program socketserver-reuse-late (003 §12's
 * `server.allow_reuse_address = True` after construction): the attribute defaults to False, setting
 * it on the object leaves the socket's SO_REUSEADDR at 0, and a restart on a port in TIME_WAIT fails
 * with EADDRINUSE when it is set that way, while a subclass with the class attribute binds.
 */

const EADDRINUSE = 98;

export const allowReuseAddressTooLate: ScenarioCheck = checkEvery(
  [programScenario('003 §12: allow_reuse_address set after construction, then a restart during TIME_WAIT', 'socketserver-reuse-late')],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    const [defaults] = records(t, 'class-default');
    expect(defaults?.allow_reuse_address === false, `ThreadingTCPServer.allow_reuse_address defaults to False, got ${JSON.stringify(defaults?.allow_reuse_address)}`);
    const [setting] = records(t, 'after-setting');
    expect(setting?.before === 0 && setting?.after === 0, `SO_REUSEADDR stays 0 after setting the attribute on the server, got ${JSON.stringify(setting)}`);
    const [late] = records(t, 'restart', (r) => r.how === 'attribute set after construction');
    expect(late?.ok === false && late?.errno === EADDRINUSE, `the restart with the attribute set afterwards fails in the constructor with EADDRINUSE, got ${JSON.stringify(late)}`);
    const [early] = records(t, 'restart', (r) => r.how === 'class attribute set before construction');
    expect(early?.ok === true, `the restart with allow_reuse_address as a class attribute binds, got ${JSON.stringify(early)}`);
  },
  'setting allow_reuse_address on the constructed server left SO_REUSEADDR at 0 and the restart failed with EADDRINUSE; as a class attribute it bound',
);
