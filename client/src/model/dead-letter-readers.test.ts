import { readFileSync } from 'node:fs';
import { parseFlow, type FlowDoc } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { deadLetterSide } from './dead-letter-readers';
import { fromFlowDoc } from './flow-doc';
import { deltaBadges } from './run-compare';

const example = (file: string): FlowDoc => {
  const r = parseFlow(
    JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8')),
  );
  if (!r.ok) throw new Error(`${file} is invalid`);
  return r.flow;
};

describe('deadLetterSide', () => {
  it('is the dead-letter topic and what reads it, not the consumer that gives up into it', () => {
    const { nodes, edges } = fromFlowDoc(example('retries-dead-letter.flow.json'));
    expect([...deadLetterSide(nodes, edges)].sort()).toEqual(['charges-dlq', 'dlq-inspector']);
  });

  it('follows filters from the dead-letter topic to its readers, leaving the filters out', () => {
    const doc = example('retries-dead-letter.flow.json');
    const filtered: FlowDoc = {
      ...doc,
      nodes: [
        ...doc.nodes,
        {
          id: 'only-big',
          kind: 'filter',
          position: { x: 0, y: 400 },
          config: { expression: 'data.amount > 100' },
        },
        { id: 'refunds', kind: 'consumer', position: { x: 200, y: 400 }, config: {} },
      ] as FlowDoc['nodes'],
      edges: [
        ...doc.edges,
        { id: 'f1', source: 'charges-dlq', target: 'only-big' },
        { id: 'f2', source: 'only-big', target: 'refunds' },
      ],
    };
    const { nodes, edges } = fromFlowDoc(filtered);
    // The filter has no acked count for a badge to tone, so only the topic and its readers are the side.
    expect([...deadLetterSide(nodes, edges)].sort()).toEqual(['charges-dlq', 'dlq-inspector', 'refunds']);
  });

  it('is empty for a flow without dead-letter edges', () => {
    const { nodes, edges } = fromFlowDoc(example('fan-out.flow.json'));
    expect(deadLetterSide(nodes, edges).size).toBe(0);
  });
});

describe('deltaBadges on the dead-letter side', () => {
  it('tones acked as neither there, and keeps fewer dead-lettered better', () => {
    expect(deltaBadges({ acked: -2 }, true)).toEqual([{ key: 'acked', text: '−2 acked', tone: 'neutral' }]);
    expect(deltaBadges({ acked: -2 })[0]?.tone).toBe('worse');
    expect(deltaBadges({ deadLettered: -3 }, true)[0]?.tone).toBe('better');
  });
});
