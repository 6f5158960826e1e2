import type { ConnectionRules } from '../kinds/kind.js';
import { sharedKinds } from '../kinds/registry.js';
import type { FlowDoc, FlowEdge, FlowNode, NodeKind } from './schema.js';

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/**
 * The flow rules for one edge, by kind alone. Shared by the validator and the canvas, so the canvas refuses
 * exactly what the server would reject. The rules are each kind's `connects` (`kinds/<kind>/index.ts`). Path
 * rules (a filter between a producer and a consumer) are checked over the whole graph by `validateFlow`.
 */
export function canConnect(
  source: NodeKind,
  target: NodeKind,
  role: FlowEdge['role'] = 'normal',
): ConnectionCheck {
  const from: ConnectionRules = sharedKinds[source].connects;
  const into: ConnectionRules = sharedKinds[target].connects;
  if (role === 'dead-letter') {
    return from.deadLetterTo?.includes(target)
      ? { ok: true }
      : { ok: false, reason: 'a dead-letter edge must go from a consumer or a webhook to a topic' };
  }
  if (role === 'call') {
    return from.callTo?.includes(target)
      ? { ok: true }
      : { ok: false, reason: 'a service call must go from a consumer to the consumer it calls' };
  }
  if (role === 'query') {
    return from.queryTo?.includes(target)
      ? { ok: true }
      : { ok: false, reason: 'a query edge must go from a projection to the consumer that reads it' };
  }
  if (from.to.includes(target)) return { ok: true };
  const reason: string | undefined = from.whyNot?.[target] ?? into.into;
  return { ok: false, reason: reason ?? `a ${source} cannot connect to a ${target}` };
}

/** One way an event travels from a topic to a consumer, through zero or more filters. */
export interface SubscriptionPath {
  consumer: string;
  /** Filter node ids in order. */
  filters: string[];
  /** Edge ids in order: topic → … → consumer (filters.length + 1 edges). */
  edges: string[];
}

/** A consumer group's subscription to a topic: every event of the topic gets exactly one outcome per subscription. */
export interface Subscription {
  topic: string;
  group: string;
  /** Member consumer nodes (sorted by id), each with its paths (sorted by edge ids). */
  members: { consumer: string; paths: SubscriptionPath[] }[];
}

export interface Topology {
  nodes: Map<string, FlowNode>;
  out: Map<string, FlowEdge[]>;
  /** By topic id, sorted by group. */
  subscriptions: Map<string, Subscription[]>;
  /** Consumer id → its dead-letter topic. */
  deadLetter: Map<string, { topic: string; edge: string }>;
  /** Caller id → its service-call edges, sorted by id (the order it makes the calls in). */
  calls: Map<string, FlowEdge[]>;
  /** Consumer id → its query edge (a projection it reads a row of, decision 0029). */
  queries: Map<string, FlowEdge>;
  groupOf: (consumerId: string) => string;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Derives routes from a flow that has passed validation. Iteration orders are sorted by id so that the
 * engine's behaviour never depends on the order nodes were drawn in.
 */
export function compileTopology(flow: FlowDoc): Topology {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n] as const));
  const out = new Map<string, FlowEdge[]>();
  const deadLetter = new Map<string, { topic: string; edge: string }>();
  const calls = new Map<string, FlowEdge[]>();
  const queries = new Map<string, FlowEdge>();
  for (const edge of [...flow.edges].sort(byId)) {
    if (edge.role === 'query') {
      if (!queries.has(edge.target)) queries.set(edge.target, edge);
      continue;
    }
    if (edge.role === 'call') {
      calls.set(edge.source, [...(calls.get(edge.source) ?? []), edge]);
      continue;
    }
    if (edge.role === 'dead-letter') {
      if (!deadLetter.has(edge.source)) deadLetter.set(edge.source, { topic: edge.target, edge: edge.id });
      continue;
    }
    const list = out.get(edge.source) ?? [];
    list.push(edge);
    out.set(edge.source, list);
  }
  const groupOf = (consumerId: string): string => {
    const node = nodes.get(consumerId);
    return node?.kind === 'consumer' ? (node.config.group ?? node.id) : consumerId;
  };

  const subscriptions = new Map<string, Subscription[]>();
  for (const topic of [...flow.nodes].sort(byId)) {
    if (topic.kind !== 'topic') continue;
    const paths: SubscriptionPath[] = [];
    const walk = (at: string, filters: string[], edges: string[], seen: Set<string>) => {
      for (const edge of out.get(at) ?? []) {
        const target = nodes.get(edge.target);
        if (!target || seen.has(target.id)) continue;
        // A webhook subscribes like a consumer, as a group of its own.
        if (target.kind === 'consumer' || target.kind === 'webhook')
          paths.push({ consumer: target.id, filters, edges: [...edges, edge.id] });
        else if (target.kind === 'filter') {
          walk(target.id, [...filters, target.id], [...edges, edge.id], new Set([...seen, target.id]));
        }
      }
    };
    walk(topic.id, [], [], new Set([topic.id]));
    const groups = new Map<string, Map<string, SubscriptionPath[]>>();
    for (const path of paths) {
      const group = groupOf(path.consumer);
      const members = groups.get(group) ?? new Map<string, SubscriptionPath[]>();
      members.set(path.consumer, [...(members.get(path.consumer) ?? []), path]);
      groups.set(group, members);
    }
    const subs: Subscription[] = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, members]) => ({
        topic: topic.id,
        group,
        members: [...members.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([consumer, ps]) => ({
            consumer,
            paths: ps.sort((a, b) => (a.edges.join() < b.edges.join() ? -1 : 1)),
          })),
      }));
    subscriptions.set(topic.id, subs);
  }
  return { nodes, out, subscriptions, deadLetter, calls, queries, groupOf };
}
