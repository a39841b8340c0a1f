// Load: 50 clients at once, each uploading and then downloading a file of several megabytes, to
// the server started as the README starts it (a child process). Every file comes back
// byte-identical, no transfer fails, the server's memory stays bounded (measured from outside,
// in /proc, well below what holding the files would take), and when it is all over the server
// holds no more descriptors than before and stops cleanly; nothing is left in this process.
import { readdirSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { addUser, bufferSource, download, FtpClient, putBuffer, upload, type DownloadTarget } from '../../impl/ftp';
import { seededBytes } from '../../harness/ftp-probes/seeded-bytes';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';
import { TEST_KDF } from './helpers/ftp-fixture';
import { childrenOf, memoryOf, startServerProcess, type ServerProcess } from './helpers/server-process';

const CLIENTS = 50;
const USERS = 10;
const FILE_BYTES = 10 * 1024 * 1024;
/** Distinct contents, shared round-robin, so the test itself need not hold 50 files. */
const CONTENTS = 5;

let atStart: ResourceSnapshot;
let base: string;
let server: ServerProcess;
const passwords: string[] = [];

beforeAll(async () => {
  atStart = snapshot();
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-ftp-load-'));
  for (let u = 0; u < USERS; u++) {
    passwords.push(`load-password-${u}`);
    await addUser(path.join(base, 'accounts.json'), `user${u}`, passwords[u]!, { kdf: TEST_KDF });
  }
  server = await startServerProcess({ root: path.join(base, 'root'), accounts: path.join(base, 'accounts.json') });
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await fs.rm(base, { recursive: true, force: true });
  await expectNoLeaks(atStart);
});

/** A download target that keeps only the SHA-256 and the count of what arrives. */
function hashingTarget(): DownloadTarget & { received(): number } {
  let hash = createHash('sha256');
  let received = 0;
  return {
    prepare: async () => {
      hash = createHash('sha256');
      received = 0;
      return 0;
    },
    write: async (chunk) => {
      hash.update(chunk);
      received += chunk.length;
    },
    digest: () => hash.copy().digest('hex'),
    commit: async () => undefined,
    discard: async () => undefined,
    release: async () => undefined,
    received: () => received,
  };
}

function connect(i: number): Promise<FtpClient> {
  const u = i % USERS;
  return FtpClient.connect({ host: '127.0.0.1', port: server.port, user: `user${u}`, password: passwords[u]!, timeoutSeconds: 60 });
}

const fdsOf = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

async function settle<T>(read: () => T, done: (v: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  let v = read();
  while (!done(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    v = read();
  }
  return v;
}

it(
  `${CLIENTS} clients at once each put and get ${FILE_BYTES / 1024 / 1024} MiB: all byte-identical, no errors, server memory bounded, nothing left behind`,
  async () => {
    // Warm up (code loaded, first login done) so the baseline is the idle server's.
    const warm = await connect(0);
    await putBuffer(warm, Buffer.from('warm'), 'warm.txt');
    warm.close();
    await warm.closed;
    const idleFds = await settle(() => fdsOf(server.pid), () => false, 300);
    const baseline = memoryOf(server.pid).rss;

    const sources = Array.from({ length: CONTENTS }, (_, i) => bufferSource(seededBytes(i, 'load', FILE_BYTES - i * 977)));
    let peakRss = baseline;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryOf(server.pid).rss)), 20);
    const outcomes = await Promise.allSettled(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const source = sources[i % CONTENTS]!;
        const client = await connect(i);
        try {
          const name = `file-${i}.bin`;
          const up = await upload(client, source, name, { retries: 0 });
          const target = hashingTarget();
          const down = await download(client, name, target, { retries: 0 });
          // Byte-identical: every byte came back (the count) and they hash to the source's SHA-256.
          return { up: up.sha256 === source.sha256, down: target.digest() === source.sha256 && target.received() === source.size, attempts: up.attempts.length + down.attempts.length };
        } finally {
          client.close();
          await client.closed;
        }
      }),
    );
    clearInterval(sampler);
    const peak = Math.max(peakRss, memoryOf(server.pid).peak);

    const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const results = outcomes.map((o) => (o as PromiseFulfilledResult<{ up: boolean; down: boolean; attempts: number }>).value);
    expect(results.every((r) => r.up && r.down && r.attempts === 2)).toBe(true);

    // Holding the uploads in memory would take CLIENTS × FILE_BYTES (500 MiB) on top of the
    // baseline. Streaming needs some hundred kilobytes per connection, plus the socket reads'
    // garbage, which V8 collects after some tens of megabytes whatever the amount transferred.
    const total = CLIENTS * FILE_BYTES;
    const growth = peak - baseline;
    expect({ growthMiB: Math.round(growth / 2 ** 20), boundMiB: total / 2 / 2 ** 20, ok: growth < total / 2 }).toMatchObject({ ok: true });

    // Every connection's descriptors are released once the clients are gone.
    expect(await settle(() => fdsOf(server.pid), (n) => n <= idleFds, 10_000)).toBeLessThanOrEqual(idleFds);
    expect(childrenOf(server.pid)).toEqual([]);
    expect(await server.stop('SIGTERM')).toBe('0');
    expect(server.stderr()).toBe('');
  },
  120_000,
);
