/**
 * The floor: the smallest program that does what the engine does for the reference flow, without any of
 * what makes the engine general. A binary heap on (time, seq) schedules tasks; each hop is written into
 * typed arrays (a bounded ring like the engine's store). No validation, no CEL, no payload objects, no
 * per-partition queues: an event's "amount" is a number in a typed array and the topology is hard-coded.
 *
 * Hops per event follow the engine's model of the reference flow: produced, published; per group
 * delivered → processed → acked (failed → retry-scheduled → delivered … → dead-lettered after 3 attempts);
 * the filter adds routed/filtered; billing adds emitted + the child's published and the mailer's hops.
 */

// Task and hop kinds as plain integers: what typed arrays store.
const PRODUCE = 0,
  DELIVER = 1,
  PROCESS = 2;
const PRODUCED = 0,
  PUBLISHED = 1,
  ROUTED = 2,
  FILTERED = 3,
  DELIVERED = 4,
  PROCESSED = 5,
  FAILED = 6;
const RETRY_SCHEDULED = 7,
  ACKED = 8,
  DEAD_LETTERED = 9,
  EMITTED = 10;
// Node ids as small integers, like the engine's interned ids.
const SOURCE = 0,
  ORDERS = 1,
  AUDIT = 2,
  FILTER = 3,
  FRAUD = 4,
  BILLING = 5,
  INVOICES = 6,
  MAILER = 7,
  DLQ = 8;
/** Subscriptions: consumer node per subscription index; 0..2 read `orders`, 3 reads `invoices`. */
const SUB_NODE = [AUDIT, FRAUD, BILLING, MAILER];

const LATENCY = 0.001,
  PROCESSING = 0.0002,
  BACKOFF = 0.01,
  FAILURE = 0.05,
  MAX_ATTEMPTS = 3,
  GAP = 0.001;

export interface FloorResult {
  hops: number;
  events: number;
  /** Wall-clock ns spent in the loop. */
  ns: number;
  checksum: number;
}

