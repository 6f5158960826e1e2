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
  // Sifting moves a "hole" instead of swapping, so each level costs one write per column, not two.
  const place = (i: number, t: number, o: number, k: number, a: number, g: number) => {
    time[i] = t;
    order[i] = o;
    kinds[i] = k;
    args[i] = a;
    gens[i] = g;
  };
  const move = (to: number, from: number) =>
    place(to, time[from]!, order[from]!, kinds[from]!, args[from]!, gens[from]!);

  return {
    get size() {
      return size;
    },
    push(at, kind, arg, gen) {
      if (size === cap) grow();
      const o = seq++;
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const pt = time[parent]!;
        if (pt < at || (pt === at && order[parent]! < o)) break;
        move(i, parent);
        i = parent;
      }
      place(i, at, o, kind, arg, gen);
    },
    peekTime: () => time[0]!,
    pop(out) {
      out.at = time[0]!;
      out.kind = kinds[0]!;
      out.arg = args[0]!;
      out.gen = gens[0]!;
      size--;
      if (size === 0) return;
      const t = time[size]!,
        o = order[size]!,
        k = kinds[size]!,
        a = args[size]!,
        g = gens[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        const r = c + 1;
        if (r < size && (time[r]! < time[c]! || (time[r] === time[c] && order[r]! < order[c]!))) c = r;
        const ct = time[c]!;
        if (t < ct || (t === ct && o < order[c]!)) break;
        move(i, c);
        i = c;
      }
      place(i, t, o, k, a, g);
    },
  };
}
