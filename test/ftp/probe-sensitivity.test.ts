// The FTP probes can fail: each runs against the reference server with one deliberate defect
// (a module of impl/ftp replaced for that test only), and must fail, naming the check that
// caught it. Without this, a probe that passes everything would look the same as a good one.
import type { ProbeResult } from '../../harness/net-probes';
import type { FtpTarget } from '../../harness/ftp-probes';
import type { RunningServer } from '../../harness/server/server-model';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';

type Probes = typeof import('../../harness/ftp-probes');
type Actual = Record<string, unknown>;

interface Mutant {
  name: string;
  /** Replaces the module(s) carrying the defect, for the next isolated load. */
  install(): void;
  probe: keyof Pick<Probes, 'probeAuthentication' | 'probeHomeJail' | 'probeLs' | 'probeResume' | 'probeUploadDownload' | 'probeCd'>;
  caughtBy: RegExp;
}

/** Installs `module` (relative to this file) as `patch` makes it from the real one. */
function replace(module: string, patch: (actual: Actual) => Actual): () => void {
  return () => jest.doMock(module, () => patch(jest.requireActual<Actual>(module)));
}

const MUTANTS: Mutant[] = [
  {
    name: '`..` above the home is clamped to the home instead of refused',
    install: replace('../../impl/ftp/virtual-path', (actual) => {
      const resolve = actual['resolveVirtual'] as (cwd: readonly string[], text: unknown) => readonly string[];
      return {
        ...actual,
        resolveVirtual: (cwd: readonly string[], text: unknown) => {
          try {
            return resolve(cwd, text);
          } catch (e) {
            if ((e as { code?: string }).code === 'outside-home') return [];
            throw e;
          }
        },
      };
    }),
    probe: 'probeHomeJail',
    caughtBy: /cd "\.\." from the home is refused/,
  },
  {
    name: 'symbolic links are followed out of the home',
    install: replace('../../impl/ftp/home-jail', (actual) => {
      const HomeJail = actual['HomeJail'] as { prototype: { contains(real: string): boolean } };
      HomeJail.prototype.contains = () => true;
      return actual;
    }),
    probe: 'probeHomeJail',
    caughtBy: /link that points outside/,
  },
  {
    name: 'an unknown user gets a fresh random salt each time',
    install: replace('../../impl/ftp/server-state', (actual) => {
      const { randomBytes } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
      (actual['ServerState'] as { prototype: { decoySalt(): Buffer } }).prototype.decoySalt = () => randomBytes(16);
      return actual;
    }),
    probe: 'probeAuthentication',
    caughtBy: /unknown user's salt is stable/,
  },
  {
    name: 'a wrong password and an unknown user are told apart',
    install: replace('../../impl/ftp/auth-handshake', (actual) => {
      const Handshake = actual['AuthHandshake'] as { prototype: { proof(header: unknown): unknown } };
      const proof = Handshake.prototype.proof;
      Handshake.prototype.proof = function (this: { started: { account: unknown } | null }, header: unknown) {
        const unknownUser = this.started !== null && this.started.account === null;
        try {
          return proof.call(this, header);
        } catch (e) {
          if (unknownUser) (e as Error).message = 'no such user';
          throw e;
        }
      };
      return actual;
    }),
    probe: 'probeAuthentication',
    caughtBy: /same reply as that of a wrong password/,
  },
  {
    name: 'part files are never resumed (every put starts at 0)',
    install: replace('../../impl/ftp/part-store', (actual) => {
      (actual['PartStore'] as { prototype: { lengthOf(): Promise<number> } }).prototype.lengthOf = async () => 0;
      return actual;
    }),
    probe: 'probeResume',
    caughtBy: /resumes after 0/,
  },
  {
    name: 'ls leaves out dot-files',
    install: replace('../../impl/ftp/navigation-commands', (actual) => {
      const ls = actual['ls'] as (...args: unknown[]) => Promise<{ header: Record<string, unknown>; body: Buffer }>;
      return {
        ...actual,
        ls: async (...args: unknown[]) => {
          const reply = await ls(...args);
          const entries = (JSON.parse(reply.body.toString()) as { name: string }[]).filter((e) => !e.name.startsWith('.'));
          return { header: { ...reply.header, entries: entries.length }, body: Buffer.from(JSON.stringify(entries)) };
        },
      };
    }),
    probe: 'probeLs',
    caughtBy: /dot-files included/,
  },
  {
    name: 'uploads are stored without checking their checksum',
    install: checksumMutant,
    probe: 'probeUploadDownload',
    caughtBy: /do not match its announced SHA-256/,
  },
];

