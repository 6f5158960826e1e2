/**
 * Binary min-heap of tasks ordered by (time, sequence). Tasks are plain numbers in typed arrays (a kind and
 * one argument) rather than closures, so scheduling allocates nothing on the hot path. The heap holds slot
 * numbers and a task's fields stay in their slot, so sifting moves one number a level instead of five
 * (decision 0039). The sequence makes the order total, so the pop order is the same whatever the layout.
 */
export interface Scheduler {
  readonly size: number;
  push(at: number, kind: number, arg: number, gen: number): void;
  /** Time of the earliest task; only valid when size > 0. */
  peekTime(): number;
  /** Removes the earliest task into `out` (time, kind, arg, gen). */
  pop(out: Task): void;
}

export interface Task {
  at: number;
  kind: number;
  arg: number;
  gen: number;
}

export function createScheduler(initial = 1024): Scheduler {
  let cap = Math.max(1, initial);
  let time = new Float64Array(cap);
  let order = new Float64Array(cap);
  let kinds = new Uint8Array(cap);
  let args = new Int32Array(cap);
  let gens = new Int32Array(cap);
  /** Slots in heap order. */
  let heap = new Int32Array(cap);
  /** Slots freed by pops, reused before fresh ones. */
  let free = new Int32Array(cap);
  let freeCount = 0;
  /** Slots handed out so far (fresh slots are `used`, `used + 1`, …). */
  let used = 0;
  let size = 0;
  let seq = 0;

  const grown = <A extends Float64Array | Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
    const b = make(cap * 2);
    b.set(a);
    return b;
  };
  const grow = () => {
    time = grown(time, (n) => new Float64Array(n));
    order = grown(order, (n) => new Float64Array(n));
    kinds = grown(kinds, (n) => new Uint8Array(n));
    args = grown(args, (n) => new Int32Array(n));
    gens = grown(gens, (n) => new Int32Array(n));
    heap = grown(heap, (n) => new Int32Array(n));
    free = grown(free, (n) => new Int32Array(n));
    cap *= 2;
  };

  return {
    get size() {
      return size;
    },
    push(at, kind, arg, gen) {
      if (size === cap) grow();
      const slot = freeCount > 0 ? free[--freeCount]! : used++;
      const o = seq++;
      time[slot] = at;
      order[slot] = o;
      kinds[slot] = kind;
      args[slot] = arg;
      gens[slot] = gen;
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const p = heap[parent]!;
        const pt = time[p]!;
        if (pt < at || (pt === at && order[p]! < o)) break;
        heap[i] = p;
        i = parent;
      }
      heap[i] = slot;
    },
    peekTime: () => time[heap[0]!]!,
    pop(out) {
      const top = heap[0]!;
      out.at = time[top]!;
      out.kind = kinds[top]!;
      out.arg = args[top]!;
      out.gen = gens[top]!;
      free[freeCount++] = top;
      size--;
      if (size === 0) return;
      const last = heap[size]!;
      const t = time[last]!;
      const o = order[last]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        let cs = heap[c]!;
        let ct = time[cs]!;
        const r = c + 1;
        if (r < size) {
          const rs = heap[r]!;
          const rt = time[rs]!;
          if (rt < ct || (rt === ct && order[rs]! < order[cs]!)) {
            c = r;
            cs = rs;
            ct = rt;
          }
        }
        if (t < ct || (t === ct && o < order[cs]!)) break;
        heap[i] = cs;
        i = c;
      }
      heap[i] = last;
    },
  };
}
