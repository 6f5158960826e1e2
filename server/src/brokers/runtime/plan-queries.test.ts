import { describe, expect, it } from 'vitest';
import { consumer, flow, producer, topic } from '../../engine/test-helpers.js';
import { brokerRunProblems } from './plan.js';

describe('the broker plan refuses what only the simulator has', () => {
  it('names a query edge and a topic-fed projection, each with a reason', () => {
    const doc = flow({
      nodes: [
        producer('p', { count: 1, key: 'data.id', payload: '{"id": "a"}' }),
        topic('t'),
        consumer('c'),
        { id: 'view', kind: 'projection', config: { initial: '{}', reducer: 'state' } },
      ],
      edges: [
        { source: 'p', target: 't' },
        { source: 't', target: 'c' },
        { source: 't', target: 'view' },
        { source: 'view', target: 'c', role: 'query' },
      ],
    });
    const problems = brokerRunProblems(doc);
    expect(problems).toContainEqual({
      node: 'c',
      message:
        "queries run only in the simulator: projection 'view' is a simulated read model, so 'c' has no row to read on a broker",
    });
    expect(problems).toContainEqual({
      node: 'view',
      message:
        "projections run only in the simulator: its subscription to 't' would have no read model behind it on a broker",
    });
  });
});
