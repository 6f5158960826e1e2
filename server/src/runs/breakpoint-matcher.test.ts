import type { Breakpoint, FlowEvent, Hop } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { compileBreakpoints } from './breakpoint-matcher.js';

const nodes = new Set(['checkout', 'orders', 'billing']);
const hop = (over: Partial<Hop> = {}): Hop => ({
  seq: 5,
  t: 100,
  type: 'delivered',
  event: 'e1',
  trace: '0'.repeat(32),
  node: 'billing',
  ...over,
});
const order = (total: number, type = 'OrderPlaced'): FlowEvent => ({
  specversion: '1.0',
  id: 'e1',
  source: '/nodes/checkout',
  type,
  time: '2026-01-01T00:00:00.100Z',
  datacontenttype: 'application/json',
  data: { total, customerId: 'c1' },
  traceparent: `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`,
  partitionkey: 'c1',
  correlationid: 'e1',
});
const bp = (over: Partial<Breakpoint> = {}): Breakpoint => ({ id: 'b', name: 'b', enabled: true, ...over });

function matcher(list: Breakpoint[]) {
  const r = compileBreakpoints(list, nodes);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('breakpoint matcher', () => {
  it('stops on the arrival hop at its node only, unless hop types are given', () => {
    const m = matcher([bp({ node: 'billing' })])!;
    const ev = () => order(50);
    expect(m.match(hop(), ev)?.id).toBe('b');
    expect(m.match(hop({ type: 'processed' }), ev)).toBeUndefined();
    expect(m.match(hop({ type: 'acked' }), ev)).toBeUndefined();
    expect(m.match(hop({ node: 'orders', type: 'published' }), ev)).toBeUndefined();
    const acks = matcher([bp({ node: 'billing', hops: ['acked'] })])!;
    expect(acks.match(hop({ type: 'acked' }), ev)?.id).toBe('b');
    expect(acks.match(hop(), ev)).toBeUndefined();
  });

  it('holds a CEL condition over the event, with `type`, `node` and `hop` in scope', () => {
    const m = matcher([bp({ condition: 'data.total > 100 && type == "OrderPlaced"' })])!;
    expect(m.match(hop(), () => order(120))?.id).toBe('b');
    expect(m.match(hop(), () => order(100))).toBeUndefined();
    expect(m.match(hop(), () => order(500, 'OrderCancelled'))).toBeUndefined();
    // No node: every node's arrival hops are checked.
    expect(m.match(hop({ node: 'orders', type: 'published' }), () => order(120))?.id).toBe('b');
    const where = matcher([bp({ condition: 'node == "billing" && hop == "delivered" && key == "c1"' })])!;
    expect(where.match(hop(), () => order(1))?.id).toBe('b');
    expect(where.match(hop({ node: 'orders', type: 'published' }), () => order(1))).toBeUndefined();
  });

  it('treats a condition that fails on an event as not holding, and asks for the event only when needed', () => {
    const m = matcher([bp({ node: 'billing', condition: 'data.missing.deeper > 1' })])!;
    expect(m.match(hop(), () => order(1))).toBeUndefined();
    let asked = 0;
    const plain = matcher([bp({ node: 'billing' })])!;
    plain.match(hop(), () => (asked++, order(1)));
    expect(asked).toBe(0);
  });

  it('answers the first enabled breakpoint in list order and skips disabled ones', () => {
    const m = matcher([
      bp({ id: 'off', node: 'billing', enabled: false }),
      bp({ id: 'big', node: 'billing', condition: 'data.total > 100' }),
      bp({ id: 'any', node: 'billing' }),
    ])!;
    expect(m.match(hop(), () => order(200))?.id).toBe('big');
    expect(m.match(hop(), () => order(20))?.id).toBe('any');
  });

  it('gives no matcher when nothing is enabled, so the run keeps its fast path', () => {
    expect(compileBreakpoints([], nodes)).toEqual({ ok: true, value: undefined });
    expect(compileBreakpoints([bp({ enabled: false, condition: 'data.x > 1' })], nodes)).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('refuses bad conditions (even disabled), unknown nodes and rand, each with its path', () => {
    const r = compileBreakpoints(
      [
        bp({ node: 'nowhere' }),
        bp({ condition: 'data.total > && true', enabled: false }),
        bp({ condition: 'rand.int(1, 2) == 1' }),
        bp({ condition: 'data.total' }),
      ],
      nodes,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems?.map((p) => p.path)).toEqual([
      'breakpoints.0.node',
      'breakpoints.1.condition',
      'breakpoints.2.condition',
    ]);
    expect(r.problems?.[1]?.message).toMatch(/at column 14$/);
    expect(r.problems?.[2]?.message).toMatch(/^unknown variable 'rand'/);
  });
});
