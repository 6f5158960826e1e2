import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlow, type RunSummary } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

// Every teaching example is also a fixture: it must validate, carry what the canvas and docs need, and run
// to completion on its own with every invariant holding.
const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.flow.json'))
  .sort();

const read = (file: string): unknown => JSON.parse(readFileSync(join('examples', file), 'utf8'));

describe('examples/', () => {
  it('holds at least 13 flows', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(13);
  });

  describe.each(EXAMPLES)('%s', (file) => {
    it('validates without problems or warnings', () => {
      const r = parseFlow(read(file));
      expect(r.ok ? r.warnings : r.problems).toEqual([]);
    });

    it('has a 2–4 sentence description, a seed, labels, positions and only finite producers', () => {
      const r = parseFlow(read(file));
      if (!r.ok) throw new Error('invalid');
      const { flow } = r;
      const sentences = (flow.description ?? '').split(/(?<=[.!?])\s+(?=[A-Z"])/).filter(Boolean);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
      expect(flow.seed).toBeTypeOf('number');
      for (const node of flow.nodes) {
        expect(node.label, node.id).toBeTruthy();
        expect(node.position, node.id).toBeDefined();
        if (node.kind === 'producer') expect(node.config.count, node.id).toBeTypeOf('number');
      }
    });

    it('runs to completion with conservation ok', async () => {
      const r = await runCli(['run', join('examples', file), '--json']);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const summary = JSON.parse(r.stdout) as RunSummary;
      expect(summary.conservation.ok).toBe(true);
      expect(summary.outcomes.inFlight).toBe(0);
      expect(summary.events.produced).toBeGreaterThan(0);
    });
  });
});
