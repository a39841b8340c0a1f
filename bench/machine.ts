/** The machine a benchmark ran on, as far as it matters for reading the numbers. */
import * as os from 'node:os';

export interface MachineDescription {
  node: string;
  /** From the baseline script itself, so it is the interpreter that was measured. */
  python: string;
  pythonImplementation: string;
  /** Cores this process may use (os.availableParallelism). */
  cores: number;
  cpuModel: string;
  platform: string;
  arch: string;
}

export function describeMachine(python: { pythonVersion: string; implementation: string }): MachineDescription {
  const cpus = os.cpus();
  return {
    node: process.version,
    python: python.pythonVersion,
    pythonImplementation: python.implementation,
    cores: os.availableParallelism(),
    cpuModel: cpus.length > 0 ? cpus[0].model.trim() : 'unknown',
    platform: `${os.type()} ${os.release()}`,
    arch: process.arch,
  };
}
