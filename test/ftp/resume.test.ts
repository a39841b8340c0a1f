// 断点续传 as properties: uploads and downloads whose connections are cut at random byte offsets
// (by the chaos relay, or by the client closing its socket), and transfers during which the
// server restarts, all resume and end byte-identical, every time; a partial upload never shows
// under its name; a server killed with SIGKILL keeps what it had received.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ChaosRelay, type Fault } from '../../harness/chaos';
import { cutAfter } from '../../harness/chaos/faults/stream-cut';
import { bufferTarget, download, FtpClient, getBuffer, putBuffer, ConnectionLost } from '../../impl/ftp';
import { STATE_DIR } from '../../impl/ftp';
import { seededBytes } from '../../harness/ftp-probes/seeded-bytes';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';
import { startFixture, type Fixture } from './helpers/ftp-fixture';
import { startServerProcess } from './helpers/server-process';

let atStart: ResourceSnapshot;
let fx: Fixture;

beforeAll(async () => {
  atStart = snapshot();
  fx = await startFixture({ users: ['alice'] });
});

afterAll(async () => {
  await fx.close();
  await expectNoLeaks(atStart);
});

/**
 * The first connection's login is outside the transfer's retries, so its cut comes after the
 * login's bytes (some hundreds each way); later connections may be cut anywhere, their login
 * included (the client then reconnects again).
 */
const FIRST_LOGIN_BYTES = 2000;

/** Cuts (RST) the i-th connection through the relay after offsets[i] bytes in `direction`; later ones pass. */
function cutConnectionsAt(offsets: readonly number[], direction: 'upstream' | 'downstream'): Fault {
  return {
    name: 'cut-at',
    directions: [direction],
    tcp: (context) => (context.session < offsets.length ? cutAfter(context, offsets[context.session]! + (context.session === 0 ? FIRST_LOGIN_BYTES : 0), 'reset') : { pass: (piece) => [piece] }),
  };
}

async function throughRelay<T>(fault: Fault, seed: number, body: (client: FtpClient) => Promise<T>): Promise<T> {
  const relay = await ChaosRelay.start({ target: ['127.0.0.1', fx.port], seed, protocols: ['tcp'], faults: [fault] });
  let client: FtpClient | null = null;
  try {
    client = await FtpClient.connect({ host: '127.0.0.1', port: relay.address[1], user: 'alice', password: fx.passwords['alice']!, timeoutSeconds: 20 });
    return await body(client);
  } finally {
    client?.reset();
    await relay.close();
  }
}

/** A fresh name per property run, so a failed run leaves nothing that a later run (a shrink) would trip on. */
let runs = 0;
const fresh = (stem: string) => `${stem}-${runs++}.bin`;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function partsLeft(): Promise<string[]> {
  return fs.readdir(path.join(fx.root, STATE_DIR, 'parts', 'alice')).catch(() => []);
}

// Cut points are counted from the start of each connection (the first one's after its login);
// sizes straddle the 64 KiB chunk.
const cutsArb = fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 1, maxLength: 4 });
const sizeArb = fc.oneof(fc.constantFrom(0, 1, 65_535, 65_536, 65_537), fc.integer({ min: 2, max: 900_000 }));

describe('cut at random byte offsets by the chaos relay', () => {
  it('uploads resume and are byte-identical, and no part file is left', async () => {
    await fc.assert(
      fc.asyncProperty(sizeArb, cutsArb, fc.integer(), async (size, cuts, seed) => {
        const bytes = seededBytes(seed, 'up', size);
        const name = fresh('up');
        const result = await throughRelay(cutConnectionsAt(cuts, 'upstream'), seed, (client) => putBuffer(client, bytes, name, { retries: cuts.length + 2 }));
        expect(result.sha256).toBe(sha(bytes));
        const direct = await fx.connect('alice');
        try {
          expect((await getBuffer(direct, name)).bytes.equals(bytes)).toBe(true);
          await direct.rm(name);
        } finally {
          direct.close();
        }
        expect(await partsLeft()).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it('downloads resume and are byte-identical', async () => {
    const direct = await fx.connect('alice');
    try {
      await fc.assert(
        fc.asyncProperty(sizeArb, cutsArb, fc.integer(), async (size, cuts, seed) => {
          const bytes = seededBytes(seed, 'down', size);
          const name = fresh('down');
          await putBuffer(direct, bytes, name);
          const got = await throughRelay(cutConnectionsAt(cuts, 'downstream'), seed, (client) => getBuffer(client, name, { retries: cuts.length + 2 }));
          expect(got.bytes.equals(bytes)).toBe(true);
          expect(got.result.attempts.every((o, i) => i === 0 || o >= got.result.attempts[i - 1]!)).toBe(true);
        }),
        { numRuns: 12 },
      );
    } finally {
      direct.close();
      await direct.closed;
    }
  });
});

describe('cut by the client closing its socket at a random offset', () => {
  it('the partial upload is invisible, the next put resumes no later than the cut, the result is identical', async () => {
    const watcher = await fx.connect('alice');
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 700_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(), async (size, at, seed) => {
          const bytes = seededBytes(seed, 'sock-up', size);
          const cut = Math.max(1, Math.floor(size * at));
          const name = fresh('cut');
          const first = await fx.connect('alice');
          if (cut < size) await expect(putBuffer(first, bytes, name, { interruptAt: cut })).rejects.toBeInstanceOf(ConnectionLost);
          else await putBuffer(first, bytes, name);
          first.reset();
          await first.closed;
          if (cut < size) await expect(watcher.stat(name)).rejects.toMatchObject({ code: 'not-found' });
          const again = await fx.connect('alice');
          try {
            const r = await putBuffer(again, bytes, name, { retries: 0 });
            expect(r.attempts[0]!).toBeLessThanOrEqual(cut);
            expect((await getBuffer(again, name)).bytes.equals(bytes)).toBe(true);
            await again.rm(name);
          } finally {
            again.close();
          }
        }),
        { numRuns: 15 },
      );
    } finally {
      watcher.close();
      await watcher.closed;
    }
  });

  it('a download cut at any offset resumes from exactly the bytes held', async () => {
    const client = await fx.connect('alice');
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 700_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(), async (size, at, seed) => {
          const bytes = seededBytes(seed, 'sock-down', size);
          await putBuffer(client, bytes, 'dl.bin');
          const cut = Math.max(1, Math.floor(size * at));
          const target = bufferTarget();
          const cutter = await fx.connect('alice');
          if (cut < size) await expect(download(cutter, 'dl.bin', target, { interruptAt: cut })).rejects.toBeInstanceOf(ConnectionLost);
          else await download(cutter, 'dl.bin', target);
          cutter.reset();
          const r = await download(client, 'dl.bin', target, { retries: 0 });
          expect(r.attempts[0]).toBe(Math.min(cut, size));
          expect(target.bytes().equals(bytes)).toBe(true);
        }),
        { numRuns: 15 },
      );
    } finally {
      client.close();
      await client.closed;
    }
  });
});

