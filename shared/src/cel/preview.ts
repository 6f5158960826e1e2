import type { CelContext } from './env.js';
import { compileCel } from './index.js';
import { CelEvalError } from './plain-json.js';
import { createSeededRand } from './rand.js';

/** A problem in one expression, for the inspector's editor: `line`/`column` are 1-based. */
export interface ExpressionProblem {
  message: string;
  severity: 'error' | 'warning';
  line?: number;
  column?: number;
}

/** Checks one expression as the flow loader would; an empty list means it compiles. */
export function validateExpression(source: string, context: CelContext): ExpressionProblem[] {
  const r = compileCel(source, context);
  if (r.ok) return [];
  const problem: ExpressionProblem = { message: r.message, severity: 'error' };
  if (r.column !== undefined) {
    problem.column = r.column;
    problem.line = r.line ?? 1;
  }
  return [problem];
}

export type PreviewResult =
  { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

/**
 * Evaluates an expression on a sample event for the inspector preview. Randomness comes from a fixed
 * seed, so the preview is stable while the user types; `seq` is 1 and `now` is 0.
 */
export function previewExpression(source: string, context: CelContext, sampleEvent: unknown): PreviewResult {
  const compiled = compileCel(source, context);
  if (!compiled.ok) return compiled;
  const event =
    typeof sampleEvent === 'object' && sampleEvent !== null ? (sampleEvent as Record<string, unknown>) : {};
  const key = typeof event.partitionkey === 'string' ? event.partitionkey : null;
  try {
    const value = compiled.expr.evaluate({
      event,
      data: event.data ?? null,
      key,
      type: typeof event.type === 'string' ? event.type : '',
      seq: 1,
      now: 0,
      rand: createSeededRand(1),
    });
    return { ok: true, value };
  } catch (e) {
    return { ok: false, message: e instanceof CelEvalError ? e.message : String(e) };
  }
}
