/**
 * 支持文件的断点续传, judged from outside. An upload cut part-way (the client drops the
 * connection as a crash would) is not visible under its name, and the next `put` of the same
 * file is told to go on from a point after 0 and no later than where the cut was; the result is
 * byte-identical. A download cut part-way goes on from the bytes already held. A `get` from an
 * offset returns exactly the rest of the file, and a `get` expecting another version is refused.
 * Finally a transfer through a relay that resets every connection after some tens of kilobytes
 * still completes, byte for byte, by reconnecting and resuming, each attempt starting no earlier
 * than the one before.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { bufferTarget, download, FtpClient, getBuffer, putBuffer } from '../../impl/ftp';
import { ChaosRelay, resetPeer } from '../chaos';
import type { ProbeResult } from '../net-probes/probe-result';
import { Checklist, outcome, shown } from './checklist';
import { connectAs, PROBE_TIMEOUT_SECONDS, withScratch, type FtpTarget } from './probe-session';
import { seededBytes, sha256Hex } from './seeded-bytes';

const SIZE = 3 * 1024 * 1024 + 123;

/**
 * Through the relay: the relay takes bytes from the sender in bursts and a reset drops what it
 * had not yet handed on, so each connection gets only some tens of kilobytes through; a file of
 * half a megabyte then takes some ten attempts.
 */
const RELAYED_SIZE = 512 * 1024 + 7;
const RELAY_CUT: [number, number] = [40_000, 80_000];
const RELAY_RETRIES = 60;

function nonDecreasing(offsets: number[]): boolean {
  return offsets.every((o, i) => i === 0 || o >= offsets[i - 1]!);
}

/**
 * A server may still be taking in the cut connection's last bytes when the client comes back;
 * the probe gives it this long before resuming. A patience, not a bound: resuming earlier would
 * only make the offset smaller, never wrong.
 */
const SETTLE_MS = 300;

export async function probeResume(target: FtpTarget, seed: number): Promise<ProbeResult> {
  const list = new Checklist('ftp-resume');
  const bytes = seededBytes(seed, 'resume', SIZE);
  const cutAt = 1_000_000 + (seed % 500_000);
  await withScratch(target, 'resume', async (client, dir) => {
    const name = `${dir}/resumed.bin`;
    const cut = await outcome(async () => {
      const first = await connectAs(target);
      return putBuffer(first, bytes, name, { interruptAt: cutAt });
    });
    list.expect(`the probe cut its upload at byte ${cutAt}`, !cut.ok, shown(cut));
    const hidden = await outcome(() => client.stat(name));
    list.expect('the partial upload does not appear under its final name', !hidden.ok, shown(hidden));
    await delay(SETTLE_MS);
    const resumed = await outcome(() => putBuffer(client, bytes, name, { retries: 0 }));
    const offset = resumed.ok ? resumed.value.attempts[0]! : -1;
    list.expect('the next put of the same file resumes after 0 and no later than the cut', resumed.ok && offset > 0 && offset <= cutAt, { offset, cutAt, put: shown(resumed) });
    const back = await outcome(() => getBuffer(client, name, { retries: 0 }));
    list.expect('the resumed upload is byte-identical to the file', back.ok && back.value.bytes.equals(bytes), back.ok ? { equal: back.value.bytes.equals(bytes) } : shown(back));

    const target2 = bufferTarget();
    const downCut = 700_000 + (seed % 300_000);
    const firstDown = await outcome(async () => download(await connectAs(target), name, target2, { interruptAt: downCut }));
    list.expect(`the probe cut its download at byte ${downCut}`, !firstDown.ok, shown(firstDown));
    const secondDown = await outcome(() => download(client, name, target2, { retries: 0 }));
    list.expect(
      'the next download goes on from the bytes already held, and is byte-identical',
      secondDown.ok && secondDown.value.attempts[0] === downCut && target2.bytes().equals(bytes),
      secondDown.ok ? { resumedFrom: secondDown.value.attempts[0] ?? null, downCut } : shown(secondDown),
    );

    const from = 1_234_567;
    const tail = await outcome(async () => {
      const reply = await client.request({ cmd: 'get', path: name, offset: from }, { body: true });
      return { reply, body: await client.messages.readBody(reply.file_size) };
    });
    list.expect(
      `a get from offset ${from} returns exactly the rest of the file, with the whole file's SHA-256`,
      tail.ok && tail.value.body.equals(bytes.subarray(from)) && tail.value.reply['sha256'] === sha256Hex(bytes) && tail.value.reply['size'] === SIZE,
      tail.ok ? { bytes: tail.value.body.length, size: tail.value.reply['size'] ?? null } : shown(tail),
    );
    const stale = await outcome(() => client.request({ cmd: 'get', path: name, offset: 10, sha256: sha256Hex(Buffer.from('an older version')) }, { body: true }));
    list.expect('a get that resumes another version of the file is refused', !stale.ok, shown(stale));

    await throughCuttingRelay(list, target, `${dir}/relayed.bin`, seededBytes(seed, 'relay', RELAYED_SIZE), seed);
  });
  return list.result('Interrupted transfers resumed where they stopped and ended byte-identical');
}

async function throughCuttingRelay(list: Checklist, target: FtpTarget, name: string, bytes: Buffer, seed: number): Promise<void> {
  const relay = await ChaosRelay.start({ target: [target.host, target.port], seed, protocols: ['tcp'], faults: [resetPeer({ afterBytes: RELAY_CUT })] });
  try {
    const [host, port] = relay.address;
    const client = await FtpClient.connect({ host, port, user: target.user, password: target.password, timeoutSeconds: PROBE_TIMEOUT_SECONDS });
    try {
      const up = await outcome(() => putBuffer(client, bytes, name, { retries: RELAY_RETRIES }));
      const down = await outcome(() => getBuffer(client, name, { retries: RELAY_RETRIES }));
      const resumed = (attempts: number[]) => attempts.length > 1 && nonDecreasing(attempts) && attempts[attempts.length - 1]! > 0;
      list.expect(
        `through a relay that resets every connection after ${RELAY_CUT[0] / 1000}-${RELAY_CUT[1] / 1000} kB, upload and download complete by resuming, each attempt from no earlier than the last, byte-identical`,
        up.ok && resumed(up.value.attempts) && down.ok && down.value.bytes.equals(bytes) && resumed(down.value.result.attempts),
        { upload: up.ok ? { attempts: up.value.attempts } : shown(up), download: down.ok ? { attempts: down.value.result.attempts, equal: down.value.bytes.equals(bytes) } : shown(down) },
      );
    } finally {
      client.reset();
    }
  } finally {
    await relay.close();
  }
}
