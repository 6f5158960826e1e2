import { readFileSync } from 'node:fs';
import { compareRuns, parseFlow, type FlowDoc } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { createEngine } from './index.js';

const parsed = parseFlow(JSON.parse(readFileSync('examples/retries-dead-letter.flow.json', 'utf8')));
if (!parsed.ok) throw new Error('the example is invalid');
const flow = parsed.flow;
const seed = flow.seed ?? 1;

const withFailureRate = (failureRate: number): FlowDoc => ({
  ...flow,
  nodes: flow.nodes.map((n) =>
    n.id === 'charger' && n.kind === 'consumer' ? { ...n, config: { ...n.config, failureRate } } : n,
  ),
});
const hopsOf = (f: FlowDoc) => {
  const engine = createEngine({ flow: f, seed });
  engine.run();
  return engine.trace.read(1, engine.trace.lastSeq());
};

describe('compareRuns', () => {
  it('finds nothing to compare between a run and itself', () => {
    const hops = hopsOf(flow);
    const c = compareRuns(flow, hops, hops, { seed });
    expect(c.nodes).toEqual({});
    expect(c.changed).toEqual([]);
    expect(c.changedTotal).toBe(0);
    expect(c.after).toEqual(c.before);
  });

  it('shows a lower failure rate as fewer dead letters, node by node and event by event', () => {
    const before = hopsOf(flow);
    const after = hopsOf(withFailureRate(0.05));
    const c = compareRuns(flow, before, after, { seed });
    const dead = (s: typeof c.before) => s.nodes.charger?.deadLettered ?? 0;
    expect(dead(c.before)).toBeGreaterThan(dead(c.after));
    expect(c.nodes.charger?.deadLettered).toBe(dead(c.after) - dead(c.before));
    expect(c.nodes.charger?.failed).toBeLessThan(0);
    // Fewer dead letters reach the DLQ's inspector, so it acks fewer.
    expect(c.nodes['dlq-inspector']?.acked).toBe(c.nodes.charger?.deadLettered);
    const rescued = c.changed.filter(
      (e) => e.before?.charger === 'dead-lettered' && e.after?.charger === 'acked',
    );
    expect(rescued.length).toBeGreaterThan(0);
    expect(rescued.every((e) => e.node === 'billing')).toBe(true);
    expect(c.changedTotal).toBe(c.changed.length);
  });

  it('counts events only one run has as changed, and cuts the list where asked', () => {
    const before = hopsOf(flow);
    const after = before.filter((h) => h.event !== before[0]!.event);
    const c = compareRuns(flow, before, after, { seed, maxChanged: 0 });
    expect(c.changedTotal).toBe(1);
    expect(c.changed).toEqual([]);
    const listed = compareRuns(flow, before, after, { seed }).changed;
    expect(listed).toEqual([expect.objectContaining({ id: before[0]!.event, after: undefined })]);
  });
});
