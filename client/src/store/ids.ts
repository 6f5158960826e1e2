/** The first of `base`, `base-2`, `base-3`… not in `taken`. Ids stay readable and deterministic. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i += 1) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The lowest `n ≥ 1` such that `${prefix}-${n}` is free. */
export function nextNumbered(prefix: string, taken: ReadonlySet<string>): number {
  for (let n = 1; ; n += 1) if (!taken.has(`${prefix}-${n}`)) return n;
}

/** Edge ids must match the node-id pattern and stay ≤ 64 characters. */
export function edgeIdFor(source: string, target: string, taken: ReadonlySet<string>): string {
  const base = `${source}-${target}`;
  return uniqueId(base.length <= 56 ? base : 'edge', taken);
}
