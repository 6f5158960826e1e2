import type { EventTable } from './event-table.js';

/**
 * The bounded hop store: one row per hop in a ring of typed arrays (36 bytes a hop: the time and seven packed
 * words). Each hop links back to the previous hop of the same event, so one event's path is walked without
 * scanning the store. The link is written into the new row, not the old one: a forward link was a write to
 * a random, usually cold, row on every append (decision 0036).
 */
export interface HopStore {
  readonly capacity: number;
  /** Seq of the newest hop (0 before any). */
  last: number;
  /** Seq of the oldest hop still stored. */
  first(): number;
  evicted(): number;
  append(
    t: number,
    type: number,
    event: number,
    node: number,
    edge: number,
    group: number,
    instance: number,
    partition: number,
    offset: number,
    attempt: number,
    reason: number,
    status: number,
  ): number;
  has(seq: number): boolean;
  t(seq: number): number;
  type(seq: number): number;
  event(seq: number): number;
  node(seq: number): number;
  /** Edge index + 1; 0 = none. Likewise group and reason. */
  edge(seq: number): number;
  group(seq: number): number;
  /** -1 = none; likewise partition and offset. */
  instance(seq: number): number;
  partition(seq: number): number;
  offset(seq: number): number;
  /** 0 = none. */
  attempt(seq: number): number;
  reason(seq: number): number;
  /** HTTP status of a webhook attempt; 0 = none. */
  status(seq: number): number;
  /** Seq of the same event's previous hop while it is still stored, else 0. */
  prevOfEvent(seq: number): number;
  bytesPerHop(): number;
}

// Word layout of a hop's row in `w` (W words a hop). Small fields share a word, so an append writes eight
// places (the time and seven words of one row) instead of thirteen columns: fewer bounds checks and one
// cache line per hop rather than one per column.
const W = 7;
const TYPE_ATTEMPT_REASON = 0; // type: bits 0-7, attempt: 8-15, reason: 16-31
const NODE_EDGE = 1; // node: bits 0-15, edge: 16-31
const GROUP_STATUS = 2; // group: bits 0-15, status: 16-31
const INSTANCE_PARTITION = 3; // instance: signed bits 0-15, partition: signed bits 16-31
const EVENT = 4;
const OFFSET = 5;
const PREV = 6;

export function createHopStore(capacity: number, events: EventTable): HopStore {
  const cap = Math.max(16, capacity);
  const ts = new Float64Array(cap);
  const w = new Int32Array(cap * W);

  let slot = 1 % cap;
  const row = (seq: number) => (seq % cap) * W;
  const store: HopStore = {
    capacity: cap,
    last: 0,
    first: () => Math.max(1, store.last - cap + 1),
    evicted: () => Math.max(0, store.last - cap),
    append(t, type, event, node, edge, group, instance, partition, offset, attempt, reason, status) {
      const seq = ++store.last;
      // The write slot advances with seq, so the hot path needs no modulo (slot = seq % cap).
      const s = slot;
      slot = slot + 1 === cap ? 0 : slot + 1;
      ts[s] = t;
      const r = s * W;
      // Each field is masked to the width its own column had, so what reads back is what the columns kept.
      w[r] = (type & 0xff) | ((attempt & 0xff) << 8) | (reason << 16);
      w[r + 1] = (node & 0xffff) | (edge << 16);
      w[r + 2] = (group & 0xffff) | (status << 16);
      w[r + 3] = (instance & 0xffff) | (partition << 16);
      w[r + 4] = event;
      w[r + 5] = offset;
      const prev = events.link(event, seq);
      const back = seq - prev;
      w[r + PREV] = prev > 0 && back < cap ? back : 0;
      return seq;
    },
    has: (seq) => seq >= 1 && seq <= store.last && seq > store.last - cap,
    t: (seq) => ts[seq % cap]!,
    type: (seq) => w[row(seq) + TYPE_ATTEMPT_REASON]! & 0xff,
    event: (seq) => w[row(seq) + EVENT]!,
    node: (seq) => w[row(seq) + NODE_EDGE]! & 0xffff,
    edge: (seq) => w[row(seq) + NODE_EDGE]! >>> 16,
    group: (seq) => w[row(seq) + GROUP_STATUS]! & 0xffff,
    instance: (seq) => (w[row(seq) + INSTANCE_PARTITION]! << 16) >> 16,
    partition: (seq) => w[row(seq) + INSTANCE_PARTITION]! >> 16,
    offset: (seq) => w[row(seq) + OFFSET]!,
    attempt: (seq) => (w[row(seq) + TYPE_ATTEMPT_REASON]! >>> 8) & 0xff,
    reason: (seq) => w[row(seq) + TYPE_ATTEMPT_REASON]! >>> 16,
    status: (seq) => w[row(seq) + GROUP_STATUS]! >>> 16,
    prevOfEvent(seq) {
      const d = w[row(seq) + PREV]!;
      return d === 0 || seq - d <= store.last - cap ? 0 : seq - d;
    },
    bytesPerHop: () => 8 + W * 4,
  };
  return store;
}
