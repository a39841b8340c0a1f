/**
 * 每个用户都有自己的家目录,且只能访问自己的家目录, judged from outside: every way out of the
 * home is refused — `..` above it, absolute paths that would leave it, NUL bytes, over-long
 * names and paths, a symbolic link that points outside (when the target names one), another
 * user's home (when it gives a second account) — and the connection is still usable afterwards.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FtpClient } from '../../impl/ftp';
import { putBuffer } from '../../impl/ftp';
import type { ProbeResult } from '../net-probes/probe-result';
import { Checklist, outcome, shown, type Outcome } from './checklist';
import { connectAs, removeTree, type FtpTarget } from './probe-session';

/** A raw get: the reply, and the body if it was granted. */
export function tryGet(client: FtpClient, path: string): Promise<Outcome<Buffer>> {
  return outcome(async () => {
    const reply = await client.request({ cmd: 'get', path }, { body: true });
    return client.messages.readBody(reply.file_size);
  });
}

const ESCAPES = ['..', '../', '/..', '../..', '/../..', '/./../', '../../../../../../../../etc', '/../../../../../../etc/passwd', '.././.././../tmp'];
const NUL_PATHS = ['a\u0000b', 'x\u0000/../../etc/passwd', '\u0000'];

export async function probeHomeJail(target: FtpTarget): Promise<ProbeResult> {
  const list = new Checklist('ftp-home-jail');
  const client = await connectAs(target);
  const scratch = `/conform-probe-jail-${randomBytes(4).toString('hex')}`;
  try {
    const start = await client.pwd();
    list.expect('a session starts in the home, shown as /', start === '/', start);
    await client.mkdir(scratch);

    for (const escape of ESCAPES) {
      const cd = await outcome(() => client.cd(escape));
      list.expect(`cd ${JSON.stringify(escape)} from the home is refused`, !cd.ok, shown(cd));
      await client.cd('/').catch(() => undefined);
    }
    const viaScratch = await outcome(() => client.cd(`${scratch}/../..`));
    list.expect('cd through a directory and back above the home is refused', !viaScratch.ok, shown(viaScratch));
    await client.cd(scratch);
    const fromInside = await outcome(() => client.cd('../..'));
    list.expect('cd ../.. from a directory one level down is refused', !fromInside.ok, shown(fromInside));
    const stayed = await client.pwd();
    list.expect('a refused cd leaves the current directory as it was', stayed === scratch, stayed);
    await client.cd('/');

    for (const path of ['..', '/..', '../..']) {
      const ls = await outcome(() => client.ls(path));
      list.expect(`ls ${JSON.stringify(path)} is refused`, !ls.ok, shown(ls));
    }
    for (const path of ['../etc/passwd', '/../../../../etc/passwd', `${scratch}/../../etc/passwd`]) {
      const got = await tryGet(client, path);
      list.expect(`get ${JSON.stringify(path)} is refused`, !got.ok, got.ok ? { ok: true, bytes: got.value.length } : shown(got));
    }
    const absolute = await tryGet(client, '/etc/passwd');
    const systemPasswd = await fs.readFile('/etc/passwd').catch(() => null);
    list.expect(
      'an absolute path means the home, not the system: /etc/passwd is not the machine\'s',
      !absolute.ok || systemPasswd === null || !absolute.value.equals(systemPasswd),
      absolute.ok ? { ok: true, bytes: absolute.value.length } : shown(absolute),
    );
    const escapeName = `../conform-escape-${randomBytes(4).toString('hex')}.txt`;
    const put = await outcome(() => putBuffer(client, Buffer.from('escaped'), escapeName, { retries: 0 }));
    list.expect('put to a name above the home is refused', !put.ok, shown(put));
    const mk = await outcome(() => client.mkdir('../conform-escape-dir'));
    list.expect('mkdir above the home is refused', !mk.ok, shown(mk));

    for (const path of NUL_PATHS) {
      const cd = await outcome(() => client.cd(path));
      const got = await tryGet(client, path);
      list.expect(`a path with a NUL byte (${JSON.stringify(path)}) is refused by cd and get`, !cd.ok && !got.ok, { cd: shown(cd), get: got.ok ? 'granted' : shown(got) });
    }
    const nulPut = await outcome(() => putBuffer(client, Buffer.from('x'), 'nul\u0000name.txt', { retries: 0 }));
    list.expect('put to a name with a NUL byte is refused', !nulPut.ok, shown(nulPut));
    const longName = 'n'.repeat(256);
    const longMk = await outcome(() => client.mkdir(`${scratch}/${longName}`));
    list.expect('a 256-byte name is refused (names are at most 255 bytes)', !longMk.ok, shown(longMk));
    const longPut = await outcome(() => putBuffer(client, Buffer.from('x'), `${scratch}/${'é'.repeat(200)}`, { retries: 0 }));
    list.expect('a name of 200 two-byte characters (400 bytes) is refused', !longPut.ok, shown(longPut));
    const longPath = await outcome(() => client.cd(`${scratch}/${'a/'.repeat(2100)}`));
    list.expect('a path over 4096 bytes is refused', !longPath.ok, shown(longPath));

    await probeOutsideLink(list, client, target);
    await probeOtherUser(list, client, target);

    const still = await outcome(() => client.pwd());
    list.expect('after all the refusals the connection still answers', still.ok, shown(still));
  } finally {
    await client.cd('/').catch(() => undefined);
    await removeTree(client, scratch);
    client.close();
  }
  return list.result('Nothing outside the home could be reached');
}

