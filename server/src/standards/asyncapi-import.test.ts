import { asyncApiToFlow, exportAsyncApi, flowToAsyncApi, type FlowDoc } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { loadExampleFlows } from './test-examples.js';

const EXAMPLES = loadExampleFlows();
const hasGates = (f: FlowDoc) => f.nodes.some((n) => n.kind === 'filter' || n.kind === 'router');
// AsyncAPI describes channels: an event store and a projection are none (a service call is request-reply).
const beyondChannels = (f: FlowDoc) =>
  f.nodes.some((n) => n.kind === 'event-store' || n.kind === 'projection');
const ROLE = { 'dead-letter': ' (dlq)', call: ' (call)', query: ' (query)', normal: '' } as const;
const edgesOf = (f: FlowDoc) =>
  f.edges.map((e) => `${e.source} -> ${e.target}${ROLE[e.role ?? 'normal']}`).sort();
const kindsOf = (f: FlowDoc) => Object.fromEntries(f.nodes.map((n) => [n.id, n.kind]));
const labelsOf = (f: FlowDoc) => Object.fromEntries(f.nodes.map((n) => [n.id, n.label ?? n.id]));

function roundTrip(flow: FlowDoc): FlowDoc {
  const r = asyncApiToFlow(JSON.parse(JSON.stringify(flowToAsyncApi(flow, { server: 'kafka' }))));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.flow;
}

describe('AsyncAPI export then import', () => {
  it.each(EXAMPLES.filter((x) => !hasGates(x.flow) && !beyondChannels(x.flow)))(
    '$file comes back with the same nodes and edges',
    ({ flow }) => {
      const back = roundTrip(flow);
      expect(back.name).toBe(flow.name);
      expect(kindsOf(back)).toEqual(kindsOf(flow));
      expect(labelsOf(back)).toEqual(labelsOf(flow));
      expect(edgesOf(back)).toEqual(edgesOf(flow));
    },
  );

  it.each(EXAMPLES.filter((x) => beyondChannels(x.flow)))(
    '$file keeps its topics and the applications on them; what is not a channel stays out',
    ({ flow }) => {
      const topics = new Set(flow.nodes.filter((n) => n.kind === 'topic').map((n) => n.id));
      if (topics.size === 0) {
        const r = asyncApiToFlow(JSON.parse(JSON.stringify(flowToAsyncApi(flow, { server: 'kafka' }))));
        expect(r.ok ? [] : r.errors).toEqual(['channels: the document has no channel to make a topic of']);
        return;
      }
      // A projection fed by a topic is next to a channel but is a read model, not an application: it stays out too.
      const kinds = kindsOf(flow);
      const application = (id: string) => kinds[id] !== 'projection' && kinds[id] !== 'event-store';
      const onChannels = new Set(topics);
      for (const e of flow.edges)
        if (topics.has(e.source) || topics.has(e.target)) {
          const other = topics.has(e.source) ? e.target : e.source;
          if (application(other)) onChannels.add(other);
        }
      const back = roundTrip(flow);
      expect(kindsOf(back)).toEqual(
        Object.fromEntries(Object.entries(kindsOf(flow)).filter(([id]) => onChannels.has(id))),
      );
    },
  );

  it('brings service calls back as call edges, and lists what it could not carry', () => {
    const flow = EXAMPLES.find((x) => x.file === 'request-response-vs-events.flow.json')?.flow;
    if (!flow) throw new Error('example missing');
    const calls = edgesOf(flow).filter((e) => e.endsWith('(call)'));
    expect(calls.length).toBeGreaterThan(0);
    expect(edgesOf(roundTrip(flow)).filter((e) => e.endsWith('(call)'))).toEqual(calls);
    expect(exportAsyncApi(flow).warnings).toEqual([]);
    const ledger = EXAMPLES.find((x) => x.file === 'order-ledger.flow.json')?.flow;
    if (!ledger) throw new Error('example missing');
    expect(exportAsyncApi(ledger).warnings.map((w) => [w.path, w.severity])).toEqual([
      ['nodes.ledger', 'warning'],
      ['nodes.order-status', 'warning'],
    ]);
  });

  it.each(EXAMPLES.filter((x) => hasGates(x.flow)))(
    '$file keeps every topic and application, gates removed',
    ({ flow }) => {
      const back = roundTrip(flow);
      const apps = Object.fromEntries(
        Object.entries(kindsOf(flow)).filter(([, k]) => k !== 'filter' && k !== 'router'),
      );
      expect(kindsOf(back)).toEqual(apps);
    },
  );

  it('keeps partitions, groups, emits and the producer payload fields', () => {
    const ex = EXAMPLES.find((x) => x.file === 'compensated-saga.flow.json')?.flow;
    if (!ex) throw new Error('example missing');
    const back = roundTrip(ex);
    for (const n of ex.nodes) {
      const m = back.nodes.find((x) => x.id === n.id);
      if (n.kind === 'topic' && m?.kind === 'topic') expect(m.config.partitions).toBe(n.config.partitions);
      if (n.kind === 'consumer' && m?.kind === 'consumer') {
        expect(m.config.group ?? m.id).toBe(n.config.group ?? n.id);
        expect(m.config.emits.map((e) => e.eventType).sort()).toEqual(
          [...n.config.emits, ...(n.config.emitsOnGiveUp ?? [])].map((e) => e.eventType).sort(),
        );
      }
      if (n.kind === 'producer' && m?.kind === 'producer') {
        expect(m.config.eventType).toBe(n.config.eventType);
        expect(m.config.payload).toMatch(/^\{"orderId": "", /);
      }
    }
    for (const n of back.nodes) expect(n.position).toBeDefined();
  });
});
