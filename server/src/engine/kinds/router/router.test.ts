import { explainOutcome, matchesPattern, patternProblem } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import {
  chain,
  consumer,
  flow,
  ofType,
  producer,
  router,
  rule,
  runFlow,
  topic,
  typesOf,
  type TestEdge,
} from '../../test-helpers.js';

describe('routing-key patterns', () => {
  test.each([
    ['order.*.created', 'order.eu.created', true],
    ['order.*.created', 'order.created', false],
    ['order.*.created', 'order.eu.de.created', false],
    ['order.#', 'order', true],
    ['order.#', 'order.eu.de', true],
    ['#.created', 'created', true],
    ['#.created', 'order.eu.created', true],
    ['#', '', true],
    ['#', 'a.b.c', true],
    ['a.#.z', 'a.z', true],
    ['a.#.z', 'a.b.c.z', true],
    ['a.#.z', 'a.b.c', false],
    ['*', 'a.b', false],
    ['eu', 'EU', false],
  ])('%s on %s → %s', (pattern, key, expected) => {
    expect(matchesPattern(pattern, key)).toBe(expected);
  });

  test('bad patterns say which word is wrong', () => {
    expect(patternProblem('order..eu')).toBe('word 2 is empty: words are separated by single dots');
    expect(patternProblem('order.e*')).toMatch(/word 2 'e\*'/);
    expect(patternProblem('order.#.*')).toBeUndefined();
  });
});

const keyed = (count: number, key: string) =>
  producer('p', { rate: 100, count, key, payload: '{"total": seq * 60}' });

function routed(config: Record<string, unknown>, edges: TestEdge[], count = 4) {
  return flow({
    nodes: [
      keyed(count, '["eu.de", "us.ny", "eu", "apac"][(seq - 1) % 4]'),
      router('r', config),
      topic('eu'),
      topic('big'),
      topic('rest'),
      consumer('ce'),
      consumer('cb'),
      consumer('cr'),
    ],
    edges: [
      { source: 'p', target: 'r' },
      ...edges,
      ...chain('eu', 'ce'),
      ...chain('big', 'cb'),
      ...chain('rest', 'cr'),
    ],
  });
}
const EU_BIG = { rules: [rule('eu', 'eu.#'), rule('big', 'data.total > 100')] };
const TO_EU_BIG: TestEdge[] = [
  { source: 'r', target: 'eu', sourceHandle: 'eu' },
  { source: 'r', target: 'big', sourceHandle: 'big' },
];

