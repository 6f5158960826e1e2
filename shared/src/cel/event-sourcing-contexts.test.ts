import { describe, expect, it } from 'vitest';
import { compileCel } from './index.js';
import { previewExpression } from './preview.js';

const compiled = (source: string, context: 'aggregate' | 'reducer') => {
  const r = compileCel(source, context);
  if (!r.ok) throw new Error(r.message);
  return r.expr;
};

describe('the aggregate and reducer contexts', () => {
  it('gives an aggregate id as a string, from data or the envelope', () => {
    expect(compiled('data.orderId', 'aggregate').evaluate({ data: { orderId: 'o-1' } })).toBe('o-1');
    expect(compiled('data.n', 'aggregate').evaluate({ data: { n: 7 } })).toBe('7');
    expect(compiled('event.type', 'aggregate').evaluate({ event: { type: 'T' }, data: {} })).toBe('T');
  });

  it('refuses an aggregate id that cannot be a string, and variables the context does not have', () => {
    expect(compileCel('{"a": 1}', 'aggregate')).toMatchObject({
      ok: false,
      message: /aggregate id must give a string/,
    });
    expect(compileCel('state', 'aggregate')).toMatchObject({
      ok: false,
      message: /unknown variable 'state'/,
    });
  });

  it('folds state and event into plain JSON, with no rand (a rebuild must fold alike)', () => {
    const reducer = compiled('{"n": state.n + 1, "last": event.type}', 'reducer');
    expect(reducer.evaluate({ state: { n: 1 }, event: { type: 'Paid' }, data: {} })).toEqual({
      n: 2,
      last: 'Paid',
    });
    expect(compileCel('rand.int(1, 2)', 'reducer')).toMatchObject({
      ok: false,
      message: /unknown variable 'rand'/,
    });
  });

  it('previews a reducer on the given state', () => {
    const r = previewExpression('state.total + data.amount', 'reducer', { data: { amount: 5 } }, 1, {
      total: 10,
    });
    expect(r).toEqual({ ok: true, value: 15 });
  });
});
