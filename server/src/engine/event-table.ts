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

export function createEventTable(
  capacity: number,
  canEvict: (index: number) => boolean,
  hash: (key: string) => number,
): EventTable {
  let cap = Math.max(16, capacity);
  let types = new Uint16Array(cap);
  let sources = new Uint16Array(cap);
  let times = new Float64Array(cap);
  let origins = new Float64Array(cap);
  let parents = new Int32Array(cap);
  let roots = new Int32Array(cap);
  let depths = new Uint8Array(cap);
  let firstHops = new Float64Array(cap);
  let lastHops = new Float64Array(cap);
  let firstChildren = new Int32Array(cap);
  let lastChildren = new Int32Array(cap);
  let siblings = new Int32Array(cap);
  let refCounts = new Int32Array(cap);
  let keyIds = new Int32Array(cap);
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
      const origin = parent >= 0 && table.has(parent) ? origins[parent % cap]! : t;
      if (table.next - table.first === cap) {
        if (canEvict(table.first) && refCounts[table.first % cap] === 0) {
          const s = table.first % cap;
          datas[s] = undefined;
          table.first++;
        } else grow();
      }
      const i = table.next++;
      const s = i % cap;
      types[s] = type;
      sources[s] = source;
      times[s] = t;
      origins[s] = origin;
      parents[s] = parent;
      roots[s] = root < 0 ? i : root;
      depths[s] = depth;
      keyIds[s] = keyId;
      datas[s] = data;
      firstHops[s] = 0;
      lastHops[s] = 0;
      firstChildren[s] = -1;
      lastChildren[s] = -1;
      siblings[s] = -1;
      refCounts[s] = 0;
      if (parent >= 0 && table.has(parent)) {
        const p = parent % cap;
        if (firstChildren[p]! < 0) firstChildren[p] = i;
        else siblings[lastChildren[p]! % cap] = i;
        lastChildren[p] = i;
      }
      return i;
    },
    has: (i) => i >= table.first && i < table.next,
    type: (i) => types[i % cap]!,
    source: (i) => sources[i % cap]!,
    time: (i) => times[i % cap]!,
    origin: (i) => origins[i % cap]!,
    parent: (i) => parents[i % cap]!,
    root: (i) => roots[i % cap]!,
    depth: (i) => depths[i % cap]!,
    key(i) {
      const id = keyIds[i % cap]!;
      return id < 0 ? undefined : keyNames[id];
    },
    keyId: (i) => keyIds[i % cap]!,
    keyHash(i) {
      const id = keyIds[i % cap]!;
      return id < 0 ? 0 : keyHashes[id]!;
    },
    data: (i) => datas[i % cap],
    firstHop: (i) => firstHops[i % cap]!,
    lastHop: (i) => lastHops[i % cap]!,
    link(i, seq) {
      const slot = i % cap;
      const prev = lastHops[slot]!;
      if (prev === 0) firstHops[slot] = seq;
      lastHops[slot] = seq;
      return prev;
    },
    firstChild: (i) => firstChildren[i % cap]!,
    nextSibling: (i) => siblings[i % cap]!,
    ref(i, d) {
      refCounts[i % cap]! += d;
    },
    refs: (i) => refCounts[i % cap]!,
    bytesPerSlot: () => 2 + 2 + 8 + 8 + 4 + 4 + 1 + 8 + 8 + 4 + 4 + 4 + 4 + 4 + 8,
    release() {
      refCounts.fill(0);
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
    const move = <A extends { set(a: ArrayLike<number>, o?: number): void }>(
      old: ArrayLike<number>,
      make: (n: number) => A,
    ): A => {
      const a = make(nc);
      for (let i = table.first; i < table.next; i++) (a as unknown as number[])[i % nc] = old[i % cap]!;
      return a;
    };
    types = move(types, (n) => new Uint16Array(n));
    sources = move(sources, (n) => new Uint16Array(n));
    times = move(times, (n) => new Float64Array(n));
    origins = move(origins, (n) => new Float64Array(n));
    parents = move(parents, (n) => new Int32Array(n));
    roots = move(roots, (n) => new Int32Array(n));
    depths = move(depths, (n) => new Uint8Array(n));
    firstHops = move(firstHops, (n) => new Float64Array(n));
    lastHops = move(lastHops, (n) => new Float64Array(n));
    firstChildren = move(firstChildren, (n) => new Int32Array(n));
    lastChildren = move(lastChildren, (n) => new Int32Array(n));
    siblings = move(siblings, (n) => new Int32Array(n));
    refCounts = move(refCounts, (n) => new Int32Array(n));
    keyIds = move(keyIds, (n) => new Int32Array(n));
    const d = new Array<unknown>(nc);
    for (let i = table.first; i < table.next; i++) d[i % nc] = datas[i % cap];
    datas = d;
    cap = nc;
  }
  return table;
}
