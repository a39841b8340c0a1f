/** pwd, cd, ls, mkdir, stat and rm: moving about and looking inside the home. */
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { PythonJson } from '../net/python-json-dumps';
import { FtpError } from './ftp-error';
import type { Header } from './message-channel';
import type { EntryKind, ListEntry } from './protocol';
import { optionalStringField } from './request-fields';
import type { UserSession } from './session-context';
import { formatVirtual, resolveVirtual } from './virtual-path';

export interface Reply {
  header: { [key: string]: PythonJson };
  body?: Buffer;
}

function kindOf(stats: Stats): EntryKind {
  if (stats.isSymbolicLink()) return 'link';
  if (stats.isDirectory()) return 'dir';
  if (stats.isFile()) return 'file';
  return 'other';
}

export function pwd(session: UserSession): Reply {
  return { header: { ok: true, cwd: formatVirtual(session.cwd) } };
}

export async function cd(session: UserSession, header: Header): Promise<Reply> {
  const target = resolveVirtual(session.cwd, header['path']);
  await session.jail.resolveDirectory(target);
  session.cwd = target;
  return { header: { ok: true, cwd: formatVirtual(target) } };
}

/** Every entry of a directory (dot-files too: 所有文件), sorted by name, links not followed. */
export async function ls(session: UserSession, header: Header): Promise<Reply> {
  const asked = optionalStringField(header, 'path');
  const target = asked === undefined ? session.cwd : resolveVirtual(session.cwd, asked);
  const dir = await session.jail.resolveDirectory(target);
  const entries: ListEntry[] = [];
  for (const name of await fs.readdir(dir.real)) {
    try {
      const stats = await fs.lstat(path.join(dir.real, name));
      entries.push({ name, kind: kindOf(stats), size: stats.size });
    } catch {
      // removed between readdir and lstat
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const body = Buffer.from(JSON.stringify(entries), 'utf8');
  return { header: { ok: true, path: formatVirtual(target), entries: entries.length }, body };
}

export async function mkdir(session: UserSession, header: Header): Promise<Reply> {
  const target = resolveVirtual(session.cwd, header['path']);
  const place = await session.jail.resolveForCreation(target);
  if (place.existing !== null) throw new FtpError('exists', `${formatVirtual(target)} already exists`);
  try {
    await fs.mkdir(place.real, { mode: 0o755 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FtpError('exists', `${formatVirtual(target)} already exists`);
    throw error;
  }
  return { header: { ok: true, path: formatVirtual(target) } };
}

/** Kind and size of what a path leads to (links followed, within the home), and a file's SHA-256. */
export async function stat(session: UserSession, header: Header): Promise<Reply> {
  const target = resolveVirtual(session.cwd, header['path']);
  const entry = await session.jail.resolveExisting(target);
  const reply: { [key: string]: PythonJson } = { ok: true, path: formatVirtual(target), kind: kindOf(entry.stats), size: entry.stats.size };
  if (entry.stats.isFile()) {
    const handle = await session.jail.openForReading(entry);
    try {
      const { sha256, size } = await session.services.checksums.of(handle);
      reply['sha256'] = sha256;
      reply['size'] = size;
    } finally {
      await handle.close();
    }
  }
  return { header: reply };
}

/** Removes a file, a link (not what it points to) or an empty directory. */
export async function rm(session: UserSession, header: Header): Promise<Reply> {
  const target = resolveVirtual(session.cwd, header['path']);
  if (target.length === 0) throw new FtpError('bad-request', 'the home directory cannot be removed');
  const place = await session.jail.resolveForCreation(target);
  if (place.existing === null) throw new FtpError('not-found', `${formatVirtual(target)} does not exist`);
  try {
    if (place.existing.isDirectory()) await fs.rmdir(place.real);
    else await fs.unlink(place.real);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new FtpError('not-empty', `${formatVirtual(target)} is not empty`);
    if (code === 'ENOENT') throw new FtpError('not-found', `${formatVirtual(target)} does not exist`);
    throw error;
  }
  return { header: { ok: true, path: formatVirtual(target) } };
}
