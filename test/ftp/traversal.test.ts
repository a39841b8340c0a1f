// Path traversal in every form is refused by the FTP server: `..` beyond the home, absolute
// paths, symbolic links pointing outside (to a directory, a file, the root, another home,
// relative ones, loops), NUL bytes and control characters, over-long names and paths, paths
// that are not strings; and names that look like shell commands are only names.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FtpError, putBuffer, getBuffer, type FtpClient } from '../../impl/ftp';
import { resolveVirtual } from '../../impl/ftp/virtual-path';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';
import { ask, rawChannel, startFixture, tree, type Fixture } from './helpers/ftp-fixture';

let atStart: ResourceSnapshot;
let fx: Fixture;
let alice: FtpClient;
let outside: string;
let outsideBefore: string[];

beforeAll(async () => {
  atStart = snapshot();
  fx = await startFixture();
  outside = path.join(fx.base, 'outside');
  await fs.mkdir(outside);
  await fs.writeFile(path.join(outside, 'secret.txt'), 'outside\n');
  const home = path.join(fx.root, 'alice');
  await fs.mkdir(path.join(home, 'docs'), { recursive: true });
  await fs.writeFile(path.join(home, 'docs', 'inside.txt'), 'inside\n');
  await fs.mkdir(path.join(fx.root, 'bob'), { recursive: true });
  await fs.writeFile(path.join(fx.root, 'bob', 'bobs.txt'), "bob's\n");
  const links: [string, string][] = [
    ['out-dir', outside],
    ['out-file', path.join(outside, 'secret.txt')],
    ['root-link', fx.root],
    ['bob-link', path.join(fx.root, 'bob')],
    ['rel-out', '../bob'],
    ['etc', '/etc'],
    ['loop', 'loop'],
    ['in-link', 'docs'],
    ['dangling', '/nonexistent/conform'],
  ];
  for (const [name, to] of links) await fs.symlink(to, path.join(home, name));
  alice = await fx.connect('alice');
  outsideBefore = await outsideAlice();
});

afterAll(async () => {
  alice.close();
  await alice.closed;
  await fx.close();
  await expectNoLeaks(atStart);
});

/** Everything under the test's base except alice's home and her part files. */
async function outsideAlice(): Promise<string[]> {
  const mine = [path.join('root', 'alice'), path.join('root', '.conform-ftp', 'parts', 'alice')];
  return (await tree(fx.base)).filter((p) => !mine.some((m) => p === m || p.startsWith(m + path.sep)));
}

async function refusal(step: () => Promise<unknown>): Promise<string> {
  try {
    await step();
  } catch (error) {
    if (error instanceof FtpError) return error.code;
    throw error;
  }
  return 'granted';
}

/** Every command that takes a path, tried on `p`. */
function everyCommand(client: FtpClient, p: string): Record<string, () => Promise<unknown>> {
  return {
    cd: () => client.cd(p),
    ls: () => client.ls(p),
    stat: () => client.stat(p),
    get: () => getBuffer(client, p, { retries: 0 }),
    put: () => putBuffer(client, Buffer.from('planted'), p, { retries: 0 }),
    'put below': () => putBuffer(client, Buffer.from('planted'), `${p}/planted.txt`, { retries: 0 }),
    mkdir: () => client.mkdir(`${p}/made`),
    rm: () => client.rm(`${p}/secret.txt`),
  };
}

describe('virtual paths', () => {
  it.each([
    [[], 'a/b/../c', ['a', 'c']],
    [['x'], '..', []],
    [['x'], '/a/./b/', ['a', 'b']],
    [['x'], '//a///b', ['a', 'b']],
    [[], '.', []],
    [[], '/', []],
  ])('from %j, %j resolves to %j', (cwd, text, expected) => {
    expect(resolveVirtual(cwd, text)).toEqual(expected);
  });

  it.each([
    ['..', 'outside-home'],
    ['/..', 'outside-home'],
    ['a/../..', 'outside-home'],
    ['a/b/../../../c', 'outside-home'],
    ['a\u0000b', 'bad-path'],
    ['\u0000', 'bad-path'],
    ['a\nb', 'bad-path'],
    ['a\u007fb', 'bad-path'],
    ['', 'bad-path'],
    ['x'.repeat(256), 'bad-path'],
    ['é'.repeat(128), 'bad-path'],
    [`${'a/'.repeat(2048)}b`, 'bad-path'],
    ['\ud800', 'bad-path'],
  ])('%j is refused as %s', (text, code) => {
    expect(() => resolveVirtual([], text)).toThrow(expect.objectContaining({ code }));
  });

  it('takes a 255-byte name and a 4096-byte path', () => {
    expect(resolveVirtual([], 'x'.repeat(255))).toEqual(['x'.repeat(255)]);
    expect(resolveVirtual([], `${'a/'.repeat(2047)}bc`)).toHaveLength(2048);
  });
});