describe('the server restarts mid-transfer', () => {
  it('uploads and downloads resume against the restarted server and are byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100_000, max: 1_500_000 }), fc.double({ min: 0.05, max: 0.9, noNaN: true }), fc.boolean(), fc.integer(), async (size, at, up, seed) => {
        const bytes = seededBytes(seed, 'restart', size);
        const client = await fx.connect('alice');
        try {
          if (!up) await putBuffer(client, bytes, 'restart.bin');
          let restart: Promise<void> | null = null;
          const onProgress = (p: { transferred: number; attempt: number }) => {
            if (restart === null && p.attempt === 1 && p.transferred >= size * at) restart = fx.restart();
          };
          const attempts = up ? (await putBuffer(client, bytes, 'restart.bin', { retries: 5, onProgress })).attempts : (await getBuffer(client, 'restart.bin', { retries: 5, onProgress })).result.attempts;
          await restart;
          expect(restart).not.toBeNull();
          // An upload always meets the restart (the server must confirm it); a download may already
          // hold its last bytes in the socket when the server goes.
          if (up) expect(attempts.length).toBeGreaterThan(1);
          expect((await getBuffer(client, 'restart.bin')).bytes.equals(bytes)).toBe(true);
        } finally {
          client.close();
          await client.closed;
        }
      }),
      { numRuns: 8 },
    );
  });

  it('a server killed with SIGKILL mid-upload keeps every byte it had written; the upload resumes from exactly there', async () => {
    const proc = await startServerProcess({ root: fx.root, accounts: fx.accounts });
    const bytes = seededBytes(7, 'sigkill', 3 * 1024 * 1024);
    const sent = 1_500_000;
    const options = (port: number) => ({ host: '127.0.0.1', port, user: 'alice', password: fx.passwords['alice']!, timeoutSeconds: 20 });
    const first = await FtpClient.connect(options(proc.port));
    await first.request({ cmd: 'put', path: 'crash.bin', size: bytes.length, sha256: sha(bytes) });
    await first.messages.sendHeader({ cmd: 'data', offset: 0, file_size: bytes.length });
    await first.messages.sendBodyChunk(bytes.subarray(0, sent));
    // Killed once the server has written all it was sent (polled: when is up to the server).
    const partSize = async () => (await Promise.all((await partsLeft()).map((n) => fs.stat(path.join(fx.root, STATE_DIR, 'parts', 'alice', n)).then((st) => st.size)))).reduce((a, b) => a + b, 0);
    for (let i = 0; i < 600 && (await partSize()) < sent; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await partSize()).toBe(sent);
    expect(await proc.stop('SIGKILL')).toBe('SIGKILL');
    first.reset();
    const again = await startServerProcess({ root: fx.root, accounts: fx.accounts });
    try {
      const client = await FtpClient.connect(options(again.port));
      await expect(client.stat('crash.bin')).rejects.toMatchObject({ code: 'not-found' });
      const r = await putBuffer(client, bytes, 'crash.bin', { retries: 0 });
      expect(r.attempts).toEqual([sent]);
      expect((await getBuffer(client, 'crash.bin')).bytes.equals(bytes)).toBe(true);
      client.close();
      await client.closed;
    } finally {
      expect(await again.stop()).toBe('0');
    }
  });
});
