import type { ConfigOf, FlowDoc, NodeKind } from './schema.js';

/**
 * FNV-1a over UTF-16 code units, two independent 32-bit lanes (different offset bases) concatenated: 64
 * bits of content hash, with no dependency on `node:crypto` or WebCrypto so both sides compute it
 * synchronously. Not a security measure: it tells runs of different documents apart.
 */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** JSON with object keys sorted, so two documents that differ only in key order hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Content hash of everything that affects a run (nodes, their kinds and configs, edges, seed), ignoring
 * positions, labels, name and description. The server tags each run with it; the client compares it with
 * the document on screen.
 */
export function flowRevision(doc: FlowDoc): string {
  return hash64(
    canonical({
      seed: doc.seed,
      nodes: doc.nodes.map((n) => ({ id: n.id, kind: n.kind, config: n.config })),
      edges: doc.edges,
    }),
  );
}

/**
 * Fields a running engine cannot change in place (`node:update` refuses them): editing one of these is a
 * change of topology, like adding or removing a node or edge. A topic's scheduled `outages` are tasks the
 * run scheduled at its start; a topic can still be taken down by hand in a run (`run:topic-outage`).
 */
export const KIND_DEFINING_FIELDS: { readonly [K in NodeKind]: readonly (keyof ConfigOf<K> & string)[] } = {
  producer: [],
  topic: ['partitions', 'outages'],
  filter: [],
  // Rule ids are the handles edges leave from, so the rules are the router's wiring.
  router: ['rules'],
  consumer: ['group'],
  webhook: [],
  'event-store': [],
  // `snapshotEvery` is read by a rebuild, and rows survive a changed reducer: all of it applies live.
  projection: [],
};

/**
 * Hash of a flow's topology: node ids and kinds, edges (with their roles) and the kind-defining config
 * fields. Two documents with the same topology key can share a run, with live `node:update`s in between;
 * a different key means the run on screen is no longer the run of this drawing.
 */
export function topologyKey(doc: FlowDoc): string {
  return hash64(
    canonical({
      nodes: doc.nodes.map((n) => {
        const fields: readonly string[] = KIND_DEFINING_FIELDS[n.kind];
        const config = n.config as Record<string, unknown>;
        return { id: n.id, kind: n.kind, defining: fields.map((f) => config[f]) };
      }),
      edges: doc.edges,
    }),
  );
}