describe('the server refuses every way out of the home', () => {
  const ESCAPES = ['..', '../bob', '/../bob/bobs.txt', '../../..', 'docs/../..', '/docs/../../bob', './../outside', '../../outside/secret.txt'];

  it.each(ESCAPES)('%j: refused by every command, outside-home, and the connection goes on', async (escape) => {
    const codes: Record<string, string> = {};
    for (const [name, step] of Object.entries(everyCommand(alice, escape))) codes[name] = await refusal(step);
    expect(codes).toEqual(Object.fromEntries(Object.keys(codes).map((k) => [k, 'outside-home'])));
    expect(await alice.pwd()).toBe('/');
  });

  it.each(['out-dir', 'root-link', 'bob-link', 'rel-out', 'etc'])('a link to a directory outside (%s): refused by every command', async (link) => {
    const codes: Record<string, string> = {};
    for (const [name, step] of Object.entries(everyCommand(alice, link))) if (name !== 'put') codes[name] = await refusal(step);
    expect(Object.values(codes).every((c) => c === 'outside-home')).toBe(true);
  });

  it('a link to a file outside cannot be read, and a put to its name replaces the link, never writing through it', async () => {
    expect(await refusal(() => getBuffer(alice, 'out-file', { retries: 0 }))).toBe('outside-home');
    expect(await refusal(() => alice.stat('out-file'))).toBe('outside-home');
    await putBuffer(alice, Buffer.from('mine now'), 'out-file', { retries: 0 });
    expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('outside\n');
    expect((await fs.lstat(path.join(fx.root, 'alice', 'out-file'))).isFile()).toBe(true);
    expect((await getBuffer(alice, 'out-file')).bytes.toString()).toBe('mine now');
  });

  it('removing a link removes the link only', async () => {
    await alice.rm('etc');
    await expect(fs.lstat(path.join(fx.root, 'alice', 'etc'))).rejects.toThrow();
    await expect(fs.stat('/etc')).resolves.toBeDefined();
  });

  it('a loop of links and a dangling link lead nowhere', async () => {
    expect(await refusal(() => alice.cd('loop'))).toBe('outside-home');
    expect(await refusal(() => getBuffer(alice, 'dangling', { retries: 0 }))).toBe('not-found');
  });

  it('a link that stays inside the home is followed', async () => {
    expect(await alice.cd('in-link')).toBe('/in-link');
    expect((await alice.ls()).map((e) => e.name)).toEqual(['inside.txt']);
    expect((await getBuffer(alice, 'inside.txt')).bytes.toString()).toBe('inside\n');
    expect(await alice.cd('..')).toBe('/');
    const listing = await alice.ls('/');
    expect(listing.find((e) => e.name === 'in-link')).toMatchObject({ kind: 'link' });
  });

  it('an absolute path means the home: /etc/passwd is not the system file', async () => {
    expect(await refusal(() => getBuffer(alice, '/etc/passwd', { retries: 0 }))).toBe('not-found');
  });

  it.each(['a\u0000b', 'docs\u0000/../..', 'x\u0000', 'docs/\u0000', 'tab\there', 'nl\nname', 'esc\u001b[2J'])('%j: a NUL or control character is refused by every command as bad-path', async (bad) => {
    for (const step of Object.values(everyCommand(alice, bad))) expect(await refusal(step)).toBe('bad-path');
  });

  it('over-long names and paths are refused, the longest allowed ones work', async () => {
    expect(await refusal(() => alice.mkdir('n'.repeat(256)))).toBe('bad-path');
    expect(await refusal(() => putBuffer(alice, Buffer.from('x'), '数'.repeat(86), { retries: 0 }))).toBe('bad-path');
    expect(await refusal(() => alice.cd(`${'d/'.repeat(2100)}`))).toBe('bad-path');
    const longest = '数'.repeat(85);
    await putBuffer(alice, Buffer.from('x'), longest, { retries: 0 });
    expect((await alice.stat(longest)).size).toBe(1);
  });

  it('paths that are not strings, or lone surrogates, are refused and the connection goes on', async () => {
    const { channel } = await rawChannel(fx.port);
    try {
      // Not logged in yet: refused before anything touches a path.
      expect(await ask(channel, { cmd: 'cd', path: '..' })).toMatchObject({ ok: false, error: { code: 'auth-required' } });
    } finally {
      channel.reset();
    }
    for (const bad of [42, null, ['a'], { p: 1 }, '\ud800x']) {
      const reply = await alice.request({ cmd: 'cd', path: bad as never }).catch((e: FtpError) => e.code);
      expect(reply).toBe('bad-path');
    }
    expect(await alice.pwd()).toBe('/');
  });

  it('names that look like shell commands are only names: nothing runs', async () => {
    const names = ['$(touch pwned)', '`touch pwned`', '; touch pwned', '| touch pwned', "' && touch pwned '"];
    for (const name of names) await putBuffer(alice, Buffer.from(name), name, { retries: 0 });
    const listed = (await alice.ls('/')).map((e) => e.name);
    for (const name of names) expect(listed).toContain(name);
    expect((await tree(fx.base)).filter((p) => path.basename(p) === 'pwned')).toEqual([]);
    await expect(fs.stat(path.join(process.cwd(), 'pwned'))).rejects.toThrow();
  });

  it('impl/ftp starts no process and runs no shell', async () => {
    const dir = path.join(__dirname, '..', '..', 'impl', 'ftp');
    for (const file of await fs.readdir(dir)) {
      const source = await fs.readFile(path.join(dir, file), 'utf8');
      expect([file, /child_process|\bexec(Sync)?\(|\bspawn\(|shell\s*:/.test(source)]).toEqual([file, false]);
    }
  });

  it('after all of this, nothing outside alice\'s home was created or changed', async () => {
    const now = await outsideAlice();
    expect(now).toEqual(outsideBefore);
    expect(await fs.readFile(path.join(fx.root, 'bob', 'bobs.txt'), 'utf8')).toBe("bob's\n");
  });
});
