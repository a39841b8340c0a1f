/**
 * `conform ftp client`: the client command line. With a command (`ls`, `cd`, `pwd`, `mkdir`,
 * `stat`, `rm`, `put`, `get`) it runs that one and exits; without, it reads commands line by
 * line from standard input (a prompt on a terminal), so `cd` carries over to the next command.
 * Words are split like a shell's (quotes, backslashes) by the client itself: nothing is ever
 * handed to a shell. Transfers resume after cuts and show a progress bar on a terminal.
 */
import * as path from 'node:path';
import { ConnectionLost, FtpClient, FtpError, getFile, putFile, type ListEntry } from '../../impl/ftp';
import { progressBar } from './ftp-progress';
import { StdinLines, passwordFromStdin, promptPassword } from './ftp-password';
import { UsageError } from './usage-error';

export interface ClientOptions {
  host: string;
  port: number;
  user: string;
  passwordStdin?: boolean;
  retries: number;
  timeout: number;
}

export const CLIENT_COMMANDS = ['ls [path]', 'cd <path>', 'pwd', 'mkdir <path>', 'stat <path>', 'rm <path>', 'put <local> [remote]', 'get <remote> [local]'];

/** Splits a command line into words: whitespace separates, '…' and "…" group, \ escapes. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i]!;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i]!;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote !== null) throw new UsageError(`unclosed ${quote} in: ${line}`);
  if (word !== null) words.push(word);
  return words;
}

function formatEntry(e: ListEntry): string {
  return `${e.kind.padEnd(5)} ${String(e.size).padStart(12)}  ${e.name}`;
}

function arity(words: string[], min: number, max: number): void {
  if (words.length - 1 < min || words.length - 1 > max) throw new UsageError(`usage: ${CLIENT_COMMANDS.find((c) => c.startsWith(`${words[0]} `) || c === words[0])}`);
}

/** Runs one command; what it prints goes to stdout. */
export async function runClientCommand(client: FtpClient, words: string[], options: { retries: number }): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const [cmd] = words;
  switch (cmd) {
    case 'ls':
      arity(words, 0, 1);
      for (const e of await client.ls(words[1])) out(formatEntry(e));
      return;
    case 'cd':
      arity(words, 1, 1);
      out(await client.cd(words[1]!));
      return;
    case 'pwd':
      arity(words, 0, 0);
      out(await client.pwd());
      return;
    case 'mkdir':
      arity(words, 1, 1);
      out(await client.mkdir(words[1]!));
      return;
    case 'rm':
      arity(words, 1, 1);
      out(`removed ${await client.rm(words[1]!)}`);
      return;
    case 'stat': {
      arity(words, 1, 1);
      const s = await client.stat(words[1]!);
      out(`${s.kind} ${s.size} ${s.sha256 ?? '-'} ${s.path}`);
      return;
    }
    case 'put': {
      arity(words, 1, 2);
      const local = words[1]!;
      const bar = progressBar(process.stderr);
      try {
        const r = await putFile(client, local, words[2] ?? path.basename(local), { retries: options.retries, onProgress: (p) => bar.onProgress(p) });
        bar.stop();
        out(`put ${local} -> ${r.path} (${r.size} bytes, sha256 ${r.sha256}${resumedNote(r.attempts)})`);
      } finally {
        bar.stop();
      }
      return;
    }
    case 'get': {
      arity(words, 1, 2);
      const remote = words[1]!;
      const local = words[2] ?? path.basename(remote);
      const bar = progressBar(process.stderr);
      try {
        const r = await getFile(client, remote, local, { retries: options.retries, onProgress: (p) => bar.onProgress(p) });
        bar.stop();
        out(`get ${r.path} -> ${local} (${r.size} bytes, sha256 ${r.sha256}${resumedNote(r.attempts)})`);
      } finally {
        bar.stop();
      }
      return;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(cmd)}; commands: ${CLIENT_COMMANDS.join(', ')}`);
  }
}

function resumedNote(attempts: number[]): string {
  const resumedAt = attempts.filter((o) => o > 0);
  return resumedAt.length === 0 ? '' : `, resumed at ${resumedAt.join(', ')}`;
}

function describe(error: unknown): string {
  if (error instanceof FtpError) return `${error.code}: ${error.message}`;
  return (error as Error).message;
}

export async function ftpClient(commandWords: string[], options: ClientOptions): Promise<number> {
  // Standard input is read as lines only after a password prompt is over: the prompt reads it raw.
  let lines: StdinLines | null = options.passwordStdin ? new StdinLines() : null;
  try {
    const password = lines !== null ? await passwordFromStdin(lines) : await promptPassword(`${options.user}@${options.host}:${options.port} password: `);
    if (commandWords.length === 0) lines ??= new StdinLines();
    let client: FtpClient;
    try {
      client = await FtpClient.connect({ host: options.host, port: options.port, user: options.user, password, timeoutSeconds: options.timeout });
    } catch (e) {
      process.stderr.write(`conform ftp: ${describe(e)}\n`);
      return 1;
    }
    try {
      if (commandWords.length > 0) return await runOnce(client, commandWords, options);
      return await runShell(client, lines!, options);
    } finally {
      client.close();
    }
  } finally {
    lines?.close();
  }
}

async function runOnce(client: FtpClient, words: string[], options: ClientOptions): Promise<number> {
  try {
    await runClientCommand(client, words, options);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    process.stderr.write(`conform ftp: ${describe(e)}\n`);
    return 1;
  }
}

/** Commands from stdin, one per line; a refused command is reported and the next one runs. */
async function runShell(client: FtpClient, lines: StdinLines, options: ClientOptions): Promise<number> {
  const interactive = process.stdin.isTTY === true;
  let failures = 0;
  for (;;) {
    if (interactive) process.stderr.write(`ftp:${await client.pwd().catch(() => '?')}> `);
    const line = await lines.next();
    if (line === null) break;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed === 'quit' || trimmed === 'exit') break;
    try {
      await runClientCommand(client, splitWords(trimmed), options);
    } catch (e) {
      failures += 1;
      process.stderr.write(`conform ftp: ${e instanceof UsageError ? e.message : describe(e)}\n`);
      if (e instanceof ConnectionLost) {
        // A command other than a transfer does not resume by itself: reconnect for the next one.
        await client.reconnect().catch((r: unknown) => process.stderr.write(`conform ftp: ${describe(r)}\n`));
      }
    }
  }
  return failures === 0 ? 0 : 1;
}
