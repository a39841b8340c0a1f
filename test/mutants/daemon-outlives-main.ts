import type { Mutant } from './mutant';
import type { ProcessMutant } from './process-mutant-implementation';

export const mutant: Mutant = {
  name: 'daemon-outlives-main',
  defect: 'a daemonic process is waited for like any other, so it outlives the main program instead of ending with it',
  breaks: 'processes',
  caughtBy: ['process.daemon-ends-with-main-code'],
  onlyTagged: ['daemon'],
};

export const processMutant: ProcessMutant = {
  actors: (scenario) => ({ ...scenario, actors: scenario.actors.map(({ daemon: _ignored, ...actor }) => actor) }),
};
