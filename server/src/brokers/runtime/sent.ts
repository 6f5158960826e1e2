import type { EventEntry } from './ctx.js';

/**
 * The envelopes this run published on one partition of one topic, by offset, until every group subscribed to the
 * topic has had its first delivery of them. A delivery whose bytes are exactly the bytes published at its offset
 * is that envelope: it is known valid (Eventflow built it from its own event) and needs no JSON decoding and no
 * schema check, which were a fifth of a fast run's CPU (decision 0038). Anything else (another writer's message,
 * damaged bytes, a redelivery after every group had its first) is parsed and checked as before.
 *
 * Columns, not an object per publication: a fast run publishes tens of thousands, and an entry is dropped as soon
 * as the last group has had it, so what stays held is what the broker has not handed to every group yet.
 */
export class SentLog {
  private readonly bodies: (Uint8Array | undefined)[] = [];
  private readonly entries: (EventEntry | undefined)[] = [];
  /** First deliveries still to come, per offset. */
  private readonly left: number[] = [];

  /** Keeps the envelope published at `offset` until `groups` groups have each had a first delivery of it. */
  hold(offset: number, body: Uint8Array, entry: EventEntry, groups: number): void {
    if (groups <= 0) return;
    this.bodies[offset] = body;
    this.entries[offset] = entry;
    this.left[offset] = groups;
  }

  /** The event published at `offset`, if `body` is byte for byte the envelope published there. */
  match(offset: number, body: Uint8Array): EventEntry | undefined {
    const held = this.bodies[offset];
    if (held === undefined || held.length !== body.length) return undefined;
    return Buffer.compare(held, body) === 0 ? this.entries[offset] : undefined;
  }

  /** One group had its first delivery of `offset`: the last one lets the envelope go. */
  firstDelivered(offset: number): void {
    const left = this.left[offset];
    if (left === undefined) return;
    if (left > 1) {
      this.left[offset] = left - 1;
      return;
    }
    this.bodies[offset] = undefined;
    this.entries[offset] = undefined;
    this.left[offset] = 0;
  }

  /** Envelopes held (for tests). */
  held(): number {
    return this.bodies.reduce((n, b) => (b === undefined ? n : n + 1), 0);
  }
}

const CLOSE = 0x7d; // }
const ZERO = 0x30;
const NINE = 0x39;
const MAX_DIGITS = 15;

/**
 * The offset an envelope ends with (`…,"offset":123}`: JSON.stringify writes the fields in the order the runtime
 * builds them), read from the last bytes without decoding the rest; -1 when the body does not end that way. Only a
 * lookup key: a delivery is trusted only if its whole body then equals what was published at that offset.
 */
export function tailOffset(body: Uint8Array): number {
  const end = body.length - 1;
  if (end < 1 || body[end] !== CLOSE) return -1;
  let n = 0;
  let scale = 1;
  let i = end - 1;
  for (; i >= 0 && end - i <= MAX_DIGITS; i--) {
    const b = body[i]!;
    if (b < ZERO || b > NINE) break;
    n += (b - ZERO) * scale;
    scale *= 10;
  }
  return scale === 1 ? -1 : n;
}
