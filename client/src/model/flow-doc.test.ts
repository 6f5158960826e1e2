import { describe, expect, it } from 'vitest';
import { parseFlow, type FlowDoc } from '@eventflow/shared';
import { fromFlowDoc, toFlowDoc } from './flow-doc';

const doc: FlowDoc = {
  format: 'eventflow.flow',
  version: 1,
  name: 'Checkout',
  description: 'orders to billing',
  seed: 7,
  schemas: [
    {
      eventType: 'OrderPlaced',
      compatibility: 'forward',
      versions: [{ version: 1, schema: { type: 'object', required: ['total'] } }],
    },
  ],
  nodes: [
    {
      id: 'orders',
      kind: 'producer',
      label: 'Order Service',
      position: { x: 10, y: 20 },
      config: { eventType: 'OrderPlaced', rate: 5, arrival: 'poisson', key: 'data.customerId' },
    },
    {
      id: 'order-events',
      kind: 'topic',
      position: { x: 300, y: 20.5 },
      config: { partitions: 3, latencyMs: 2, retention: { maxEvents: 100 } },
    },
    {
      id: 'big',
      kind: 'filter',
      label: 'Big orders',
      position: { x: 600, y: 0 },
      config: { expression: 'data.total > 100' },
    },
    {
      id: 'billing',
      kind: 'consumer',
      label: 'Billing',
      position: { x: 900, y: -40 },
      config: {
        instances: 2,
        processingMs: { min: 5, max: 20 },
        failureRate: 0.1,
        ackLossRate: 0,
        delivery: 'exactly-once',
        maxAttempts: 3,
        backoffMs: { initial: 10, multiplier: 2, max: 1000 },
        retry: 'blocking',
        emits: [{ eventType: 'Billed' }],
      },
    },
    {
      id: 'dlq',
      kind: 'topic',
      label: 'DLQ',
      position: { x: 1200, y: 0 },
      config: { partitions: 1, latencyMs: 1, retention: {} },
    },
  ],
  edges: [
    { id: 'e1', source: 'orders', target: 'order-events' },
    { id: 'e2', source: 'order-events', target: 'big' },
    { id: 'e3', source: 'big', target: 'billing', role: 'normal' },
    { id: 'e4', source: 'billing', target: 'dlq', role: 'dead-letter' },
  ],
};

describe('flow-doc conversion', () => {
  it('round-trips a document exactly: ids, labels, configs, positions, roles, meta', () => {
    const view = fromFlowDoc(doc);
    expect(toFlowDoc(view.meta, view.nodes, view.edges)).toEqual(doc);
    expect(JSON.stringify(toFlowDoc(view.meta, view.nodes, view.edges))).toBe(JSON.stringify(doc));
  });

  it('uses the kind as the React Flow node type and names nodes by label, else id', () => {
    const { nodes, edges } = fromFlowDoc(doc);
    expect(nodes.map((n) => n.type)).toEqual(['producer', 'topic', 'filter', 'consumer', 'topic']);
    expect(nodes[0]?.ariaLabel).toBe('Order Service');
    expect(nodes[1]?.ariaLabel).toBe('order-events');
    expect(edges[3]?.data?.role).toBe('dead-letter');
  });

  it('drops UI-only fields when converting back', () => {
    const view = fromFlowDoc(doc);
    const touched = view.nodes.map((n) => ({
      ...n,
      selected: true,
      dragging: false,
      measured: { width: 100, height: 50 },
    }));
    const out = toFlowDoc(
      view.meta,
      touched,
      view.edges.map((e) => ({ ...e, selected: true })),
    );
    expect(out).toEqual(doc);
    expect(JSON.stringify(out)).not.toMatch(/selected|measured|dragging/);
  });

  it('gives nodes without a position distinct grid slots', () => {
    const raw = parseFlow({ ...doc, nodes: doc.nodes.map(({ position: _p, ...n }) => n) });
    if (!raw.ok) throw new Error('fixture must parse');
    const { nodes } = fromFlowDoc(raw.flow);
    const spots = new Set(nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(nodes.length);
  });

  it('produces a document the shared parser accepts unchanged', () => {
    const view = fromFlowDoc(doc);
    const parsed = parseFlow(toFlowDoc(view.meta, view.nodes, view.edges));
    expect(parsed.ok && parsed.flow).toEqual(doc);
  });
});
