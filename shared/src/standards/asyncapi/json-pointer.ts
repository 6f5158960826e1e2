/** Follows a local JSON Reference (`#/a/b~1c`) inside `doc`, through up to 8 chained `$ref`s; undefined if absent. */
export function resolveRef(doc: unknown, ref: string): unknown {
  let at: unknown = doc;
  let pointer: string | undefined = ref;
  for (let hops = 0; pointer !== undefined && hops < 8; hops++) {
    if (!pointer.startsWith('#/') && pointer !== '#') return undefined;
    at = doc;
    for (const raw of pointer.slice(2).split('/').filter(Boolean)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
      at = (at as Record<string, unknown>)[key];
    }
    const next: unknown = typeof at === 'object' && at !== null ? (at as { $ref?: unknown }).$ref : undefined;
    pointer = typeof next === 'string' ? next : undefined;
  }
  return pointer === undefined ? at : undefined;
}

/** `#/channels/orders` → `orders`; undefined for a reference that is not into `prefix`. */
export function refKey(ref: string, prefix: string): string | undefined {
  if (!ref.startsWith(`#/${prefix}/`)) return undefined;
  const rest = ref.slice(prefix.length + 3);
  return rest.includes('/') ? undefined : rest.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A key as one JSON Pointer segment: `~` and `/` escaped (RFC 6901). */
export const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
