// Placeholder replaced by the validation work: see the CEL/validation helper's task.
import type { Problem } from '../protocol/result.js';
import { FlowDoc } from './schema.js';

export type ParseResult = { ok: true; flow: FlowDoc; warnings: Problem[] } | { ok: false; problems: Problem[] };

export function parseFlow(raw: unknown): ParseResult {
  const r = FlowDoc.safeParse(raw);
  if (!r.success) {
    return {
      ok: false,
      problems: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, severity: 'error' as const })),
    };
  }
  return { ok: true, flow: r.data, warnings: [] };
}
