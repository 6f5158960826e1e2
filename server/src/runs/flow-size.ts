/**
 * Whether `value` serialises to at most `limit` characters of JSON, found without serialising it: the walk
 * stops as soon as the bound is passed, so an oversized flow costs the main thread no more than the bound.
 */
export function jsonFitsWithin(value: unknown, limit: number): boolean {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'boolean') size += String(v).length;
    else if (Array.isArray(v)) {
      size += v.length + 2;
      if (size > limit) return false;
      for (const item of v) stack.push(item);
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      size += entries.length + 2;
      for (const [key, item] of entries) {
        size += key.length + 3;
        stack.push(item);
      }
    } else size += 4;
    if (size > limit) return false;
  }
  return true;
}
