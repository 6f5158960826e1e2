import { compileCel, createSeededRand, type CelContext } from '../cel/index.js';
import type { CelShape } from '../cel/shape.js';
import { dataShapeFor, DEFAULT_PAYLOAD, inferArrivingData } from './data-flow.js';
import { readLoose, type LooseEdge, type LooseNode } from './loose-flow.js';

/** One sample event as a producer upstream would build it, for the editor's preview. */
export interface SampleEvent {
  /** The producer that built it, and its `seq` (1-based). */
  producer: string;
  seq: number;
  event: Record<string, unknown>;
}

/** Samples per producer (seq 1..3), and at most this many in all, so the preview stays short. */
export const SAMPLES_PER_PRODUCER = 3;
const MAX_SAMPLES = 6;
const MAX_DEPTH = 8;

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.length > 0 ? x : undefined);

export function producerSamples(p: LooseNode): SampleEvent[] {
  const payload = compileCel(str(p.config.payload) ?? DEFAULT_PAYLOAD, 'payload');
  const keyExpr = str(p.config.key);
  const key = keyExpr ? compileCel(keyExpr, 'key') : undefined;
  const out: SampleEvent[] = [];
  for (let seq = 1; seq <= SAMPLES_PER_PRODUCER; seq++) {
    if (!payload.ok) break;
    try {
      const rand = createSeededRand(seq);
      const data = payload.expr.evaluate({ seq, now: 0, rand });
      const k = key?.ok ? key.expr.evaluate({ seq, now: 0, rand, data }) : null;
      out.push({ producer: p.id, seq, event: envelope(p, seq, data, k) });
    } catch {
      // A payload that fails on this seq has no sample to give; the editor of that payload shows why.
    }
  }
  return out;
}

function envelope(p: LooseNode, seq: number, data: unknown, key: unknown): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: `${p.id}-${seq}`,
    source: p.id,
    type: str(p.config.eventType) ?? 'Event',
    time: '1970-01-01T00:00:00.000Z',
    datacontenttype: 'application/json',
    ...(typeof key === 'string' ? { partitionkey: key } : {}),
    data,
  };
}

/**
 * Sample events that reach `nodeId` (or, for a producer's own key, that it builds): payload expressions of
 * the producers upstream run with seq 1..3 on a seeded rand, carried through topics and filters and
 * re-shaped by consumers' emits, as the engine would. Empty when no producer is upstream.
 */
export function upstreamSamples(
  nodes: readonly LooseNode[],
  edges: readonly LooseEdge[],
  nodeId: string,
  context: CelContext,
): SampleEvent[] {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const self = byId.get(nodeId);
  if (!self || context === 'payload') return [];
  if (self.kind === 'producer') return producerSamples(self);
  const arriving = (id: string, depth: number, seen: ReadonlySet<string>): SampleEvent[] => {
    if (depth > MAX_DEPTH) return [];
    const out: SampleEvent[] = [];
    for (const e of edges) {
      if (e.target !== id || seen.has(e.source)) continue;
      const from = byId.get(e.source);
      if (!from) continue;
      if (from.kind === 'producer') out.push(...producerSamples(from));
      else {
        const got = arriving(from.id, depth + 1, new Set([...seen, from.id]));
        out.push(
          ...(from.kind === 'consumer' && e.role !== 'dead-letter' && e.role !== 'call'
            ? emitted(from, got)
            : got),
        );
      }
      if (out.length >= MAX_SAMPLES) break;
    }
    return out.slice(0, MAX_SAMPLES);
  };
  return arriving(nodeId, 0, new Set([nodeId]));
}

function emitted(consumer: LooseNode, got: SampleEvent[]): SampleEvent[] {
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? (x as unknown[]) : []);
  const emits = [...list(consumer.config.emits), ...list(consumer.config.emitsOnGiveUp)];
  const out: SampleEvent[] = [];
  for (const e of emits) {
    const emit = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
    const payload = str(emit.payload);
    const compiled = payload ? compileCel(payload, 'emit') : undefined;
    for (const s of got) {
      try {
        const data = compiled?.ok
          ? compiled.expr.evaluate({
              event: s.event,
              data: s.event.data,
              key: null,
              rand: createSeededRand(s.seq),
            })
          : s.event.data;
        if (compiled && !compiled.ok) continue;
        out.push({
          ...s,
          event: { ...s.event, type: str(emit.eventType) ?? s.event.type, source: consumer.id, data },
        });
      } catch {
        // As above: an emit that fails on this sample gives none.
      }
    }
  }
  return out;
}

/** What the CEL editor of one field knows: the shape of `data` there, and sample events to preview on. */
export interface CelScope {
  data?: CelShape;
  samples: SampleEvent[];
}

/**
 * The scope of the expression in `context` on node `nodeId` of a flow as drawn (it need not be valid yet):
 * the data shape its upstream producers give (see `inferArrivingData`) and their sample events.
 */
export function celScopeAt(
  flow: { nodes: unknown; edges: unknown },
  nodeId: string,
  context: CelContext,
): CelScope {
  const { nodes, edges } = readLoose(flow as Record<string, unknown>);
  const node = nodes.find((n) => n.id === nodeId);
  if (!node) return { samples: [] };
  const data = dataShapeFor(node, context, inferArrivingData(nodes, edges));
  return { ...(data ? { data } : {}), samples: upstreamSamples(nodes, edges, nodeId, context) };
}
