import { describe, expect, test } from 'vitest';
import { explainOutcome } from './explain.js';
import type { Hop } from './hop.js';

let seq = 0;
const hop = (type: Hop['type'], fields: Partial<Hop> = {}): Hop => ({
  seq: ++seq,
  t: seq * 10,
  type,
  event: 'e1',
  trace: 't1',
  node: 'shipping',
  group: 'shipping',
  instance: 0,
  partition: 0,
  offset: 2,
  ...fields,
});

describe('explaining an outcome decided on a projection row (decision 0029)', () => {
  test('says the decision was made on a stale row, with the read reason', () => {
    seq = 0;
    const why = 'read o-1 @ v1 from orders while v2 was written 12 ms earlier: stale, 1 version behind';
    const hops = [
      hop('delivered', { attempt: 1 }),
      hop('stale-read', { attempt: 1, edge: 'orders.shipping', reason: why }),
      hop('processed', { attempt: 1 }),
      hop('acked', { attempt: 1 }),
    ];
    expect(explainOutcome(hops, 'e1', 'shipping')).toBe(
      `acked at t=40 ms; it decided on a stale row at t=20 ms: ${why}`,
    );
  });

  test('says the row was current when it was', () => {
    seq = 0;
    const hops = [
      hop('delivered', { attempt: 1 }),
      hop('read', { attempt: 1, reason: 'read o-1 @ v2 from orders: current' }),
      hop('acked', { attempt: 1 }),
    ];
    expect(explainOutcome(hops, 'e1', 'shipping')).toBe(
      'acked at t=30 ms; the row it read at t=20 ms was current',
    );
  });
});
