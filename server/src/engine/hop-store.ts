import type { EventTable } from './event-table.js';

/**
 * The bounded hop store: one row per hop in typed-array columns of a ring (36 bytes a hop). Each hop links to
 * the next hop of the same event, so one event's path is walked without scanning the store.
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
  /** Seq of the same event's next hop, or 0. */
  nextOfEvent(seq: number): number;
  bytesPerHop(): number;
}

export function createHopStore(capacity: number, events: EventTable): HopStore {
  const cap = Math.max(16, capacity);
  const ts = new Float64Array(cap);
  const types = new Uint8Array(cap);
  const evs = new Int32Array(cap);
  const nodes = new Uint16Array(cap);
  const edges = new Uint16Array(cap);
  const groups = new Uint16Array(cap);
  const instances = new Int16Array(cap);
  const partitions = new Int16Array(cap);
  const offsets = new Int32Array(cap);
  const attempts = new Uint8Array(cap);
  const reasons = new Uint16Array(cap);
  const statuses = new Uint16Array(cap);
  const nexts = new Int32Array(cap);

  let slot = 1 % cap;
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
      types[s] = type;
      evs[s] = event;
      nodes[s] = node;
      edges[s] = edge;
      groups[s] = group;
      instances[s] = instance;
      partitions[s] = partition;
      offsets[s] = offset;
      attempts[s] = attempt;
      reasons[s] = reason;
      statuses[s] = status;
      nexts[s] = 0;
      const prev = events.link(event, seq);
      const back = seq - prev;
      if (prev > 0 && back < cap) nexts[s >= back ? s - back : s - back + cap] = back;
      return seq;
    },
    has: (seq) => seq >= 1 && seq <= store.last && seq > store.last - cap,
    t: (seq) => ts[seq % cap]!,
    type: (seq) => types[seq % cap]!,
    event: (seq) => evs[seq % cap]!,
    node: (seq) => nodes[seq % cap]!,
    edge: (seq) => edges[seq % cap]!,
    group: (seq) => groups[seq % cap]!,
    instance: (seq) => instances[seq % cap]!,
    partition: (seq) => partitions[seq % cap]!,
    offset: (seq) => offsets[seq % cap]!,
    attempt: (seq) => attempts[seq % cap]!,
    reason: (seq) => reasons[seq % cap]!,
    status: (seq) => statuses[seq % cap]!,
    nextOfEvent(seq) {
      const d = nexts[seq % cap]!;
      return d === 0 ? 0 : seq + d;
    },
    bytesPerHop: () => 8 + 1 + 4 + 2 + 2 + 2 + 2 + 2 + 4 + 1 + 2 + 2 + 4,
  };
  return store;
}
