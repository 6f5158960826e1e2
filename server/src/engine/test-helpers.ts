import { parseFlow, type FlowDoc, type Hop, type HopType, type NodeKind } from '@eventflow/shared';
import { createEngine } from './engine.js';
import type { Engine } from './api.js';

/** A node as tests write it: kind, id and a partial config (parseFlow fills the defaults). */
export interface TestNode {
  id: string;
  kind: NodeKind;
  config?: Record<string, unknown>;
}

/** An edge as tests write it; the id defaults to `source.target`. */
export interface TestEdge {
  source: string;
  target: string;
  id?: string;
  role?: 'normal' | 'dead-letter' | 'call' | 'query';
  /** A call edge's config (latencyMs, timeoutMs, failureRate). */
  call?: Record<string, unknown>;
  /** A query edge's config (key). */
  query?: Record<string, unknown>;
  /** A router's rule id or `default`. */
  sourceHandle?: string;
}

/** Builds a flow through `parseFlow` (so defaults and validation are the real ones); throws on any error. */
export function flow(spec: { nodes: TestNode[]; edges: TestEdge[]; name?: string }): FlowDoc {
  const raw = {
    format: 'eventflow.flow',
    version: 1,
    name: spec.name ?? 'test',
    nodes: spec.nodes.map((n) => ({ id: n.id, kind: n.kind, config: n.config ?? {} })),
    edges: spec.edges.map((e) => ({
      id: e.id ?? `${e.source}.${e.target}`,
      source: e.source,
      target: e.target,
      ...(e.role ? { role: e.role } : {}),
      ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}),
      ...(e.call ? { call: e.call } : {}),
      ...(e.query ? { query: e.query } : {}),
    })),
  };
  const r = parseFlow(raw);
  if (!r.ok)
    throw new Error(`test flow is invalid:\n${r.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return r.flow;
}

export const producer = (id: string, config: Record<string, unknown> = {}): TestNode => ({
  id,
  kind: 'producer',
  config: { eventType: 'Test', ...config },
});
export const topic = (id: string, config: Record<string, unknown> = {}): TestNode => ({
  id,
  kind: 'topic',
  config,
});
export const filter = (id: string, expression: string): TestNode => ({
  id,
  kind: 'filter',
  config: { expression },
});
export const consumer = (id: string, config: Record<string, unknown> = {}): TestNode => ({
  id,
  kind: 'consumer',
  config,
});

export const router = (id: string, config: Record<string, unknown> = {}): TestNode => ({
  id,
  kind: 'router',
  config,
});
export const webhook = (id: string, config: Record<string, unknown> = {}): TestNode => ({
  id,
  kind: 'webhook',
  config,
});
/** A routing rule: a string with a dot or wildcard is a pattern, anything else a CEL condition. */
export const rule = (id: string, match: string) =>
  /^[A-Za-z0-9_*#.-]+$/.test(match) && !/^(true|false)$/.test(match)
    ? { id, label: id, match: 'pattern', pattern: match }
    : { id, label: id, match: 'cel', condition: match };

/** Edges along a chain of node ids: `chain('p', 't', 'c')` is p→t and t→c. */
export function chain(...ids: string[]): TestEdge[] {
  return ids.slice(1).map((target, i) => ({ source: ids[i]!, target }));
}

/** The usual smallest flow: producer `p` → topic `t` → consumer `c`. */
export function simpleFlow(
  p: Record<string, unknown> = {},
  c: Record<string, unknown> = {},
  t: Record<string, unknown> = {},
): FlowDoc {
  return flow({ nodes: [producer('p', p), topic('t', t), consumer('c', c)], edges: chain('p', 't', 'c') });
}

/** Creates an engine and runs it to idle (or the given limits). */
export function runFlow(
  doc: FlowDoc,
  seed = 1,
  limits?: Parameters<Engine['run']>[0],
  options: { storeCapacity?: number; maxChainDepth?: number } = {},
) {
  // A smaller store than the engine's default keeps each test's allocation cheap.
  const engine = createEngine({ flow: doc, seed, storeCapacity: 100_000, ...options });
  const stop = engine.run(limits);
  return { engine, stop, hops: allHops(engine) };
}

export const allHops = (engine: Engine): Hop[] => engine.trace.read(1, engine.trace.lastSeq());

/** Hop types of one event, in seq order (optionally only those at one node). */
export function typesOf(hops: Hop[], eventId: string, node?: string): HopType[] {
  return hops
    .filter((h) => h.event === eventId && (node === undefined || h.node === node))
    .map((h) => h.type);
}

/** Hops of one type, for compact assertions on a field. */
export const ofType = (hops: Hop[], type: HopType) => hops.filter((h) => h.type === type);

/** `[type, node, t]` triples: short, readable exact sequences. */
export const brief = (hops: Hop[]) => hops.map((h) => [h.type, h.node, h.t] as const);
