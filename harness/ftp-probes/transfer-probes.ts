/**
 * 允许上传和下载文件 and 文件传输过程中显示进度条, judged from outside: files of sizes around the
 * chunk boundaries go up and come back byte for byte with the checksum the server reports; an
 * upload whose checksum does not match is refused and stores nothing; and a transfer's progress,
 * as the client reports it, rises monotonically to 100% exactly when the last byte is through.
 */
import { bufferTarget, download, putBuffer, upload, bufferSource, type FtpClient, type TransferProgress } from '../../impl/ftp';
import type { ProbeResult } from '../net-probes/probe-result';
import type { Json } from '../scenario/model';
import { Checklist, outcome, shown } from './checklist';
import { withScratch, type FtpTarget } from './probe-session';
import { seededBytes, sha256Hex } from './seeded-bytes';
import { tryGet } from './jail-probe';

const SIZES = [0, 1, 1000, 65_535, 65_536, 65_537, 1024 * 1024 + 17];

export async function probeUploadDownload(target: FtpTarget, seed: number): Promise<ProbeResult> {
  const list = new Checklist('ftp-upload-download');
  await withScratch(target, 'transfer', async (client, dir) => {
    for (const size of SIZES) {
      const bytes = seededBytes(seed, `file-${size}`, size);
      const name = `${dir}/file-${size}.bin`;
      const up = await outcome(() => putBuffer(client, bytes, name, { retries: 0 }));
      const back = await tryGet(client, name);
      list.expect(
        `a ${size}-byte file goes up and comes back byte for byte, with its SHA-256`,
        up.ok && up.value.sha256 === sha256Hex(bytes) && back.ok && back.value.equals(bytes),
        { put: up.ok ? { sha256: up.value.sha256 } : shown(up), get: back.ok ? { bytes: back.value.length, equal: back.value.equals(bytes) } : shown(back) },
      );
    }
    const name = `${dir}/名字 with spaces.txt`;
    const first = Buffer.from('第一版 first version\n');
    const second = seededBytes(seed, 'second', 3000);
    await putBuffer(client, first, name, { retries: 0 });
    await putBuffer(client, second, name, { retries: 0 });
    const replaced = await tryGet(client, name);
    list.expect('a second put to the same name replaces the file', replaced.ok && replaced.value.equals(second), replaced.ok ? { bytes: replaced.value.length } : shown(replaced));
    const stat = await outcome(() => client.stat(name));
    list.expect('stat reports the stored file\'s size and SHA-256', stat.ok && stat.value.size === second.length && stat.value.sha256 === sha256Hex(second), shown(stat));
    await checkChecksumRefusal(list, client, dir, seed);
  });
  return list.result('Every file came back byte for byte, verified by its SHA-256');
}

/** An upload announced with one SHA-256 and carrying other bytes must not be stored. */
async function checkChecksumRefusal(list: Checklist, client: FtpClient, dir: string, seed: number): Promise<void> {
  const bytes = seededBytes(seed, 'mismatch', 5000);
  const lying = { ...bufferSource(bytes), sha256: sha256Hex(Buffer.from('something else')) };
  const put = await outcome(() => upload(client, lying, `${dir}/mismatch.bin`, { retries: 0 }));
  list.expect('an upload whose bytes do not match its announced SHA-256 is refused', !put.ok, shown(put));
  const stat = await outcome(() => client.stat(`${dir}/mismatch.bin`));
  list.expect('and nothing is stored under its name', !stat.ok, shown(stat));
}

interface ProgressRun {
  events: TransferProgress[];
  /** Bytes held by the receiving side when each event fired (downloads only). */
  heldAtEvent: number[];
  /** Events recorded after the transfer had resolved. */
  lateEvents: number;
}

function progressFacts(run: ProgressRun, size: number): Json {
  const t = run.events.map((e) => e.transferred);
  return { events: t.length, first: t[0] ?? null, last: t[t.length - 1] ?? null, total: size, sample: t.filter((_, i) => i % Math.max(1, Math.floor(t.length / 8)) === 0) };
}

function judgeProgress(list: Checklist, what: string, run: ProgressRun, size: number, minEvents: number): void {
  const t = run.events.map((e) => e.transferred);
  const facts = progressFacts(run, size);
  list.expect(`${what}: progress is reported as it goes (at least ${minEvents} events)`, t.length >= minEvents, facts);
  list.expect(`${what}: it starts at 0 and never goes back`, t[0] === 0 && t.every((v, i) => i === 0 || v >= t[i - 1]!), facts);
  list.expect(`${what}: every event has the file's size as total`, run.events.every((e) => e.total === size), facts);
  list.expect(`${what}: the last event is 100% (transferred = total)`, t[t.length - 1] === size && t.slice(0, -1).every((v) => v < size || size === 0), facts);
  list.expect(`${what}: no progress is reported after the transfer is over`, run.lateEvents === 0, { lateEvents: run.lateEvents });
}

export async function probeProgress(target: FtpTarget, seed: number): Promise<ProbeResult> {
  const list = new Checklist('ftp-progress');
  await withScratch(target, 'progress', async (client, dir) => {
    for (const size of [2 * 1024 * 1024 + 1, 0]) {
      const bytes = seededBytes(seed, `progress-${size}`, size);
      const minEvents = size === 0 ? 1 : 4;
      const up: ProgressRun = { events: [], heldAtEvent: [], lateEvents: 0 };
      let upDone = false;
      await putBuffer(client, bytes, `${dir}/p-${size}.bin`, { retries: 0, onProgress: (e) => (upDone ? up.lateEvents++ : up.events.push(e)) });
      upDone = true;
      judgeProgress(list, `upload of ${size} bytes`, up, size, minEvents);

      const down: ProgressRun = { events: [], heldAtEvent: [], lateEvents: 0 };
      const sink = bufferTarget();
      let held = 0;
      const counting = { ...sink, write: async (chunk: Buffer) => { await sink.write(chunk); held += chunk.length; } };
      let downDone = false;
      await download(client, `${dir}/p-${size}.bin`, counting, {
        retries: 0,
        onProgress: (e) => {
          if (downDone) down.lateEvents++;
          else {
            down.events.push(e);
            down.heldAtEvent.push(held);
          }
        },
      });
      downDone = true;
      judgeProgress(list, `download of ${size} bytes`, down, size, minEvents);
      list.expect(
        `download of ${size} bytes: each event counts exactly the bytes received so far, so 100% comes with the last byte`,
        down.events.every((e, i) => e.transferred === down.heldAtEvent[i]),
        { mismatches: down.events.filter((e, i) => e.transferred !== down.heldAtEvent[i]).length },
      );
      list.expect(`download of ${size} bytes: the bytes are the file's`, sink.bytes().equals(bytes), { bytes: sink.bytes().length });
    }
  });
  return list.result('Progress rose monotonically to 100% with the last byte, both ways');
}
