/**
 * The last few kilobytes an adapter wrote to stderr: when it crashes or hangs, its own last
 * words (a traceback, a panic) are usually the explanation, so every error message about an
 * adapter ends with them. Bounded, because an adapter may log without end.
 */
export class StderrTail {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes = 4096) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - this.chunks[0].length >= this.maxBytes) {
      this.size -= this.chunks[0].length;
      this.chunks.shift();
    }
  }

  /** The tail as text, cut to whole lines where possible; empty when nothing was written. */
  text(): string {
    const all = Buffer.concat(this.chunks);
    let tail = all.length > this.maxBytes ? all.subarray(all.length - this.maxBytes) : all;
    if (tail.length < all.length) {
      const newline = tail.indexOf(0x0a);
      if (newline >= 0 && newline < tail.length - 1) tail = tail.subarray(newline + 1);
    }
    return tail.toString('utf8').trimEnd();
  }

  /** ` stderr (last lines):\n…` for an error message, or a note that there was none. */
  describe(): string {
    const text = this.text();
    return text === '' ? ' (the adapter wrote nothing to stderr)' : `\nadapter stderr (last lines):\n${indent(text)}`;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  | ${line}`)
    .join('\n');
}
