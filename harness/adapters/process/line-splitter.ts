/**
 * Cuts an adapter's stdout into lines (LF, an optional CR before it is dropped). A line longer
 * than `maxLineBytes` is reported instead of buffered: an adapter that writes garbage without
 * newlines must not make the harness hold it all in memory.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflowed = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: (prefix: string) => void,
    private readonly maxLineBytes = 64 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (!this.overflowed) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline < 0) {
        this.keep(chunk.subarray(start));
        return;
      }
      this.keep(chunk.subarray(start, newline));
      if (this.overflowed) return;
      const line = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
      this.pendingBytes = 0;
      start = newline + 1;
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
  }

  /** Bytes after the last newline, if any (an adapter that died mid-line). */
  rest(): string {
    return Buffer.concat(this.pending).toString('utf8');
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.pending.push(part);
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxLineBytes) {
      this.overflowed = true;
      const prefix = Buffer.concat(this.pending).subarray(0, 200).toString('utf8');
      this.pending = [];
      this.pendingBytes = 0;
      this.onOverflow(prefix);
    }
  }
}
