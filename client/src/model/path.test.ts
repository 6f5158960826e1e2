import { describe, expect, it } from 'vitest';
import { clampStep, localPath, pathHighlight } from './path';
import { RETRIED_THEN_ACKED } from './test-hops';
import { Hop } from '@eventflow/shared';

describe('pathHighlight', () => {
  it('lights every node and edge once, in first-visit order, across retries and a chained child', () => {
    const h = pathHighlight(RETRIED_THEN_ACKED);
    expect(h.nodes).toEqual({ billing: 1, charges: 2, charger: 3, receipts: 4, ledger: 5 });
    expect(h.edges).toEqual({ e1: 1, e2: 2, e3: 3, e4: 4 });
  });
  it('is empty for no hops', () => {
    expect(pathHighlight([])).toEqual({ nodes: {}, edges: {} });
  });
});

describe('clampStep', () => {
  it('keeps the step inside the path', () => {
    expect(clampStep(-3, 5)).toBe(0);
    expect(clampStep(9, 5)).toBe(4);
    expect(clampStep(2, 0)).toBe(-1);
  });
});

describe('localPath', () => {
  it('keeps the event and its chained descendants, not unrelated events', () => {
    const other: Hop = { seq: 99, t: 5, type: 'produced', event: 'e9', trace: 'b', node: 'billing' };
    const hops = [...RETRIED_THEN_ACKED.slice(0, 3), other, ...RETRIED_THEN_ACKED.slice(3)];
    expect(localPath(hops, 'e1')).toEqual(RETRIED_THEN_ACKED);
    expect(localPath(hops, 'e2').map((h) => h.seq)).toEqual([18, 19, 20, 21]);
  });
});
