/**
 * The events of a run, as columns in a ring indexed by a run-wide event index. Ids, trace ids and the
 * CloudEvent envelope are derived from these columns on demand, so the hot path stores only numbers and the
 * payload object it was given.
 */
export interface EventTable {
  /** Index of the oldest event still stored. */
  first: number;
  /** Index the next event will get. */
  next: number;
  add(
    type: number,
    source: number,
    t: number,
    parent: number,
    root: number,
    depth: number,
    /** `internKey(key)`, or -1 for none; a chained event passes its parent's `keyId`. */
    keyId: number,
    data: unknown,
  ): number;
  /** The run-wide number of a partition key, given on first sight. */
  internKey(key: string): number;
  has(index: number): boolean;
  type(index: number): number;
  source(index: number): number;
  time(index: number): number;
  /** Simulated ms its root event was produced (its own time for a root): where end-to-end latency starts. */
  origin(index: number): number;
  parent(index: number): number;
  root(index: number): number;
  depth(index: number): number;
  key(index: number): string | undefined;
  /**
   * The run-wide number of the event's partition key (-1: none). Keys are interned when an event is added,
   * so the hot path compares and indexes numbers instead of hashing strings per delivery (decision 0026).
   */
  keyId(index: number): number;
  /** `hash(key)` of the event's key (its partition choice), computed once per distinct key; 0 for none. */
  keyHash(index: number): number;
  data(index: number): unknown;
  firstHop(index: number): number;
  lastHop(index: number): number;
  /** Records `seq` as the event's newest hop and returns the previous newest (0 if none), in one slot lookup. */
  link(index: number, seq: number): number;
  firstChild(index: number): number;
  nextSibling(index: number): number;
  /** In-flight references (pending deliveries); an event with references is never evicted. */
  ref(index: number, delta: number): void;
  refs(index: number): number;
  /** Bytes held per stored event, for the benchmark's bytes/hop figure. */
  bytesPerSlot(): number;
  /**
   * For an ended run: forgets in-flight references (nothing will deliver them now), drops every event
   * whose hops have all left the store and shrinks the ring to what is left.
   */
  release(): void;
}

// Row layout. An event's fields share two rows (four doubles, nine words) instead of fourteen columns: a
// delivery reads and writes several fields of one event (its last hop, key, references, origin), and with
// columns each was a cache line of its own, usually cold under a backlog (decision 0039).
const F = 4; // doubles a row in `f`
const TIME = 0;
const ORIGIN = 1;
const FIRST_HOP = 2;
const LAST_HOP = 3;
const W = 9; // words a row in `w`
const KEY = 0;
const REFS = 1;
const ROOT = 2;
const PARENT = 3;
const TYPE_SOURCE = 4; // type: bits 0-15, source: 16-31, as their Uint16 columns kept them
const DEPTH = 5; // 0-255, as its Uint8 column kept it
const FIRST_CHILD = 6;
const LAST_CHILD = 7;
const SIBLING = 8;