export function runFloor(maxHops: number, storeCapacity = 1 << 20): FloorResult {
  // Hop store: struct of arrays in a ring, 8+4+4+2+1+1+1 = 21 bytes per hop.
  const cap = storeCapacity;
  const hT = new Float64Array(cap),
    hSeq = new Uint32Array(cap),
    hEvent = new Uint32Array(cap);
  const hNode = new Uint16Array(cap),
    hType = new Uint8Array(cap),
    hPart = new Uint8Array(cap),
    hAttempt = new Uint8Array(cap);
  // Events: amount, partition, parent (child events only).
  const evCap = maxHops;
  const eAmount = new Uint16Array(evCap),
    ePart = new Uint8Array(evCap),
    eParent = new Int32Array(evCap);
  // Task pool + binary heap of task ids ordered by (time, seq).
  const tCap = 1 << 16;
  let tAt = new Float64Array(tCap),
    tSeq = new Float64Array(tCap),
    tKind = new Uint8Array(tCap);
  let tEvent = new Uint32Array(tCap),
    tSub = new Uint8Array(tCap),
    tAttempt = new Uint8Array(tCap);
  let heap = new Int32Array(tCap),
    free = new Int32Array(tCap);
  let size = 0,
    freeTop = 0,
    nextTask = 0,
    taskSeq = 0,
    capacity = tCap;

  const grow = () => {
    const n = capacity * 2;
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const g32 = (a: Uint32Array) => {
      const b = new Uint32Array(n);
      b.set(a);
      return b;
    };
    const g8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const gi = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    tAt = g64(tAt);
    tSeq = g64(tSeq);
    tKind = g8(tKind);
    tEvent = g32(tEvent);
    tSub = g8(tSub);
    tAttempt = g8(tAttempt);
    heap = gi(heap);
    free = gi(free);
    capacity = n;
  };
  const less = (a: number, b: number) => tAt[a]! < tAt[b]! || (tAt[a] === tAt[b] && tSeq[a]! < tSeq[b]!);
  const schedule = (at: number, kind: number, event: number, sub: number, attempt: number) => {
    let id: number;
    if (freeTop > 0) id = free[--freeTop]!;
    else {
      if (nextTask === capacity) grow();
      id = nextTask++;
    }
    tAt[id] = at;
    tSeq[id] = taskSeq++;
    tKind[id] = kind;
    tEvent[id] = event;
    tSub[id] = sub;
    tAttempt[id] = attempt;
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(id, heap[p]!)) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = id;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap[--size]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && less(heap[r]!, heap[l]!) ? r : l;
      if (!less(heap[c]!, last)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    if (size > 0) heap[i] = last;
    free[freeTop++] = top;
    return top;
  };

  // xorshift32: the floor's seeded PRNG.
  let rng = 42;
  const rand = () => {
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    return (rng >>> 0) / 4294967296;
  };

  let hops = 0,
    now = 0,
    events = 0,
    produced = 0;
  const hop = (type: number, event: number, node: number, partition: number, attempt: number) => {
    const j = hops % cap;
    hSeq[j] = ++hops;
    hT[j] = now;
    hType[j] = type;
    hEvent[j] = event;
    hNode[j] = node;
    hPart[j] = partition;
    hAttempt[j] = attempt;
  };

  const t0 = process.hrtime.bigint();
  schedule(0, PRODUCE, 0, 0, 0);
  while (size > 0 && hops < maxHops) {
    const id = pop();
    now = tAt[id]!;
    const ev = tEvent[id]!,
      sub = tSub[id]!,
      attempt = tAttempt[id]!;
    switch (tKind[id]) {
      case PRODUCE: {
        const e = events++;
        produced++;
        eAmount[e] = 1 + Math.floor(rand() * 1000);
        ePart[e] = (produced % 64) % 3; // key "acct-<seq % 64>" hashed to 3 partitions
        eParent[e] = -1;
        hop(PRODUCED, e, SOURCE, 0, 0);
        hop(PUBLISHED, e, ORDERS, ePart[e]!, 0);
        for (let s = 0; s < 3; s++) schedule(now + LATENCY, DELIVER, e, s, 1);
        if (events < evCap) schedule(now + GAP, PRODUCE, 0, 0, 0);
        break;
      }
      case DELIVER: {
        if (sub === 1 && attempt === 1) {
          if (eAmount[ev]! <= 250) {
            hop(FILTERED, ev, FILTER, ePart[ev]!, 0);
            break;
          }
          hop(ROUTED, ev, FILTER, ePart[ev]!, 0);
        }
        hop(DELIVERED, ev, SUB_NODE[sub]!, ePart[ev]!, attempt);
        schedule(now + PROCESSING, PROCESS, ev, sub, attempt);
        break;
      }
      case PROCESS: {
        const node = SUB_NODE[sub]!;
        if (rand() < FAILURE) {
          hop(FAILED, ev, node, ePart[ev]!, attempt);
          if (attempt < MAX_ATTEMPTS) {
            hop(RETRY_SCHEDULED, ev, node, ePart[ev]!, attempt);
            schedule(now + BACKOFF * 2 ** (attempt - 1), DELIVER, ev, sub, attempt + 1);
          } else {
            hop(DEAD_LETTERED, ev, node, ePart[ev]!, attempt);
            hop(PUBLISHED, ev, DLQ, 0, 0);
          }
          break;
        }
        hop(PROCESSED, ev, node, ePart[ev]!, attempt);
        if (sub === 2 && events < evCap) {
          const child = events++;
          eAmount[child] = eAmount[ev]!;
          ePart[child] = ePart[ev]!;
          eParent[child] = ev;
          hop(EMITTED, child, BILLING, 0, 0);
          hop(PUBLISHED, child, INVOICES, ePart[child]!, 0);
          schedule(now + LATENCY, DELIVER, child, 3, 1);
        }
        hop(ACKED, ev, node, ePart[ev]!, attempt);
        break;
      }
    }
  }
  const ns = Number(process.hrtime.bigint() - t0);
  const last = (hops - 1) % cap;
  return {
    hops,
    events,
    ns,
    checksum: hT[last]! + hEvent[last]! + hNode[last]! + hType[last]! + hPart[last]! + hAttempt[last]!,
  };
}
