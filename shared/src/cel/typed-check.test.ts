import { describe, expect, test } from 'vitest';
import { shapeOfExpression } from '../flow/data-flow.js';
import { parseFlow } from '../flow/parse.js';
import { validateExpression } from './preview.js';
import { shapeOfJson, type CelShape } from './shape.js';

const d = { kind: 'double' } as const;
const s = { kind: 'string' } as const;
const b = { kind: 'bool' } as const;
const map = (fields: Record<string, CelShape>, open = false): CelShape => ({ kind: 'map', fields, open });

describe('payload inference', () => {
  test.each<[string, CelShape]>([
    ['{"seq": seq}', map({ seq: d })],
    ['{"n": seq * 2, "half": seq / 2.0}', map({ n: d, half: d })],
    ['{"id": "ORD-" + string(seq), "ok": seq % 2 == 0}', map({ id: s, ok: b })],
    ['{"amount": rand.int(1, 100), "p": rand.float(), "u": rand.uuid()}', map({ amount: d, p: d, u: s })],
    ['{"tier": rand.pick(["gold", "basic"])}', map({ tier: s })],
    [
      '{"items": [seq, 2], "nested": {"at": now, "none": null}}',
      map({ items: { kind: 'list', of: d }, nested: map({ at: d, none: { kind: 'null' } }) }),
    ],
    ['{"v": seq > 2 ? "big" : "small"}', map({ v: s })],
    ['{"v": seq > 2 ? "big" : 1}', map({ v: { kind: 'union', of: [s, d] } })],
    ['{string(seq): 1}', map({}, true)],
    ['seq', d],
  ])('%s builds %j', (source, shape) => {
    expect(shapeOfExpression(source, 'payload')).toEqual(shape);
  });

  test('a JSON sample and the default payload agree: every number is a double', () => {
    expect(shapeOfJson({ seq: 1, tags: ['a'], ok: true })).toEqual(
      map({ seq: d, tags: { kind: 'list', of: s }, ok: b }),
    );
  });
});

describe('type-aware validateExpression', () => {
  const data = shapeOfExpression('{"seq": seq, "name": "n" + string(seq)}', 'payload');

  test('% on a double is an error at the operator, with the int() quick fix', () => {
    const [p, ...rest] = validateExpression('data.seq % 2 == 0', 'filter', data);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ severity: 'error', line: 1, column: 10 });
    expect(p!.message).toMatch(/^no such overload: double % int/);
    expect(p!.fix).toEqual({ title: 'Use int(data.seq) % 2', source: 'int(data.seq) % 2 == 0' });
  });

  test('the quick fix gives an expression the checker accepts', () => {
    expect(validateExpression('int(data.seq) % 2 == 0', 'filter', data)).toEqual([]);
    const fixed = validateExpression('data.seq % data.seq == 0', 'filter', data)[0]!.fix!.source;
    expect(fixed).toBe('int(data.seq) % int(data.seq) == 0');
    expect(validateExpression(fixed, 'filter', data)).toEqual([]);
  });

  test('mixed int/double arithmetic and comparisons are fine', () => {
    for (const ok of [
      'data.seq * 2 > 3',
      'data.seq + 1 == 2.0',
      'data.name.startsWith("n")',
      'data.seq in [1.0]',
    ])
      expect(validateExpression(ok, 'filter', data), ok).toEqual([]);
  });

  test('string + double offers string()', () => {
    const [p] = validateExpression('{"label": data.name + data.seq}', 'emit', data);
    expect(p).toMatchObject({
      severity: 'error',
      fix: { source: '{"label": data.name + string(data.seq)}' },
    });
  });

  test('other impossible operations are errors', () => {
    for (const bad of [
      'data.name > 1',
      '!data.seq',
      'data.seq && true',
      'data.seq.startsWith("1")',
      'data.seq.x == 1',
    ])
      expect(validateExpression(bad, 'filter', data)[0], bad).toMatchObject({ severity: 'error' });
  });

  test('a field no upstream producer sets is a warning at its column, not an error', () => {
    expect(validateExpression('data.total > 100', 'filter', data)).toEqual([
      { message: 'no upstream producer sets data.total', severity: 'warning', line: 1, column: 6 },
    ]);
    expect(validateExpression('has(data.total) && data.seq > 1', 'filter', data)).toEqual([]);
    // With nothing known about data, nothing is flagged.
    expect(validateExpression('data.total % 2 == 0', 'filter')).toEqual([]);
  });

  test('macro variables shadow data', () => {
    expect(validateExpression('[1, 2].exists(data, data % 2 == 0)', 'filter', data)).toEqual([]);
  });
});

