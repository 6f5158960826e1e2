import { CLIENT_HOLDS_AT_MOST, MAX_INFLIGHT_MESSAGES } from './mosquitto-limits.js';

/**
 * What a publisher may put on Mosquitto for a group of consumers without any one consumer's queue overflowing
 * (Mosquitto drops a QoS 1 message for a client that holds CLIENT_HOLDS_AT_MOST unacknowledged). Used by the
 * bench's bare MQTT loop, whose publisher would otherwise outrun its consumers.
 *
 * A message counts against a consumer until its PUBACK has left the process (TurnCork's flush), not when its
 * handler runs: the PUBACKs of a turn stay corked till its end, and one turn can handle hundreds (Mosquitto
 * 2.0.11 over-fills in-flight lists). Where a message not yet delivered will go is not known, so it counts
 * against every consumer; one delivered counts against its own only. So for every consumer, undelivered plus its
 * unsettled is at least what Mosquitto holds for it, bar PUBACKs written but not yet read: those were written
 * before the publications their flush made room for, and Mosquitto reads one packet per socket per loop, so it
 * takes them in no later than the new messages. The limit keeps the in-flight window as margin.
 */
export class UnsettledBound {
  private sent = 0;
  private deliveredAll = 0;
  private readonly delivered: number[];
  private readonly flushed: number[];
  private readonly waiting: (() => void)[] = [];

  constructor(
    consumers: number,
    readonly limit = CLIENT_HOLDS_AT_MOST - MAX_INFLIGHT_MESSAGES,
  ) {
    this.delivered = new Array<number>(consumers).fill(0);
    this.flushed = new Array<number>(consumers).fill(0);
  }

  /** How many more may be published now. */
  room(): number {
    let worst = 0;
    for (let c = 0; c < this.delivered.length; c++)
      worst = Math.max(worst, this.delivered[c]! - this.flushed[c]!);
    return this.limit - (this.sent - this.deliveredAll) - worst;
  }

  /**
   * Counts one more published when there is room and returns undefined; otherwise a promise that does so once
   * there is (no promise on the common path: this runs for every message).
   */
  publish(): Promise<void> | undefined {
    if (this.room() <= 0) return this.later();
    this.sent++;
    return undefined;
  }

  private async later(): Promise<void> {
    while (this.room() <= 0) await new Promise<void>((wake) => this.waiting.push(wake));
    this.sent++;
  }

  /** Consumer `c`'s handler got a message. */
  onDelivered(c: number): void {
    this.delivered[c]!++;
    this.deliveredAll++;
  }

  /** `settled` PUBACKs of consumer `c` left the process: wake as many publishers as now have room. */
  onFlushed(c: number, settled: number): void {
    this.flushed[c]! += settled;
    const n = Math.min(this.room(), this.waiting.length);
    for (const wake of this.waiting.splice(0, n)) wake();
  }
}
