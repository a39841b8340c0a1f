import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Capability } from '../../harness/capability';
import type { Implementation, RunOptions } from '../../harness/implementation';
import type { Scenario } from '../../harness/scenario/model';
import type { ScenarioResult } from '../../harness/scenario/result';
import { ProcessExecutor } from '../../harness/adapters/reference/process-executor/process-executor';
import { referencePrograms } from '../../harness/adapters/reference/process-executor/reference-programs';
import type { ProgramLocator } from '../../harness/adapters/reference/process-executor/program-runner';
import { ReferenceImplementation } from '../../harness/adapters/reference/reference';
import type { Mutant } from './mutant';

/**
 * A mutant of the reference's process level, run by the real process executor in real child
 * processes: either a defect in how actors are run (`actors`, e.g. a daemon flag that is
 * ignored), or broken versions of some example programs (test/mutants/programs/<name>.ts),
 * which stand for an implementation whose Pool or Process behaves that way.
 */
export interface ProcessMutant {
  /** How the mutant's executor treats each scenario's actors (it sees what the defect makes of them). */
  actors?: (scenario: Scenario) => Scenario;
  /** Programs this mutant replaces, by name; the others are the reference's. */
  programs?: string[];
}

const MUTANT_PROGRAMS_DIR = path.join(__dirname, 'programs');

export class ProcessMutantImplementation implements Implementation {
  readonly name: string;
  readonly version = '0.0.0-mutant';
  readonly runtime = `node ${process.version}`;
  readonly capabilities: ReadonlySet<Capability>;
  private readonly executor: ProcessExecutor;
  /** Thread scenarios (a claim comparing threads with processes) run on the reference, with the same actor defect. */
  private readonly threads = new ReferenceImplementation();

  constructor(
    readonly mutant: Mutant,
    private readonly defect: ProcessMutant,
  ) {
    this.name = `mutant:${mutant.name}`;
    const replaced = new Set(defect.programs ?? []);
    const programs: ProgramLocator = (name, argsJson) => {
      if (!replaced.has(name)) return referencePrograms(name, argsJson);
      const file = path.join(MUTANT_PROGRAMS_DIR, `${name}.ts`);
      if (!fs.existsSync(file)) throw new Error(`mutant ${mutant.name} replaces ${name} but ${file} is missing`);
      return { command: process.execPath, args: ['--require', require.resolve('tsx/cjs'), file, argsJson] };
    };
    this.executor = new ProcessExecutor({ programs });
    this.capabilities = this.threads.capabilities;
  }

  runScenario(scenario: Scenario, options?: RunOptions): Promise<ScenarioResult> {
    const seen = this.defect.actors ? this.defect.actors(scenario) : scenario;
    if (!seen.actors.some((a) => a.kind === 'process')) return this.threads.runScenario(seen, options);
    return this.executor.run(seen, options);
  }

  /** Actor processes and worker threads still alive. */
  leftovers(): number {
    return this.executor.stats().live + this.threads.processStats().live + this.threads.workerStats().live;
  }

  async close(): Promise<void> {
    await Promise.all([this.executor.close(), this.threads.close()]);
  }
}
