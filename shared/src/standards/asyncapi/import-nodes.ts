import type { ImportedOperation } from './import-schema.js';

// How an imported document's nodes are named, grouped and placed on the canvas.

/** A plain object (not null, not an array): what a JSON document's maps are. */
export const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A node id from any key: the id alphabet, at most 64 characters, distinct from those taken. */
export function idFrom(key: string, taken: Set<string>): string {
  const base = key.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 60) || 'node';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
}

const COLUMN = 280;
const ROW = 160;

/** The consumer group a receive names: Kafka `groupId` (a schema: its `const` or only `enum` value) or NATS `queue`. */
export function groupOf(op: ImportedOperation): string | undefined {
  const kafka = isObject(op.bindings?.kafka) ? op.bindings.kafka : {};
  const g = isObject(kafka.groupId) ? kafka.groupId : {};
  const fromKafka =
    typeof g.const === 'string'
      ? g.const
      : Array.isArray(g.enum) && typeof g.enum[0] === 'string'
        ? g.enum[0]
        : undefined;
  const nats = isObject(op.bindings?.nats) ? op.bindings.nats : {};
  const found = fromKafka ?? (typeof nats.queue === 'string' ? nats.queue : undefined);
  return found && found.length <= 64 ? found : undefined;
}

/** Columns by longest path from a source (cycles cut after a few rounds), rows in document order. */
export function layOut(nodes: Record<string, unknown>[], edges: Record<string, unknown>[]): void {
  const depth = new Map<string, number>(nodes.map((n) => [String(n.id), 0]));
  for (let round = 0; round < nodes.length && round < 32; round++) {
    let changed = false;
    for (const e of edges) {
      const d = (depth.get(String(e.source)) ?? 0) + 1;
      if (d > (depth.get(String(e.target)) ?? 0) && d <= 32) {
        depth.set(String(e.target), d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  for (const n of nodes) {
    const col = depth.get(String(n.id)) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    n.position = { x: col * COLUMN, y: row * ROW };
  }
}
