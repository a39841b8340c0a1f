// Several users at once are isolated from each other, each connection has its own current
// directory, and two uploads to the same name by the same user have the documented outcome: the
// later put takes the name over, the earlier one is answered `superseded`, and the file is
// always exactly one complete upload, never a mix and never a partial one.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FtpError, getBuffer, putBuffer, type FtpClient } from '../../impl/ftp';
import { readReply } from '../../impl/ftp/client-replies';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';
import { startFixture, type Fixture } from './helpers/ftp-fixture';

let atStart: ResourceSnapshot;
let fx: Fixture;
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

beforeAll(async () => {
  atStart = snapshot();
  fx = await startFixture({ users: USERS });
});

afterAll(async () => {
  await fx.close();
  await expectNoLeaks(atStart);
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function closeAll(clients: FtpClient[]): Promise<void> {
  for (const c of clients) c.close();
  await Promise.all(clients.map((c) => c.closed));
}

/** An upload driven by hand: the put, then the body in pieces the test chooses, then the reply. */
async function manualUpload(client: FtpClient, name: string, bytes: Buffer) {
  const begun = await client.request({ cmd: 'put', path: name, size: bytes.length, sha256: sha(bytes) });
  const offset = Number(begun['offset']);
  await client.messages.sendHeader({ cmd: 'data', offset, file_size: bytes.length - offset });
  let sent = offset;
  return {
    async sendUpTo(n: number) {
      if (n > sent) await client.messages.sendBodyChunk(bytes.subarray(sent, n));
      sent = Math.max(sent, n);
    },
    async finish(): Promise<{ ok: boolean; code?: string }> {
      await this.sendUpTo(bytes.length);
      const reply = await readReply(client.messages);
      return reply['ok'] === true ? { ok: true } : { ok: false, code: String((reply['error'] as { code: string }).code) };
    },
  };
}

describe('users are isolated', () => {
  it('five users upload the same names at once and each sees only their own files', async () => {
    const clients = await Promise.all(USERS.map((u) => fx.connect(u)));
    try {
      await Promise.all(clients.map((c, i) => putBuffer(c, Buffer.from(`${USERS[i]}'s notes`), 'notes.txt')));
      await Promise.all(clients.map((c, i) => c.mkdir(`only-${USERS[i]}`)));
      for (const [i, c] of clients.entries()) {
        expect((await getBuffer(c, 'notes.txt')).bytes.toString()).toBe(`${USERS[i]}'s notes`);
        expect((await c.ls('/')).map((e) => e.name)).toEqual(['notes.txt', `only-${USERS[i]}`]);
        for (const other of USERS.filter((u) => u !== USERS[i])) {
          await expect(c.stat(`/only-${other}`)).rejects.toMatchObject({ code: 'not-found' });
          await expect(c.ls(`../${other}`)).rejects.toMatchObject({ code: 'outside-home' });
        }
      }
      for (const u of USERS) expect(await fs.readFile(path.join(fx.root, u, 'notes.txt'), 'utf8')).toBe(`${u}'s notes`);
    } finally {
      await closeAll(clients);
    }
  });

  it("each connection has its own current directory, even for the same user", async () => {
    const [a1, a2] = await Promise.all([fx.connect('alice'), fx.connect('alice')]);
    try {
      await a1.mkdir('one');
      await a1.mkdir('two');
      await a1.cd('one');
      await a2.cd('two');
      await putBuffer(a1, Buffer.from('1'), 'here.txt');
      await putBuffer(a2, Buffer.from('2'), 'here.txt');
      expect([await a1.pwd(), await a2.pwd()]).toEqual(['/one', '/two']);
      expect((await getBuffer(a2, '/one/here.txt')).bytes.toString()).toBe('1');
      expect((await getBuffer(a1, '/two/here.txt')).bytes.toString()).toBe('2');
    } finally {
      await closeAll([a1, a2]);
    }
  });

  it('a slow client holds up nobody: others are served while it sits mid-upload', async () => {
    const slow = await fx.connect('bob');
    const fast = await fx.connect('carol');
    try {
      const bytes = Buffer.alloc(200_000, 7);
      const upload = await manualUpload(slow, 'slow.bin', bytes);
      await upload.sendUpTo(50_000);
      // Served while bob's upload is stalled half-way:
      await putBuffer(fast, Buffer.from('quick'), 'quick.txt');
      expect((await getBuffer(fast, 'quick.txt')).bytes.toString()).toBe('quick');
      expect(await upload.finish()).toEqual({ ok: true });
    } finally {
      await closeAll([slow, fast]);
    }
  });
});

describe('two uploads to the same name by the same user', () => {
  it('the later put takes the name over: the earlier is superseded, the file is the later one', async () => {
    const [first, second, reader] = await Promise.all([fx.connect('dave'), fx.connect('dave'), fx.connect('dave')]);
    try {
      const a = Buffer.alloc(300_000, 0x41);
      const b = Buffer.alloc(200_000, 0x42);
      const earlier = await manualUpload(first, 'same.bin', a);
      await earlier.sendUpTo(100_000);
      // A partial upload is never visible under its name.
      await expect(reader.stat('same.bin')).rejects.toMatchObject({ code: 'not-found' });
      await putBuffer(second, b, 'same.bin');
      expect(await earlier.finish()).toEqual({ ok: false, code: 'superseded' });
      expect((await getBuffer(reader, 'same.bin')).bytes.equals(b)).toBe(true);
      // The superseded connection is still usable.
      expect(await first.pwd()).toBe('/');
    } finally {
      await closeAll([first, second, reader]);
    }
  });

  it('a replacement under way leaves the old file readable until the new one is complete', async () => {
    const [writer, reader] = await Promise.all([fx.connect('erin'), fx.connect('erin')]);
    try {
      const old = Buffer.from('old version');
      await putBuffer(writer, old, 'doc.txt');
      const fresh = Buffer.alloc(150_000, 0x33);
      const upload = await manualUpload(writer, 'doc.txt', fresh);
      await upload.sendUpTo(149_999);
      expect((await getBuffer(reader, 'doc.txt')).bytes.equals(old)).toBe(true);
      expect(await upload.finish()).toEqual({ ok: true });
      expect((await getBuffer(reader, 'doc.txt')).bytes.equals(fresh)).toBe(true);
    } finally {
      await closeAll([writer, reader]);
    }
  });

  it('six racing uploads: each is stored or superseded, and the file is exactly one stored upload', async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => fx.connect('alice')));
    try {
      const contents = clients.map((_, i) => Buffer.alloc(400_000 + i * 1000, 0x30 + i));
      const finished: { i: number; ok: boolean; code?: string; at: number }[] = [];
      let clock = 0;
      await Promise.all(
        clients.map(async (c, i) => {
          try {
            await putBuffer(c, contents[i]!, 'race.bin', { retries: 0 });
            finished.push({ i, ok: true, at: clock++ });
          } catch (e) {
            finished.push({ i, ok: false, code: (e as FtpError).code, at: clock++ });
          }
        }),
      );
      expect(finished.filter((f) => !f.ok).every((f) => f.code === 'superseded')).toBe(true);
      const stored = finished.filter((f) => f.ok).sort((x, y) => x.at - y.at);
      expect(stored.length).toBeGreaterThan(0);
      const final = (await getBuffer(clients[0]!, 'race.bin')).bytes;
      // Which stored upload was renamed last is the server's order, not the replies' arrival order.
      expect(stored.filter((f) => final.equals(contents[f.i]!))).toHaveLength(1);
    } finally {
      await closeAll(clients);
    }
  });
});
