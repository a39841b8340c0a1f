/**
 * 允许用户在ftp server上随意切换目录(cd) and 允许用户查看当前目录下的所有文件(ls), judged from
 * outside in a scratch directory of the probe's own.
 */
import { putBuffer } from '../../impl/ftp';
import type { ListEntry } from '../../impl/ftp';
import type { ProbeResult } from '../net-probes/probe-result';
import { Checklist, outcome, shown } from './checklist';
import { withScratch, type FtpTarget } from './probe-session';

/** cd: relative, `.`, `..`, absolute within the home, to `/`; a refused cd changes nothing. */
export async function probeCd(target: FtpTarget): Promise<ProbeResult> {
  const list = new Checklist('ftp-cd');
  await withScratch(target, 'cd', async (client, dir) => {
    for (const d of ['a', 'a/b', 'a/b/c', '目录 1']) await client.mkdir(`${dir}/${d}`);
    await putBuffer(client, Buffer.from('not a directory'), `${dir}/a/file.txt`, { retries: 0 });
    const moves: [string, string][] = [
      [dir, dir],
      ['a', `${dir}/a`],
      ['b/c', `${dir}/a/b/c`],
      ['..', `${dir}/a/b`],
      ['../..', dir],
      ['./a/./b', `${dir}/a/b`],
      ['/', '/'],
      [`${dir}/a`, `${dir}/a`],
      [`${dir}/a/b/c/../../b`, `${dir}/a/b`],
      [`${dir}/a/b/`, `${dir}/a/b`],
      [`${dir}//a///b`, `${dir}/a/b`],
      ['.', `${dir}/a/b`],
      [`${dir}/目录 1`, `${dir}/目录 1`],
    ];
    for (const [to, expected] of moves) {
      const moved = await outcome(() => client.cd(to));
      const now = await client.pwd();
      list.expect(`cd ${JSON.stringify(to)} leads to ${expected}`, moved.ok && now === expected, { cd: shown(moved), pwd: now });
    }
    await client.cd(`${dir}/a`);
    const here = await client.ls();
    list.expect('after cd, ls without a path lists the new current directory', here.some((e) => e.name === 'b' && e.kind === 'dir'), here.map((e) => e.name));
    const relative = await outcome(() => client.stat('b/c'));
    list.expect('relative paths are taken from the current directory', relative.ok && relative.value.kind === 'dir', shown(relative));
    for (const bad of ['missing', 'file.txt']) {
      const refused = await outcome(() => client.cd(bad));
      const stayed = await client.pwd();
      list.expect(`cd ${JSON.stringify(bad)} (${bad === 'missing' ? 'nothing there' : 'a file'}) is refused and leaves the current directory`, !refused.ok && stayed === `${dir}/a`, { cd: shown(refused), pwd: stayed });
    }
  });
  return list.result('cd moved freely within the home');
}

/** ls: every entry of the directory, dot-files included, with names, kinds and sizes. */
export async function probeLs(target: FtpTarget): Promise<ProbeResult> {
  const list = new Checklist('ftp-ls');
  await withScratch(target, 'ls', async (client, dir) => {
    const files: [string, number][] = [
      ['empty.txt', 0],
      ['one.bin', 1],
      ['big.bin', 70_001],
      ['.hidden', 5],
      ['数据 文件.txt', 12],
    ];
    for (const [name, size] of files) await putBuffer(client, Buffer.alloc(size, 0x61), `${dir}/${name}`, { retries: 0 });
    await client.mkdir(`${dir}/sub`);
    const expected: ListEntry[] = [...files.map(([name, size]) => ({ name, kind: 'file' as const, size })), { name: 'sub', kind: 'dir', size: -1 }];
    const listed = await client.ls(dir);
    const names = listed.map((e) => e.name).sort();
    list.expect('ls lists exactly the entries of the directory, dot-files included', JSON.stringify(names) === JSON.stringify(expected.map((e) => e.name).sort()), names);
    for (const want of expected) {
      const got = listed.find((e) => e.name === want.name);
      const sizeOk = want.kind === 'dir' || got?.size === want.size;
      list.expect(`${want.name} is listed as a ${want.kind}${want.kind === 'file' ? ` of ${want.size} bytes` : ''}`, got !== undefined && got.kind === want.kind && sizeOk, (got ?? null) as never);
    }
    await client.cd(dir);
    const here = await client.ls();
    list.expect('ls without a path lists the current directory', JSON.stringify(here.map((e) => e.name).sort()) === JSON.stringify(names), here.map((e) => e.name));
    const empty = await client.ls('sub');
    list.expect('an empty directory lists as empty', empty.length === 0, empty as never);
    const missing = await outcome(() => client.ls('no-such-dir'));
    list.expect('ls of a directory that does not exist is refused', !missing.ok, shown(missing));
  });
  return list.result('ls listed every file with its kind and size');
}
