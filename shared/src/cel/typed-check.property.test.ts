import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { inferArrivingData } from '../flow/data-flow.js';
import { readLoose } from '../flow/loose-flow.js';
import { upstreamSamples } from '../flow/samples.js';
import { compileCel, createSeededRand } from './index.js';
import { validateExpression } from './preview.js';

// Errors that mean "these types have no operation": the checker exists to catch these before a run.
const TYPE_ERROR = /no such overload|requires bool operands|unsupported type/i;

const FIELDS = ['a', 'b', 'c'];
const payloadValue = fc.constantFrom(
  'seq',
  'seq * 2',
  'seq + 0.5',
  'now',
  '"s-" + string(seq)',
  'rand.float()',
  'rand.int(1, 9)',
  'rand.uuid()',
  'seq % 2 == 0',
  '[seq, 1]',
  '{"k": seq}',
  '1.5',
  '"x"',
  'true',
  'null',
);
const payloadEntries = fc.uniqueArray(fc.tuple(fc.constantFrom(...FIELDS), payloadValue), {
  minLength: 1,
  maxLength: 3,
  selector: ([k]) => k,
});

const OPS = ['+', '-', '*', '/', '%', '<', '<=', '==', '!=', '&&', '||', 'in'] as const;

/** Expressions over the fields the payload sets (and one it does not), operators weighing most. */
function exprOver(fields: readonly string[]): fc.Arbitrary<string> {
  const field = fc.oneof(
    { arbitrary: fc.constantFrom(...fields).map((f) => `data.${f}`), weight: 6 },
    { arbitrary: fc.constant('data.zz'), weight: 1 },
  );
  const atom = fc.oneof(
    { arbitrary: field, weight: 6 },
    { arbitrary: fc.constantFrom('2', '2.5', '"s"', 'true', 'null', '[1, 2]'), weight: 3 },
    { arbitrary: field.map((f) => `int(${f})`), weight: 2 },
    { arbitrary: field.map((f) => `double(${f})`), weight: 1 },
    { arbitrary: field.map((f) => `string(${f})`), weight: 1 },
  );
  // Depth ≤ 2 keeps enough cases well-typed to be accepted, and each one readable when it fails.
  const exprOf = (depth: number): fc.Arbitrary<string> => {
    if (depth === 0) return atom;
    const sub = exprOf(depth - 1);
    return fc.oneof(
      { arbitrary: atom, weight: 2 },
      {
        arbitrary: fc.tuple(sub, fc.constantFrom(...OPS), sub).map(([l, op, r]) => `(${l} ${op} ${r})`),
        weight: 6,
      },
      { arbitrary: sub.map((e) => `!${e}`), weight: 1 },
      { arbitrary: sub.map((e) => `-${e}`), weight: 1 },
      { arbitrary: fc.tuple(sub, sub, sub).map(([c, y, n]) => `(${c} ? ${y} : ${n})`), weight: 1 },
      { arbitrary: sub.map((e) => `${e}.startsWith("s")`), weight: 1 },
      { arbitrary: sub.map((e) => `size(${e})`), weight: 1 },
    );
  };
  return exprOf(2);
}

const cases = payloadEntries.chain((entries) =>
  exprOver(entries.map(([k]) => k)).map((source) => ({
    payloadSource: `{${entries.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`,
    source,
  })),
);

function flowWith(payloadSource: string, emit: string) {
  return {
    nodes: [
      { id: 'p', kind: 'producer', config: { eventType: 'T', payload: payloadSource } },
      { id: 't', kind: 'topic', config: {} },
      { id: 'c', kind: 'consumer', config: { emits: [{ eventType: 'U', payload: emit }] } },
    ],
    edges: [
      { id: 'e1', source: 'p', target: 't' },
      { id: 'e2', source: 't', target: 'c' },
    ],
  };
}

describe('the type-aware checker is sound on upstream samples', () => {
  test('an expression it accepts never fails with a type error on the samples its producers build', () => {
    let accepted = 0;
    let acceptedOperators = 0;
    fc.assert(
      fc.property(cases, ({ payloadSource, source }) => {
        const { nodes, edges } = readLoose(flowWith(payloadSource, source));
        const data = inferArrivingData(nodes, edges).get('c');
        expect(data).toBeDefined();
        const problems = validateExpression(source, 'emit', data);
        if (problems.some((p) => p.severity === 'error')) return;
        accepted++;
        if (/ [-+*/%<=!&|in]+ /.test(source)) acceptedOperators++;
        const compiled = compileCel(source, 'emit');
        if (!compiled.ok) throw new Error(`accepted but does not compile: ${source}`);
        const samples = upstreamSamples(nodes, edges, 'c', 'emit');
        expect(samples).toHaveLength(3);
        for (const s of samples) {
          try {
            compiled.expr.evaluate({
              event: s.event,
              data: s.event.data,
              key: null,
              rand: createSeededRand(1),
            });
          } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            expect(message, `${source} on ${JSON.stringify(s.event.data)}`).not.toMatch(TYPE_ERROR);
          }
        }
      }),
      { numRuns: 1000, seed: 9 },
    );
    // The property says little if the checker rejects nearly everything, or accepts only atoms.
    expect(accepted).toBeGreaterThan(150);
    expect(acceptedOperators).toBeGreaterThan(25);
  });

  test('what it rejects as an error really fails on those samples (no false alarms)', () => {
    fc.assert(
      fc.property(cases, ({ payloadSource, source }) => {
        const { nodes, edges } = readLoose(flowWith(payloadSource, source));
        const data = inferArrivingData(nodes, edges).get('c');
        const typeErrors = validateExpression(source, 'emit', data).filter(
          (p) => p.severity === 'error' && p.message.startsWith('no such overload'),
        );
        const compiled = compileCel(source, 'emit');
        // Only whole expressions whose one problem is an operator at the top can be judged simply.
        if (typeErrors.length !== 1 || !compiled.ok || !/^\(.*\)$/.test(source)) return;
        for (const s of upstreamSamples(nodes, edges, 'c', 'emit')) {
          let failed = false;
          try {
            compiled.expr.evaluate({
              event: s.event,
              data: s.event.data,
              key: null,
              rand: createSeededRand(1),
            });
          } catch {
            failed = true;
          }
          // `&&`/`||`/`?:` may skip the bad side, so only a failure-free run with no short circuit is wrong.
          if (!failed && !/&&|\|\||\?/.test(source)) throw new Error(`flagged but ran: ${source}`);
        }
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});
