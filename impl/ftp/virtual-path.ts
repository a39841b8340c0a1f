/**
 * Paths as the client writes them: `/`-separated, `/` being the user's home. Resolution is
 * lexical and happens before anything touches the file system: `.` is dropped, `..` removes the
 * name before it, and a `..` with nothing left to remove would leave the home, so it is refused
 * (not clamped: a client that asks to go above its home is told it cannot). Names with a NUL or
 * another control character, over-long names and paths are refused as `bad-path`.
 */
import { FtpError } from './ftp-error';
import { MAX_NAME_BYTES, MAX_PATH_BYTES } from './protocol';

/** A resolved path: the names from the home down, none of them `.`, `..` or empty. */
export type VirtualPath = readonly string[];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `text` cannot be a path, or null. */
export function pathProblem(text: unknown): string | null {
  if (typeof text !== 'string') return 'a path must be a string';
  if (text.length === 0) return 'the path is empty';
  if (text.includes('\u0000')) return 'the path contains a NUL byte';
  if (CONTROL.test(text)) return 'the path contains a control character';
  if (Buffer.byteLength(text, 'utf8') > MAX_PATH_BYTES) return `the path is longer than ${MAX_PATH_BYTES} bytes`;
  // Lone surrogates cannot be written as a file name in UTF-8.
  if (!text.isWellFormed()) return 'the path is not valid Unicode';
  for (const name of text.split('/')) {
    if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return `the name ${JSON.stringify(name.slice(0, 40) + '…')} is longer than ${MAX_NAME_BYTES} bytes`;
  }
  return null;
}

/** `text` resolved against the directory `cwd`; throws FtpError bad-path or outside-home. */
export function resolveVirtual(cwd: VirtualPath, text: unknown): VirtualPath {
  const problem = pathProblem(text);
  if (problem !== null) throw new FtpError('bad-path', problem);
  const input = text as string;
  const names = input.startsWith('/') ? [] : [...cwd];
  for (const name of input.split('/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') {
      if (names.length === 0) throw new FtpError('outside-home', `${JSON.stringify(input)} leads above the home directory`);
      names.pop();
      continue;
    }
    names.push(name);
  }
  return names;
}

/** How the client sees a resolved path: `/`, `/a/b`. */
export function formatVirtual(path: VirtualPath): string {
  return `/${path.join('/')}`;
}
