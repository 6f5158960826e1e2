import { describe, expect, test } from 'vitest';
import { parseFlow } from '../../flow/parse.js';

const withConsumer = (config: Record<string, unknown>) => ({
  format: 'eventflow.flow',
  version: 1,
  name: 'membership',
  nodes: [
    { id: 't', kind: 'topic', config: {} },
    { id: 'c', kind: 'consumer', config },
  ],
  edges: [{ id: 't.c', source: 't', target: 'c' }],
});

const problemsOf = (config: Record<string, unknown>) => {
  const r = parseFlow(withConsumer(config));
  return r.ok ? [] : r.problems.filter((p) => p.severity === 'error').map((p) => `${p.path}: ${p.message}`);
};

describe('consumer outages and autoscaling in the flow file', () => {
  test('valid outages and autoscaling parse, with the cooldown defaulted', () => {
    const r = parseFlow(
      withConsumer({
        instances: 2,
        outages: [
          { at: 100, for: 50 },
          { at: 300, for: 10, instance: 1 },
        ],
        autoscale: { min: 1, max: 4, targetLag: 20 },
      }),
    );
    expect(r.ok && r.flow.nodes[1]!.config).toMatchObject({
      outages: [
        { at: 100, for: 50 },
        { at: 300, for: 10, instance: 1 },
      ],
      autoscale: { min: 1, max: 4, targetLag: 20, cooldownMs: 1000 },
    });
  });

  test('bad outages name the path and the problem', () => {
    expect(problemsOf({ outages: [{ at: -1, for: 0 }] })).toEqual([
      'nodes[1].config.outages[0].at: at must be ≥ 0 ms',
      'nodes[1].config.outages[0].for: for must be > 0 ms',
    ]);
    expect(problemsOf({ instances: 2, outages: [{ at: 0, for: 10, instance: 2 }] })).toEqual([
      'nodes[1].config.outages[0].instance: must be below 2: the consumer has at most 2 instances',
    ]);
    expect(problemsOf({ outages: Array.from({ length: 33 }, () => ({ at: 0, for: 1 })) })).toEqual([
      'nodes[1].config.outages: must hold at most 32 outages',
    ]);
  });

  test('an instance outage may name an instance autoscaling can add', () => {
    expect(
      problemsOf({ outages: [{ at: 0, for: 10, instance: 3 }], autoscale: { min: 1, max: 4, targetLag: 5 } }),
    ).toEqual([]);
  });

  test('bad autoscaling names the field', () => {
    expect(problemsOf({ autoscale: { min: 3, max: 2, targetLag: 0, cooldownMs: 1 } })).toEqual([
      'nodes[1].config.autoscale.targetLag: must be an integer ≥ 1',
      'nodes[1].config.autoscale.cooldownMs: must be ≥ 10 ms',
      'nodes[1].config.autoscale.max: max must be ≥ min',
    ]);
    expect(problemsOf({ autoscale: { min: 3, max: 2, targetLag: 1 } })).toEqual([
      'nodes[1].config.autoscale.max: max must be ≥ min',
    ]);
  });
});
