/**
 * One partition of a topic: an append-only log of event indices with the time each becomes deliverable.
 * Offsets are absolute. A full buffer first drops the prefix the publisher says nobody can read any more
 * (`compactTo`), and grows only if that frees less than half of it, so a long run does not grow without bound.
 */
export class PartitionLog {
  /** Offset of the oldest retained entry; retention moves it forward. */
  start = 0;
  /** Offset the next append gets. */
  end = 0;
  private base = 0;
  private events = new Int32Array(64);
  private avail = new Float64Array(64);
  private published = new Float64Array(64);

  append(event: number, publishedAt: number, availableAt: number): number {
    let i = this.end - this.base;
    if (i === this.events.length) {
      this.grow();
      i = this.end - this.base;
    }
    this.events[i] = event;
    this.avail[i] = availableAt;
    this.published[i] = publishedAt;
    return this.end++;
  }

  eventAt(offset: number): number {
    return this.events[offset - this.base]!;
  }
  availableAt(offset: number): number {
    return this.avail[offset - this.base]!;
  }
  publishedAt(offset: number): number {
    return this.published[offset - this.base]!;
  }
  /** Oldest offset still readable (for replay). */
  get oldest(): number {
    return Math.max(this.base, this.start);
  }

  /** Whether the next append must grow the buffers (or compact first). */
  get full(): boolean {
    return this.end - this.base === this.events.length;
  }

  /** Offset of the oldest entry still in the buffers (below it nothing can be read). */
  get bufferStart(): number {
    return this.base;
  }

  /**
   * Drops the entries below `cut` (clamped to what is stored) when that frees at least half of the buffer;
   * otherwise keeps them, and the next append grows it. Amortised: each entry moves at most once per halving.
   */
  compactTo(cut: number) {
    const to = Math.min(cut, this.end);
    const drop = to - this.base;
    if (drop < 1 || drop < (this.end - this.base) / 2) return;
    const live = this.end - to;
    this.events.copyWithin(0, drop, drop + live);
    this.avail.copyWithin(0, drop, drop + live);
    this.published.copyWithin(0, drop, drop + live);
    this.base = to;
  }

  /** Drops every entry and the grown buffers; offsets are kept so nothing reads a reused one. */
  release() {
    this.base = this.end;
    this.start = this.end;
    this.events = new Int32Array(1);
    this.avail = new Float64Array(1);
    this.published = new Float64Array(1);
  }

  private grow() {
    const live = this.end - this.base;
    const e = new Int32Array(this.events.length * 2);
    e.set(this.events.subarray(0, live));
    const a = new Float64Array(this.avail.length * 2);
    a.set(this.avail.subarray(0, live));
    const p = new Float64Array(this.published.length * 2);
    p.set(this.published.subarray(0, live));
    this.events = e;
    this.avail = a;
    this.published = p;
  }
}
