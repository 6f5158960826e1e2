/**
 * Binary min-heap of tasks ordered by (time, sequence). Tasks are plain numbers in typed arrays (a kind and
 * one argument) rather than closures, so scheduling allocates nothing on the hot path.
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
  let cap = initial;
  let time = new Float64Array(cap);
  let order = new Float64Array(cap);
  let kinds = new Uint8Array(cap);
  let args = new Int32Array(cap);
  let gens = new Int32Array(cap);
  let size = 0;
  let seq = 0;

  const grow = () => {
    cap *= 2;
    const t = new Float64Array(cap);
    t.set(time);
    time = t;
    const o = new Float64Array(cap);
    o.set(order);
    order = o;
    const k = new Uint8Array(cap);
    k.set(kinds);
    kinds = k;
    const a = new Int32Array(cap);
    a.set(args);
    args = a;
    const g = new Int32Array(cap);
    g.set(gens);
    gens = g;
  };
  const less = (i: number, j: number) =>
    time[i]! < time[j]! || (time[i] === time[j] && order[i]! < order[j]!);
  const swap = (i: number, j: number) => {
    const t = time[i]!, o = order[i]!, k = kinds[i]!, a = args[i]!, g = gens[i]!;
    time[i] = time[j]!; order[i] = order[j]!; kinds[i] = kinds[j]!; args[i] = args[j]!; gens[i] = gens[j]!;
    time[j] = t; order[j] = o; kinds[j] = k; args[j] = a; gens[j] = g;
  };

  return {
    get size() {
      return size;
    },
    push(at, kind, arg, gen) {
      if (size === cap) grow();
      let i = size++;
      time[i] = at;
      order[i] = seq++;
      kinds[i] = kind;
      args[i] = arg;
      gens[i] = gen;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    },
    peekTime: () => time[0]!,
    pop(out) {
      out.at = time[0]!;
      out.kind = kinds[0]!;
      out.arg = args[0]!;
      out.gen = gens[0]!;
      size--;
      if (size === 0) return;
      swap(0, size);
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && less(l, m)) m = l;
        if (r < size && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    },
  };
}
