import { describe, expect, test } from 'vitest';
import { parseFlow } from './parse.js';

const doc = (rules: unknown[], edges: Record<string, unknown>[]) => ({
  format: 'eventflow.flow',
  version: 1,
  name: 'r',
  nodes: [
    { id: 'p', kind: 'producer', config: { eventType: 'A' } },
    { id: 'r', kind: 'router', config: { rules } },
    { id: 't', kind: 'topic' },
    { id: 'c', kind: 'consumer' },
  ],
  edges: [{ id: 'p-r', source: 'p', target: 'r' }, { id: 't-c', source: 't', target: 'c' }, ...edges],
});
const problems = (d: unknown) => {
  const r = parseFlow(d);
  return r.ok
    ? r.warnings.map((p) => `${p.path}: ${p.message}`)
    : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('router validation', () => {
  const eu = { id: 'eu', label: 'EU', match: 'pattern', pattern: 'eu.#' };

  test('a wired router is valid, and a producer behind it publishes to its topics', () => {
    const r = parseFlow(doc([eu], [{ id: 'r-t', source: 'r', target: 't', sourceHandle: 'eu' }]));
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings).toEqual([]);
  });

  test('an unconnected rule handle is a warning naming the rule', () => {
    expect(problems(doc([eu], []))).toContain(
      "nodes[1].config.rules[0]: rule 'EU' of router 'r' leads nowhere: connect its handle to a topic",
    );
  });

  test('bad patterns, duplicate rule ids, unknown and missing handles are errors', () => {
    const bad = { id: 'x', label: 'X', match: 'pattern', pattern: 'eu..de' };
    expect(problems(doc([eu, bad, { ...eu, label: 'again' }], []))).toEqual(
      expect.arrayContaining([
        'nodes[1].config.rules[1].pattern: word 2 is empty: words are separated by single dots',
        "nodes[1].config.rules[2].id: duplicate rule id 'eu'",
      ]),
    );
    expect(problems(doc([eu], [{ id: 'r-t', source: 'r', target: 't', sourceHandle: 'us' }]))).toContain(
      "edges[2].sourceHandle: router 'r' has no rule 'us'",
    );
    expect(problems(doc([eu], [{ id: 'r-t', source: 'r', target: 't' }]))).toContain(
      "edges[2]: an edge leaving router 'r' must leave from a rule's handle or the default handle",
    );
  });

  test('a CEL rule is type-checked like a filter', () => {
    const cel = { id: 'big', label: 'Big', match: 'cel', condition: 'data.total >' };
    const out = problems(doc([cel], [{ id: 'r-t', source: 'r', target: 't', sourceHandle: 'big' }]));
    expect(out.some((p) => p.startsWith('nodes[1].config.rules[0].condition: '))).toBe(true);
  });

  test('a router sends only to topics', () => {
    expect(problems(doc([eu], [{ id: 'r-c', source: 'r', target: 'c', sourceHandle: 'eu' }]))).toContain(
      'edges[2]: a router sends events to topics, like an exchange: route to a topic the consumer subscribes to',
    );
  });
});
