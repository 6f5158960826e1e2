import { readFileSync } from 'node:fs';
import { parseFlow, type FlowDoc } from '@eventflow/shared';

/** bench/reference.flow.json, validated the same way the CLI and the server load flows. */
export function loadReferenceFlow(): FlowDoc {
  const raw: unknown = JSON.parse(readFileSync(new URL('./reference.flow.json', import.meta.url), 'utf8'));
  const parsed = parseFlow(raw);
  if (!parsed.ok) {
    const why = parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    throw new Error(`bench/reference.flow.json is invalid:\n${why}`);
  }
  return parsed.flow;
}