/**
 * Two modules changed together: the put's announced SHA-256 is remembered, and the hash of what
 * arrived is made to report it, so the server's comparison can never fail.
 */
function checksumMutant(): void {
  let announced = '';
  jest.doMock('../../impl/ftp/request-fields', () => {
    const actual = jest.requireActual<Actual>('../../impl/ftp/request-fields');
    const sha256Field = actual['sha256Field'] as (h: unknown, n: string) => string;
    return { ...actual, sha256Field: (h: unknown, n: string) => (announced = sha256Field(h, n)) };
  });
  jest.doMock('../../impl/ftp/checksum-cache', () => {
    const actual = jest.requireActual<Actual>('../../impl/ftp/checksum-cache');
    const prefix = actual['hashFilePrefix'] as (h: unknown, n: number) => Promise<{ hash: { update(b: Buffer): unknown; digest(e: string): string }; read: number }>;
    return {
      ...actual,
      hashFilePrefix: async (h: unknown, n: number) => {
        const real = await prefix(h, n);
        return { read: real.read, hash: { update: (b: Buffer) => real.hash.update(b), digest: () => announced } };
      },
    };
  });
}

let atStart: ResourceSnapshot;
beforeAll(() => {
  atStart = snapshot();
});
afterAll(async () => {
  await expectNoLeaks(atStart);
});

afterEach(() => {
  for (const m of ['../../impl/ftp/virtual-path', '../../impl/ftp/home-jail', '../../impl/ftp/server-state', '../../impl/ftp/auth-handshake', '../../impl/ftp/part-store', '../../impl/ftp/navigation-commands', '../../impl/ftp/request-fields', '../../impl/ftp/checksum-cache']) {
    jest.dontMock(m);
  }
});

describe.each(MUTANTS)('a server where $name', (mutant) => {
  it(`fails ${mutant.probe}, caught by a check matching ${mutant.caughtBy}`, async () => {
    mutant.install();
    let probes!: Probes;
    let factory!: { start(request: { protocol: string; model: string }): Promise<RunningServer> };
    jest.isolateModules(() => {
      probes = require('../../harness/ftp-probes') as Probes;
      factory = (require('../../harness/adapters/reference/servers/ftp-server') as { ftpServer: typeof factory }).ftpServer;
    });
    const server = await factory.start({ protocol: 'ftp', model: 'event-loop' });
    let result: ProbeResult;
    try {
      const target: FtpTarget = probes.ftpTarget(server.target);
      result = await (probes[mutant.probe] as (t: FtpTarget, seed: number) => Promise<ProbeResult>)(target, 1);
    } finally {
      await server.stop();
    }
    expect(result.verdict).toBe('fail');
    const failed = (result.evidence as { checks: { check: string; ok: boolean }[] }).checks.filter((c) => !c.ok).map((c) => c.check);
    expect(failed).toContainEqual(expect.stringMatching(mutant.caughtBy));
  }, 60_000);
});

it('the same probes pass against the unmodified reference server', async () => {
  let probes!: Probes;
  let factory!: { start(request: { protocol: string; model: string }): Promise<RunningServer> };
  jest.isolateModules(() => {
    probes = require('../../harness/ftp-probes') as Probes;
    factory = (require('../../harness/adapters/reference/servers/ftp-server') as { ftpServer: typeof factory }).ftpServer;
  });
  const server = await factory.start({ protocol: 'ftp', model: 'event-loop' });
  try {
    const target = probes.ftpTarget(server.target);
    for (const probe of ['probeAuthentication', 'probeHomeJail', 'probeLs', 'probeUploadDownload'] as const) {
      const r = await probes[probe](target, 1);
      expect([probe, r.verdict]).toEqual([probe, 'pass']);
    }
  } finally {
    await server.stop();
  }
}, 60_000);
