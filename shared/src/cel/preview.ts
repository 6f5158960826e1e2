import { environmentFor, type CelContext } from './env.js';
import { compileCel } from './index.js';
import { CelEvalError } from './plain-json.js';
import { createSeededRand } from './rand.js';
import type { CelShape } from './shape.js';
import { lineColumn } from './static-checks.js';
import { typeCheck, type QuickFix } from './typed-check.js';

/** A problem in one expression, for the inspector's editor: `line`/`column` are 1-based. */
export interface ExpressionProblem {
  message: string;
  severity: 'error' | 'warning';
  line?: number;
  column?: number;
  /** A rewrite that removes the problem, offered as a button. */
  fix?: QuickFix;
}

/**
 * Checks one expression as the flow loader would. With `data` (the shape upstream producers give it, see
 * `inferArrivingData`), type problems are reported too: an operator with no overload for those types is
 * an error (it would fail on every event), a field no producer sets a warning. Empty means it is fine.
 */
export function validateExpression(
  source: string,
  context: CelContext,
  data?: CelShape,
): ExpressionProblem[] {
  const r = compileCel(source, context);
  if (!r.ok) {
    const problem: ExpressionProblem = { message: r.message, severity: 'error' };
    if (r.column !== undefined) {
      problem.column = r.column;
      problem.line = r.line ?? 1;
    }
    return [problem];
  }
  if (!data) return [];
  const { problems } = typeCheck(environmentFor(context).parse(source).ast, source, context, { data });
  return problems.map((p) => ({
    message: p.message,
    severity: p.severity,
    ...lineColumn(source, p.offset),
    ...(p.fix ? { fix: p.fix } : {}),
  }));
}

export type PreviewResult =
  { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

/**
 * Evaluates an expression on a sample event for the inspector preview. Randomness comes from a fixed
 * seed, so the preview is stable while the user types; `now` is 0.
 */
export function previewExpression(
  source: string,
  context: CelContext,
  sampleEvent: unknown,
  seq = 1,
  /** A reducer's `state`: the row before the sample event (its projection's initial state). */
  state: unknown = null,
): PreviewResult {
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
      seq,
      now: 0,
      rand: createSeededRand(1),
      state,
    });
    return { ok: true, value };
  } catch (e) {
    return { ok: false, message: e instanceof CelEvalError ? e.message : String(e) };
  }
}
