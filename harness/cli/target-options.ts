import type { Json } from '../scenario/model';
import { assertListening, TargetImplementation } from '../adapters/target/target-implementation';
import { parseTarget } from '../net-probes/target-address';
import { UsageError } from './usage-error';

/** `--target host:port` with its `--target-*` options, as a TargetImplementation. */

const MODELS = ['serial', 'threading', 'forking', 'event-loop', 'threading-joined', 'listener-per-client'];

/** `k=v` pairs; a value that parses as JSON (a number, true) is taken as such, else as text. */
export function parseTargetOptions(pairs: string[]): { [key: string]: Json } {
  const info: { [key: string]: Json } = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--target-option must be key=value, got ${JSON.stringify(pair)}`);
    const value = pair.slice(eq + 1);
    let parsed: Json = value;
    try {
      const json = JSON.parse(value) as Json;
      if (typeof json !== 'object' || json === null) parsed = json;
    } catch {
      // plain text
    }
    info[pair.slice(0, eq)] = parsed;
  }
  return info;
}

export async function targetImplementation(options: { target?: string; targetProtocol?: string; targetModel?: string; targetOption?: string[] }): Promise<TargetImplementation> {
  let host: string;
  let port: number;
  try {
    [host, port] = parseTarget(options.target!);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (options.targetModel !== undefined && !MODELS.includes(options.targetModel)) throw new UsageError(`--target-model must be one of ${MODELS.join(', ')}, got ${options.targetModel}`);
  const protocol = options.targetProtocol ?? 'echo-upper';
  // UDP has no connection to try; a TCP server that is not there is the user's mistake, said at once.
  if (!protocol.endsWith('-udp')) {
    try {
      await assertListening(host, port);
    } catch (e) {
      throw new UsageError(`--target ${options.target}: ${(e as Error).message}`);
    }
  }
  return new TargetImplementation({ host, port, protocol, ...(options.targetModel === undefined ? {} : { model: options.targetModel }), info: parseTargetOptions(options.targetOption ?? []) });
}
