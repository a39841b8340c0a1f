import type { Judgement, ServerCheck } from '../claim';
import type { Json } from '../../harness/scenario/model';
import { ServerUnavailable, type ServerRequest, type ServerTarget } from '../../harness/server/server-model';
import { probeEchoUpper, type ProbeResult } from '../../harness/net-probes';

/**
 * Server checks built from the black-box probes of harness/net-probes: the probe's verdict
 * becomes the judgement. An inconclusive probe (the server did not even answer the first
 * client) is neither a pass nor a failure of the claim: it throws, so the verdict is `error`.
 * An unsupported one (the server offers no query or trigger the probe needs, as a --target
 * server may not) makes the claim not-applicable.
 */

export function fromProbe(result: ProbeResult): Judgement {
  if (result.verdict === 'unsupported') throw new ServerUnavailable(`probe ${result.probe} cannot run on this server: ${result.message}`);
  if (result.verdict === 'inconclusive') throw new Error(`inconclusive probe ${result.probe}: ${result.message}`);
  return { ok: result.verdict === 'pass', message: result.message, evidence: { probe: result.probe, ...(isObject(result.evidence) ? result.evidence : { observed: result.evidence }) } };
}

function isObject(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A server check whose judgement is one probe's verdict. */
export function probeCheck(server: ServerRequest, run: (target: [string, number], target_: ServerTarget) => Promise<ProbeResult>): ServerCheck {
  return {
    type: 'server',
    server,
    probe: async (target) => fromProbe(await run([target.host, target.port], target)),
  };
}

/**
 * handle() runs once per connection: three clients one after another, then two at once, each
 * answered from its first message on (a handler that served only the first connection, or one
 * shared between connections, would leave one unanswered or answer it with another's bytes).
 */
export function everyConnectionServed(server: ServerRequest): ServerCheck {
  return {
    type: 'server',
    server,
    probe: async (target) => {
      const address: [string, number] = [target.host, target.port];
      const sequential: ProbeResult[] = [];
      for (let i = 0; i < 3; i++) sequential.push(await probeEchoUpper(address));
      const together = await Promise.all([probeEchoUpper(address), probeEchoUpper(address)]);
      return judgeEveryConnection([...sequential, ...together]);
    },
  };
}

export function judgeEveryConnection(results: ProbeResult[]): Judgement {
  const failed = results.findIndex((r) => r.verdict !== 'pass');
  const evidence = results.map((r) => r.verdict);
  if (failed >= 0) return { ok: false, message: `connection ${failed + 1} of ${results.length} was not served: ${results[failed]!.message}`, evidence };
  return { ok: true, message: `each of ${results.length} connections (three in turn, two at once) was served by its own handle() from its first message`, evidence };
}