describe('flow validation types expressions against upstream producers', () => {
  const flow = (expression: string, payload?: string, emit?: string) => ({
    format: 'eventflow.flow',
    version: 1,
    name: 'typed',
    nodes: [
      { id: 'p', kind: 'producer', config: { eventType: 'Tick', ...(payload ? { payload } : {}) } },
      { id: 't', kind: 'topic', config: {} },
      { id: 'f', kind: 'filter', config: { expression } },
      { id: 'c', kind: 'consumer', config: { emits: emit ? [{ eventType: 'Out', payload: emit }] : [] } },
      { id: 'out', kind: 'topic', config: {} },
      { id: 'c2', kind: 'consumer', config: {} },
    ],
    edges: [
      { id: 'a', source: 'p', target: 't' },
      { id: 'b', source: 't', target: 'f' },
      { id: 'e', source: 'f', target: 'c' },
      { id: 'g', source: 'c', target: 'out' },
      { id: 'h', source: 'out', target: 'c2' },
    ],
  });

  test('the default payload makes data.seq a double everywhere downstream', () => {
    const r = parseFlow(flow('data.seq % 2 == 0', undefined, 'data.seq % 2'));
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems.map((p) => [p.path, p.severity])).toEqual([
      ['nodes[2].config.expression', 'error'],
      ['nodes[3].config.emits[0].payload', 'error'],
    ]);
    expect(problems[0]!.message).toMatch(/no such overload: double % int .* at column 10$/);
  });

  test('unknown fields only warn, so the flow still loads', () => {
    const r = parseFlow(flow('data.amount > 1', '{"seq": seq}'));
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings.filter((w) => w.path.includes('config'))).toMatchObject({
      length: 1,
      0: {
        path: 'nodes[2].config.expression',
        severity: 'warning',
        message: 'no upstream producer sets data.amount at column 6',
      },
    });
  });
});

test('emits re-shape data for what lies downstream of the consumer', () => {
  const base = {
    format: 'eventflow.flow',
    version: 1,
    name: 'chain',
    nodes: [
      { id: 'p', kind: 'producer', config: { eventType: 'A', payload: '{"n": seq}' } },
      { id: 't', kind: 'topic', config: {} },
      {
        id: 'c',
        kind: 'consumer',
        config: { emits: [{ eventType: 'B', payload: '{"label": "x" + string(data.n)}' }] },
      },
      { id: 'u', kind: 'topic', config: {} },
      { id: 'f', kind: 'filter', config: { expression: 'data.label.startsWith("x") && data.n > 1' } },
      { id: 'd', kind: 'consumer', config: {} },
    ],
    edges: [
      { id: 'a', source: 'p', target: 't' },
      { id: 'b', source: 't', target: 'c' },
      { id: 'e', source: 'c', target: 'u' },
      { id: 'g', source: 'u', target: 'f' },
      { id: 'h', source: 'f', target: 'd' },
    ],
  };
  expect(parseFlow(base)).toMatchObject({
    ok: true,
    warnings: [
      { path: 'nodes[4].config.expression', message: 'no upstream producer sets data.n at column 36' },
    ],
  });
});