export function createEventTable(
  capacity: number,
  canEvict: (index: number) => boolean,
  hash: (key: string) => number,
): EventTable {
  let cap = Math.max(16, capacity);
  let f = new Float64Array(cap * F);
  let w = new Int32Array(cap * W);
  // Distinct keys of the run: as many as the per-key order counts of each subscription already hold.
  const keyNames: string[] = [];
  const keyHashes: number[] = [];
  const keyIndex = new Map<string, number>();
  const internKey = (key: string): number => {
    let id = keyIndex.get(key);
    if (id === undefined) {
      id = keyNames.length;
      keyNames.push(key);
      keyHashes.push(hash(key));
      keyIndex.set(key, id);
    }
    return id;
  };
  let datas: unknown[] = new Array<unknown>(cap);

  const table: EventTable = {
    first: 0,
    next: 0,
    internKey,
    add(type, source, t, parent, root, depth, keyId, data) {
      // Read before the ring may grow: the parent is alive (it is being processed) but its slot can move.
      const origin = parent >= 0 && table.has(parent) ? f[(parent % cap) * F + ORIGIN]! : t;
      if (table.next - table.first === cap) {
        if (canEvict(table.first) && w[(table.first % cap) * W + REFS] === 0) {
          datas[table.first % cap] = undefined;
          table.first++;
        } else grow();
      }
      const i = table.next++;
      const s = i % cap;
      const r = s * F;
      f[r + TIME] = t;
      f[r + ORIGIN] = origin;
      f[r + FIRST_HOP] = 0;
      f[r + LAST_HOP] = 0;
      const q = s * W;
      w[q + KEY] = keyId;
      w[q + REFS] = 0;
      w[q + ROOT] = root < 0 ? i : root;
      w[q + PARENT] = parent;
      w[q + TYPE_SOURCE] = (type & 0xffff) | (source << 16);
      w[q + DEPTH] = depth & 0xff;
      w[q + FIRST_CHILD] = -1;
      w[q + LAST_CHILD] = -1;
      w[q + SIBLING] = -1;
      datas[s] = data;
      if (parent >= 0 && table.has(parent)) {
        const p = (parent % cap) * W;
        if (w[p + FIRST_CHILD]! < 0) w[p + FIRST_CHILD] = i;
        else w[(w[p + LAST_CHILD]! % cap) * W + SIBLING] = i;
        w[p + LAST_CHILD] = i;
      }
      return i;
    },
    has: (i) => i >= table.first && i < table.next,
    type: (i) => w[(i % cap) * W + TYPE_SOURCE]! & 0xffff,
    source: (i) => w[(i % cap) * W + TYPE_SOURCE]! >>> 16,
    time: (i) => f[(i % cap) * F + TIME]!,
    origin: (i) => f[(i % cap) * F + ORIGIN]!,
    parent: (i) => w[(i % cap) * W + PARENT]!,
    root: (i) => w[(i % cap) * W + ROOT]!,
    depth: (i) => w[(i % cap) * W + DEPTH]!,
    key(i) {
      const id = w[(i % cap) * W + KEY]!;
      return id < 0 ? undefined : keyNames[id];
    },
    keyId: (i) => w[(i % cap) * W + KEY]!,
    keyHash(i) {
      const id = w[(i % cap) * W + KEY]!;
      return id < 0 ? 0 : keyHashes[id]!;
    },
    data: (i) => datas[i % cap],
    firstHop: (i) => f[(i % cap) * F + FIRST_HOP]!,
    lastHop: (i) => f[(i % cap) * F + LAST_HOP]!,
    link(i, seq) {
      const r = (i % cap) * F;
      const prev = f[r + LAST_HOP]!;
      if (prev === 0) f[r + FIRST_HOP] = seq;
      f[r + LAST_HOP] = seq;
      return prev;
    },
    firstChild: (i) => w[(i % cap) * W + FIRST_CHILD]!,
    nextSibling: (i) => w[(i % cap) * W + SIBLING]!,
    ref(i, d) {
      w[(i % cap) * W + REFS]! += d;
    },
    refs: (i) => w[(i % cap) * W + REFS]!,
    bytesPerSlot: () => F * 8 + W * 4 + 8,
    release() {
      for (let q = REFS; q < w.length; q += W) w[q] = 0;
      while (table.first < table.next && canEvict(table.first)) {
        datas[table.first % cap] = undefined;
        table.first++;
      }
      let nc = 16;
      while (nc < table.next - table.first) nc *= 2;
      if (nc < cap) resize(nc);
    },
  };

  const grow = () => resize(cap * 2);

  // Resizing re-lays the ring out in index order, because slot = index % cap changes with cap.
  function resize(nc: number) {
    const nf = new Float64Array(nc * F);
    const nw = new Int32Array(nc * W);
    const d = new Array<unknown>(nc);
    for (let i = table.first; i < table.next; i++) {
      const from = i % cap;
      const to = i % nc;
      nf.set(f.subarray(from * F, from * F + F), to * F);
      nw.set(w.subarray(from * W, from * W + W), to * W);
      d[to] = datas[from];
    }
    f = nf;
    w = nw;
    datas = d;
    cap = nc;
  }
  return table;
}
