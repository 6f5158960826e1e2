/**
 * A consumer instance's prefetch window: how many deliveries it holds that are not yet acked or nacked. A
 * transport reads more only while the window has room, as a real consumer with a bounded prefetch does, so
 * entries the instance has not taken stay on the broker, where retention can still remove them unread.
 */
export class InFlightWindow {
  private held = 0;
  private waiting: (() => void) | undefined;
  private stopped = false;

  constructor(readonly size: number) {}

  /** Room for this many more deliveries (resolves at once when there is room; 0 once stopped). */
  async room(): Promise<number> {
    while (!this.stopped && this.held >= this.size)
      await new Promise<void>((resolve) => (this.waiting = resolve));
    return this.stopped ? 0 : this.size - this.held;
  }

  /** The transport closes: a reader waiting for room returns instead of waiting for acks that cannot come. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  private wake(): void {
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  }

  /** One more delivery held, until `release` (for a holder that makes sure it releases once). */
  hold(): void {
    this.held++;
  }

  release(): void {
    this.held--;
    this.wake();
  }

  /** One more delivery held; the returned function releases it (once, however often it is called). */
  take(): () => void {
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      this.wake();
    };
  }
}