async function probeOutsideLink(list: Checklist, client: FtpClient, target: FtpTarget): Promise<void> {
  const link = target.outsideLink;
  if (link === undefined) {
    list.note('symbolic links pointing outside (the target named no outsideLink)');
    return;
  }
  const cd = await outcome(() => client.cd(`/${link}`));
  list.expect('cd into a link that points outside the home is refused', !cd.ok, shown(cd));
  await client.cd('/').catch(() => undefined);
  const ls = await outcome(() => client.ls(`/${link}`));
  list.expect('ls of a link that points outside is refused', !ls.ok, shown(ls));
  const stat = await outcome(() => client.stat(`/${link}`));
  list.expect('stat of a link that points outside is refused', !stat.ok, shown(stat));
  const get = await tryGet(client, `/${link}`);
  const getBelow = await tryGet(client, `/${link}/secret.txt`);
  list.expect('get through a link that points outside is refused', !get.ok && !getBelow.ok, { link: get.ok ? 'granted' : shown(get), below: getBelow.ok ? 'granted' : shown(getBelow) });
  const put = await outcome(() => putBuffer(client, Buffer.from('planted'), `/${link}/planted.txt`, { retries: 0 }));
  list.expect('put through a link that points outside is refused', !put.ok, shown(put));
}

async function probeOtherUser(list: Checklist, client: FtpClient, target: FtpTarget): Promise<void> {
  if (target.user2 === undefined || target.password2 === undefined) {
    list.note("another user's home (the target gave no user2/password2)");
    return;
  }
  const other = await connectAs(target, true);
  const secretName = `conform-probe-secret-${randomBytes(4).toString('hex')}.txt`;
  try {
    await putBuffer(other, Buffer.from(`${target.user2}'s secret`), `/${secretName}`, { retries: 0 });
    const listing = await client.ls('/');
    list.expect(`${target.user2}'s file does not appear in ${target.user}'s home`, !listing.some((e) => e.name === secretName), listing.map((e) => e.name));
    const stat = await outcome(() => client.stat(`/${secretName}`));
    list.expect(`${target.user} cannot stat ${target.user2}'s file by its name`, !stat.ok, shown(stat));
    for (const path of [`../${target.user2}/${secretName}`, `/../${target.user2}/${secretName}`]) {
      const got = await tryGet(client, path);
      list.expect(`get ${JSON.stringify(path)} (${target.user2}'s file, seen from ${target.user}) is refused`, !got.ok, got.ok ? 'granted' : shown(got));
    }
    const cd = await outcome(() => client.cd(`../${target.user2}`));
    list.expect(`cd ../${target.user2} is refused`, !cd.ok, shown(cd));
    await client.cd('/').catch(() => undefined);
  } finally {
    await other.rm(`/${secretName}`).catch(() => undefined);
    other.close();
  }
}
