/**
 * Reading a password: from a prompt on the terminal with echo off, or, with --password-stdin,
 * from standard input (the first line), never from a command-line argument, which would land in
 * the shell's history and in every `ps` listing.
 */
import { UsageError } from './usage-error';

/** Asks on the terminal without echoing; rejects on Ctrl-C or Ctrl-D. */
export function promptPassword(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) {
    return Promise.reject(new UsageError('there is no terminal to ask for the password on: pipe it in with --password-stdin'));
  }
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let typed = '';
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    const finish = (outcome: () => void) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(typed));
        if (ch === '\u0003' || ch === '\u0004') return finish(() => reject(new UsageError('no password given')));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    input.on('data', onData);
  });
}

/** A new password, typed twice. */
export async function promptNewPassword(): Promise<string> {
  const first = await promptPassword('New password: ');
  const again = await promptPassword('Again: ');
  if (first !== again) throw new UsageError('the two passwords differ');
  return first;
}

/**
 * Standard input as lines, read as they come: the first is the password with --password-stdin,
 * the rest (for the client's shell) are commands.
 */
export class StdinLines {
  private buffered = '';
  private ended = false;
  private waiting: (() => void) | null = null;

  constructor(private readonly input: NodeJS.ReadableStream = process.stdin) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffered += chunk;
      this.wake();
    });
    input.on('end', () => {
      this.ended = true;
      this.wake();
    });
    // A password prompt before paused the stream; a 'data' listener alone would not restart it.
    input.resume();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }

  /** The next line without its newline, or null at the end of input. */
  async next(): Promise<string | null> {
    for (;;) {
      const nl = this.buffered.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffered.slice(0, nl).replace(/\r$/, '');
        this.buffered = this.buffered.slice(nl + 1);
        return line;
      }
      if (this.ended) {
        if (this.buffered.length === 0) return null;
        const line = this.buffered;
        this.buffered = '';
        return line;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Stops reading, so the process can exit. */
  close(): void {
    this.input.pause();
    (this.input as NodeJS.ReadStream).destroy?.();
  }
}

export async function passwordFromStdin(lines: StdinLines): Promise<string> {
  const line = await lines.next();
  if (line === null || line.length === 0) throw new UsageError('--password-stdin: standard input held no password');
  return line;
}
