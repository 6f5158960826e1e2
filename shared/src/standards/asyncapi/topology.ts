import { DYN, type CelShape } from '../../cel/shape.js';
import { DEFAULT_PAYLOAD, inferArrivingData, shapeOfExpression } from '../../flow/data-flow.js';
import { compileTopology, type Topology } from '../../flow/graph.js';
import { readLoose } from '../../flow/loose-flow.js';
import type { FlowDoc } from '../../flow/schema.js';

/** One kind of message: an event type with the shape of its data, as one node builds it. */
export interface MessageInfo {
  /** Component key, unique in the document. */
  key: string;
  eventType: string;
  data: CelShape;
  /** Node ids that build it (a producer, or a consumer's emit). */
  from: string[];
}

/** An application publishing into a topic: a producer, a consumer's emits, or a dead-letter queue. */
export interface SendInfo {
  node: string;
  topic: string;
  role: 'publish' | 'emit' | 'dead-letter';
  messages: string[];
}

/** A consumer group member (consumer or webhook) reading a topic, directly or through filters. */
export interface ReceiveInfo {
  node: string;
  topic: string;
  group: string;
  /** Filter node ids between the topic and the node, on some path. */
  filters: string[];
}

export interface AsyncTopology {
  messages: Map<string, MessageInfo>;
  /** Topic id → message keys published into it (all of them, whoever sends). */
  channels: Map<string, string[]>;
  sends: SendInfo[];
  receives: ReceiveInfo[];
}

const safeKey = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_') || 'Event';

/** Topics reached from `from` along ordinary edges, through filters and routers (which publish nowhere else). */
function topicsFrom(topo: Topology, from: string): string[] {
  const found = new Set<string>();
  const walk = (at: string, seen: Set<string>) => {
    for (const e of topo.out.get(at) ?? []) {
      const target = topo.nodes.get(e.target);
      if (!target || seen.has(target.id)) continue;
      if (target.kind === 'topic') found.add(target.id);
      else if (target.kind === 'filter' || target.kind === 'router')
        walk(target.id, new Set([...seen, target.id]));
    }
  };
  walk(from, new Set([from]));
  return [...found].sort();
}

/**
 * What the flow publishes where, and who reads it: the AsyncAPI view of the drawn graph. Payload shapes come
 * from the CEL checker (`inferArrivingData`), never from running the flow, so they hold for every event.
 */
export function readAsyncTopology(flow: FlowDoc): AsyncTopology {
  const topo = compileTopology(flow);
  const loose = readLoose({ nodes: flow.nodes, edges: flow.edges });
  const arriving = inferArrivingData(loose.nodes, loose.edges);
  const messages = new Map<string, MessageInfo>();
  // Same event type and same shape from two nodes is one message; a different shape gets a key of its own.
  const addMessage = (eventType: string, data: CelShape, node: string, suffix: string): string => {
    const same = [...messages.values()].find(
      (m) => m.eventType === eventType && JSON.stringify(m.data) === JSON.stringify(data),
    );
    if (same) {
      if (!same.from.includes(node)) same.from.push(node);
      return same.key;
    }
    let key = safeKey(eventType);
    if (messages.has(key)) key = safeKey(`${eventType}.${suffix}`);
    for (let i = 2; messages.has(key); i++) key = safeKey(`${eventType}.${suffix}.${i}`);
    messages.set(key, { key, eventType, data, from: [node] });
    return key;
  };

  const sends: SendInfo[] = [];
  for (const n of flow.nodes) {
    if (n.kind === 'producer') {
      const key = addMessage(
        n.config.eventType,
        shapeOfExpression(n.config.payload ?? DEFAULT_PAYLOAD, 'payload'),
        n.id,
        n.id,
      );
      for (const topic of topicsFrom(topo, n.id))
        sends.push({ node: n.id, topic, role: 'publish', messages: [key] });
    } else if (n.kind === 'consumer') {
      const got = arriving.get(n.id) ?? DYN;
      const emits = [...n.config.emits, ...(n.config.emitsOnGiveUp ?? [])];
      const keys = emits.map((e, i) =>
        addMessage(
          e.eventType,
          e.payload ? shapeOfExpression(e.payload, 'emit', got) : got,
          n.id,
          `${n.id}.${i + 1}`,
        ),
      );
      if (keys.length === 0) continue;
      const unique = [...new Set(keys)];
      for (const topic of topicsFrom(topo, n.id))
        sends.push({ node: n.id, topic, role: 'emit', messages: unique });
    }
  }

  const receives: ReceiveInfo[] = [];
  for (const [topic, subs] of topo.subscriptions)
    for (const sub of subs)
      for (const m of sub.members)
        receives.push({
          node: m.consumer,
          topic,
          group: sub.group,
          filters: [...new Set(m.paths.flatMap((p) => p.filters))],
        });

  // A dead-letter queue holds whatever its consumer read: found by repeating until nothing is added, since
  // one DLQ can feed a consumer that dead-letters into another.
  const channels = new Map<string, Set<string>>();
  for (const n of flow.nodes) if (n.kind === 'topic') channels.set(n.id, new Set());
  for (const s of sends) for (const k of s.messages) channels.get(s.topic)?.add(k);
  const dead = [...topo.deadLetter.entries()].filter(([, d]) => channels.has(d.topic));
  for (let changed = true; changed;) {
    changed = false;
    for (const [node, d] of dead) {
      const into = channels.get(d.topic);
      for (const r of receives.filter((x) => x.node === node))
        for (const k of channels.get(r.topic) ?? [])
          if (into && !into.has(k)) {
            into.add(k);
            changed = true;
          }
    }
  }
  for (const [node, d] of dead) {
    const keys = new Set(
      receives.filter((x) => x.node === node).flatMap((r) => [...(channels.get(r.topic) ?? [])]),
    );
    sends.push({ node, topic: d.topic, role: 'dead-letter', messages: [...keys].sort() });
  }
  return {
    messages,
    channels: new Map([...channels].map(([t, ks]) => [t, [...ks].sort()] as const)),
    sends,
    receives,
  };
}