describe('router', () => {
  test('first-match sends by the first rule that matches and names it', () => {
    const { hops, engine } = runFlow(routed(EU_BIG, TO_EU_BIG));
    const at = (e: string) => hops.filter((h) => h.event === e && h.type === 'published').map((h) => h.node);
    // e1 eu.de total 60 · e2 us.ny 120 · e3 eu 180 (both match; first wins) · e4 apac 240
    expect([at('e1'), at('e2'), at('e3'), at('e4')]).toEqual([['eu'], ['big'], ['eu'], ['big']]);
    expect(ofType(hops, 'routed').find((h) => h.event === 'e3')?.reason).toBe("rule 'eu' (eu.#) matched");
    expect(engine.summary().conservation.ok).toBe(true);
  });

  test('all-matches fans out to every matching rule, once per topic', () => {
    const { hops } = runFlow(
      routed({ ...EU_BIG, mode: 'all-matches', rules: [...EU_BIG.rules, rule('any', '#')] }, [
        ...TO_EU_BIG,
        { source: 'r', target: 'eu', id: 'any-eu', sourceHandle: 'any' },
      ]),
    );
    const e3 = hops.filter((h) => h.event === 'e3' && h.type === 'published').map((h) => h.node);
    expect(e3.sort()).toEqual(['big', 'eu']);
    expect(ofType(hops, 'routed').find((h) => h.event === 'e3')?.reason).toBe(
      "rules 'eu' (eu.#), 'big' (data.total > 100), 'any' (#) matched",
    );
  });

  test('no match takes the default route', () => {
    const doc = routed({ rules: [rule('eu', 'eu.#')] }, [
      { source: 'r', target: 'eu', sourceHandle: 'eu' },
      { source: 'r', target: 'rest', sourceHandle: 'default' },
    ]);
    const { hops } = runFlow(doc);
    expect(hops.filter((h) => h.event === 'e2' && h.type === 'published').map((h) => h.node)).toEqual([
      'rest',
    ]);
    expect(ofType(hops, 'routed').find((h) => h.event === 'e2')?.reason).toBe(
      "no rule matched: rules were 'eu' (eu.#); sent by the default route",
    );
  });

  test('no match and no default route: an unrouted hop explains the drop, and conservation holds', () => {
    const { hops, engine } = runFlow(routed({ rules: [rule('eu', 'eu.#')] }, [TO_EU_BIG[0]!]));
    expect(typesOf(hops, 'e2')).toEqual(['produced', 'unrouted']);
    const h = ofType(hops, 'unrouted')[0]!;
    expect(h.reason).toBe("no rule matched: rules were 'eu' (eu.#); no default route, so it was dropped");
    expect(explainOutcome(hops, 'e2', 'ce')).toMatch(/^dropped by r at t=.*: no rule matched/);
    expect(explainOutcome(hops, 'e1', 'cb')).toBe(
      "never reached cb: r sent it elsewhere (rule 'eu' (eu.#) matched)",
    );
    // The events list finds them by outcome, and names the router as where they ended.
    const listed = engine.trace.query({ outcome: 'unrouted' }).events;
    expect(listed.map((r) => [r.id, r.outcomes])).toEqual([
      ['e2', { r: 'unrouted' }],
      ['e4', { r: 'unrouted' }],
    ]);
    const s = engine.summary();
    expect(s.nodes.r).toMatchObject({ in: 4, out: 2, dropped: 2 });
    expect(s.conservation.ok).toBe(true);
  });

  test('a keyless event matches no pattern rule', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1 }),
        router('r', { rules: [rule('all', '#')] }),
        topic('t'),
        consumer('c'),
      ],
      edges: [
        { source: 'p', target: 'r' },
        { source: 'r', target: 't', sourceHandle: 'all' },
        ...chain('t', 'c'),
      ],
    });
    expect(typesOf(runFlow(doc).hops, 'e1')).toEqual(['produced', 'unrouted']);
  });

  test('a condition that fails to evaluate stops the event with a filter-error naming the rule', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1, key: '"a"' }),
        router('r', { rules: [rule('bad', 'data.missing > 1')] }),
        topic('t'),
        consumer('c'),
      ],
      edges: [
        { source: 'p', target: 'r' },
        { source: 'r', target: 't', sourceHandle: 'bad' },
        ...chain('t', 'c'),
      ],
    });
    const h = runFlow(doc).hops.find((x) => x.type === 'filter-error')!;
    expect(h.node).toBe('r');
    expect(h.reason).toMatch(/^rule 'bad' failed: /);
  });

  test('an emitting consumer can publish through a router', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 2, rate: 100 }),
        topic('in'),
        consumer('c', { emits: [{ eventType: 'Shipped' }] }),
        router('r', { rules: [rule('odd', 'int(data.seq) % 2 == 1')] }),
        topic('odd'),
        consumer('d'),
      ],
      edges: [
        ...chain('p', 'in', 'c', 'r'),
        { source: 'r', target: 'odd', sourceHandle: 'odd' },
        ...chain('odd', 'd'),
      ],
    });
    const { hops, engine } = runFlow(doc);
    expect(ofType(hops, 'acked').filter((h) => h.node === 'd')).toHaveLength(1);
    expect(ofType(hops, 'unrouted')).toHaveLength(1);
    expect(engine.summary().conservation.ok).toBe(true);
  });
});
