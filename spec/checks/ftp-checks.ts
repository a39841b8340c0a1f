import type { ServerCheck } from '../claim';
import { ftpTarget, type FtpTarget } from '../../harness/ftp-probes';
import type { ProbeResult } from '../../harness/net-probes';
import { fromProbe } from './server-probes';

/**
 * Server checks for the FTP claims: the probe of harness/ftp-probes/ against an FTP server
 * (docs/ftp-protocol.md), the reference's or the one `--target` names, whose account comes from
 * the target's info. The claim's seed picks the probe's file contents and cut points.
 */
export function ftpCheck(run: (target: FtpTarget, seed: number) => Promise<ProbeResult>, deadlineMs = 90_000): ServerCheck {
  return {
    type: 'server',
    server: { protocol: 'ftp' },
    probe: async (target, context) => fromProbe(await run(ftpTarget(target), context.seed)),
    deadlineMs,
  };
}
