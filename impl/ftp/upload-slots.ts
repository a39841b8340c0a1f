/**
 * Who is uploading to which name. Two uploads to the same name by the same user have one
 * defined outcome: the later `put` takes the name over. The earlier one is aborted at once — its
 * writer stops writing and lets go of the part file, the rest of its body is read and dropped,
 * and its `data` is answered `superseded` — and the later one starts only after that, so a part
 * file never has two writers. Each finished upload replaces the file atomically (a rename), so
 * the file under the name is always exactly one complete upload, never a mix. This is also what
 * makes resuming after a cut work when the server has not noticed the cut yet: the reconnected
 * client's `put` takes over from the dead connection.
 */

export class UploadSlot {
  aborted = false;
  private isReleased = false;
  private onAbort: (() => void) | null = null;
  private resolveReleased!: () => void;
  readonly released = new Promise<void>((resolve) => (this.resolveReleased = resolve));

  constructor(
    readonly user: string,
    readonly key: string,
    /** The part file this upload writes. */
    readonly part: string,
    /** Bytes reserved against the user's quota: the file's whole size. */
    readonly size: number,
    private readonly slots: UploadSlots,
  ) {}

  /** The writer says how to make it stop (finish the write under way, close the part). */
  whileWriting(stop: () => void): void {
    this.onAbort = stop;
  }

  /** Asks this upload to stop; resolves once it has let go of the part file. */
  abort(): Promise<void> {
    if (!this.aborted) {
      this.aborted = true;
      const stop = this.onAbort;
      if (stop === null) this.release();
      else stop();
    }
    return this.released;
  }

  /** The upload is over (finished, failed, abandoned, or stopped after an abort). Idempotent. */
  release(): void {
    if (this.isReleased) return;
    this.isReleased = true;
    this.slots.forget(this);
    this.resolveReleased();
  }
}

export class UploadSlots {
  private readonly byKey = new Map<string, UploadSlot>();

  /** A slot for `user`'s upload to `name`, after stopping any upload holding that name. */
  async claim(user: string, name: string, part: string, size: number): Promise<UploadSlot> {
    const key = `${user}\u0000${name}`;
    // Looped: another claim for the name may have got in while this one waited.
    for (let holder = this.byKey.get(key); holder !== undefined; holder = this.byKey.get(key)) await holder.abort();
    const slot = new UploadSlot(user, key, part, size, this);
    this.byKey.set(key, slot);
    return slot;
  }

  forget(slot: UploadSlot): void {
    if (this.byKey.get(slot.key) === slot) this.byKey.delete(slot.key);
  }

  /** `user`'s uploads under way, for the quota. */
  activeFor(user: string): UploadSlot[] {
    return [...this.byKey.values()].filter((s) => s.user === user);
  }

  /** Stops every upload (the server is closing). */
  async abortAll(): Promise<void> {
    await Promise.all([...this.byKey.values()].map((s) => s.abort()));
  }
}
