import { describe, expect, it } from 'vitest';
import { compileCel } from '../cel/index.js';
import { validateExpression } from '../cel/preview.js';
import { Breakpoint, MAX_BREAKPOINTS, RunBreakpoints } from './breakpoints.js';

const evaluate = (source: string, vars: Record<string, unknown>) => {
  const r = compileCel(source, 'breakpoint');
  if (!r.ok) throw new Error(r.message);
  return r.expr.evaluate(vars);
};

describe('breakpoint conditions (CEL context `breakpoint`)', () => {
  it('reads a bare `type` as the event type, beside data, node and hop', () => {
    const vars = { data: { total: 120 }, type: 'OrderPlaced', node: 'billing', hop: 'delivered', event: {} };
    expect(evaluate('data.total > 100 && type == "OrderPlaced"', vars)).toBe(true);
    expect(evaluate('data.total > 100 && type == "OrderPaid"', vars)).toBe(false);
    expect(evaluate('node == "billing" && hop == "delivered"', vars)).toBe(true);
    // The builtin `type(x)` is still the CEL function.
    expect(evaluate('type(data.total) == double', vars)).toBe(true);
  });

  it('refuses rand (a condition must not draw from the run’s random stream) and non-bool results', () => {
    expect(validateExpression('rand.float() < 0.5', 'breakpoint')[0]?.message).toMatch(
      /^unknown variable 'rand' \(here you can use event, data, key, type, node, hop\)/,
    );
    expect(validateExpression('"yes"', 'breakpoint')[0]?.message).toBe(
      'a condition must give a bool, this gives string',
    );
    expect(validateExpression('data.total >', 'breakpoint')[0]).toMatchObject({ line: 1, column: 13 });
  });

  it('is unchanged for the other contexts: `type` is no variable there', () => {
    expect(compileCel('type == "x"', 'filter').ok).toBe(false);
    expect(compileCel('event.type == "x"', 'filter').ok).toBe(true);
  });
});

describe('RunBreakpoints', () => {
  const bp = { id: 'b1', name: 'big orders', node: 'billing', enabled: true };
  it('accepts a list and refuses duplicates, unknown fields, too many, bad hop types', () => {
    expect(RunBreakpoints.safeParse({ runId: 'r', breakpoints: [bp] }).success).toBe(true);
    const dup = RunBreakpoints.safeParse({ runId: 'r', breakpoints: [bp, bp] });
    expect(dup.success ? [] : dup.error.issues.map((i) => i.path.join('.'))).toEqual(['breakpoints.1.id']);
    expect(Breakpoint.safeParse({ ...bp, eval: 'x' }).success).toBe(false);
    expect(Breakpoint.safeParse({ ...bp, hops: ['arrived'] }).success).toBe(false);
    const many = Array.from({ length: MAX_BREAKPOINTS + 1 }, (_, i) => ({ ...bp, id: `b${i}` }));
    expect(RunBreakpoints.safeParse({ runId: 'r', breakpoints: many }).success).toBe(false);
    expect(RunBreakpoints.safeParse({ runId: 'r', breakpoints: [], extra: 1 }).success).toBe(false);
  });
});
