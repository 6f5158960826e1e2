import { environmentFor, type CelContext } from '../cel/env.js';
import { DYN, joinShapes, jsonShape, type CelShape } from '../cel/shape.js';
import { typeCheck } from '../cel/typed-check.js';
import type { LooseEdge, LooseNode } from './loose-flow.js';

/** What a producer publishes when it has no payload expression (the engine's default). */
export const DEFAULT_PAYLOAD = '{"seq": seq}';

/** The shape a payload or emit expression builds, as JSON (numbers are doubles); `dyn` when unknown. */
export function shapeOfExpression(source: string, context: CelContext, data?: CelShape): CelShape {
  try {
    const parsed = environmentFor(context).parse(source);
    return jsonShape(typeCheck(parsed.ast, source, context, data ? { data } : {}).shape);
  } catch {
    return DYN;
  }
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.length > 0 ? x : undefined);

/** Payloads of a consumer's emits and of its compensation emits: both leave along its ordinary edges. */
function emitsOf(node: LooseNode): (string | undefined)[] {
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? (x as unknown[]) : []);
  const emits = [...list(node.config.emits), ...list(node.config.emitsOnGiveUp)];
  return emits.map((e: unknown) =>
    typeof e === 'object' && e !== null ? str((e as { payload?: unknown }).payload) : undefined,
  );
}

// A loop (consumer → topic → consumer) converges in a few rounds; one that keeps growing becomes `dyn`.
const MAX_ROUNDS = 8;

/**
 * The shape of `data` arriving at each node, from the producers upstream of it: their payload expressions
 * (or the default `{"seq": seq}`), carried through topics and filters, re-shaped by consumers' emits,
 * and passed on unchanged along dead-letter edges. A node nothing reaches is absent from the map.
 */
export function inferArrivingData(
  nodes: readonly LooseNode[],
  edges: readonly LooseEdge[],
): Map<string, CelShape> {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const produced = new Map<string, CelShape>();
  for (const n of nodes)
    if (n.kind === 'producer')
      produced.set(n.id, shapeOfExpression(str(n.config.payload) ?? DEFAULT_PAYLOAD, 'payload'));
  const arriving = new Map<string, CelShape>();

  // What a node sends along an edge, given what reached it.
  const sent = (from: LooseNode, role: LooseEdge['role']): CelShape | undefined => {
    if (from.kind === 'producer') return produced.get(from.id);
    const got = arriving.get(from.id);
    if (from.kind !== 'consumer' || role !== 'normal') return got;
    if (!got) return undefined;
    const shapes = emitsOf(from).map((p) => (p ? shapeOfExpression(p, 'emit', got) : got));
    const [first, ...rest] = shapes;
    return first && rest.reduce((a, b) => joinShapes(a, b), first);
  };

  for (let round = 0; round <= MAX_ROUNDS; round++) {
    let changed = false;
    for (const e of edges) {
      const from = byId.get(e.source);
      if (!from || !byId.has(e.target)) continue;
      const shape = sent(from, e.role);
      if (!shape) continue;
      const before = arriving.get(e.target);
      const next = before ? joinShapes(before, shape) : shape;
      if (!before || JSON.stringify(before) !== JSON.stringify(next)) {
        arriving.set(e.target, round === MAX_ROUNDS ? DYN : next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return arriving;
}

/**
 * The shape of `data` an expression of `node` sees: a producer's key sees its own payload, filters and
 * emits what arrives. Undefined when no producer is upstream: then nothing is known and nothing is flagged.
 */
export function dataShapeFor(
  node: LooseNode,
  context: CelContext,
  arriving: ReadonlyMap<string, CelShape>,
): CelShape | undefined {
  if (context === 'payload') return undefined;
  if (node.kind === 'producer')
    return shapeOfExpression(str(node.config.payload) ?? DEFAULT_PAYLOAD, 'payload');
  return arriving.get(node.id);
}
