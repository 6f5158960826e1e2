import { readFileSync } from 'node:fs';
import { parseFlow, type FlowDoc } from '@eventflow/shared';

/** A flow file next to this module, validated the same way the CLI and the server load flows. */
export function loadBenchFlow(file: string): FlowDoc {
  const raw: unknown = JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'));
  const parsed = parseFlow(raw);
  if (!parsed.ok) {
    const why = parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    throw new Error(`bench/${file} is invalid:\n${why}`);
  }
  return parsed.flow;
}

/** bench/reference.flow.json: the engine's throughput flow. */
export const loadReferenceFlow = (): FlowDoc => loadBenchFlow('reference.flow.json');
