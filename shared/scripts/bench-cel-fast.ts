// Measurement behind docs/decisions/0003-cel-fast-path.md: evaluations per second of the engine's typical
// expressions through `compileCel(...).expr.evaluate`, library path vs fast path, median of interleaved
// rounds (the machine is shared). Run: npx tsx shared/scripts/bench-cel-fast.ts
import { compileCel, createSeededRand, type CelContext } from '../src/cel/index.js';

const CASES: [string, CelContext, string][] = [
  ['filter', 'filter', 'data.amount > 250'],
  ['key', 'key', 'data.account'],
  ['payload builder', 'payload', '{"account": "acct-" + string(seq % 64), "amount": rand.int(1, 1000)}'],
  ['emit copy', 'emit', '{"account": data.account, "amount": data.amount}'],
];
const ROUNDS = 7;
const N = 300_000;

const data = { account: 'acct-7', amount: 420 };
const event = { specversion: '1.0', id: 'e1', source: '/p', type: 'Payment', data };
const rand = createSeededRand(1);

function rate(evaluate: (vars: object) => unknown): number {
  const vars = { event, data, key: 'acct-7', seq: 0, now: 0, rand };
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    vars.seq = i;
    evaluate(vars);
  }
  return (N / Number(process.hrtime.bigint() - t0)) * 1e9;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => `${(n / 1e6).toFixed(2)} M/s (${Math.round(1e9 / n)} ns)`;

for (const [label, context, source] of CASES) {
  const lib = compileCel(source, context, { fast: false });
  const fast = compileCel(source, context, { fast: true });
  if (!lib.ok || !fast.ok) throw new Error(`${source} does not compile`);
  const a = lib.expr.evaluate.bind(lib.expr);
  const b = fast.expr.evaluate.bind(fast.expr);
  for (let i = 0; i < 3; i++) (rate(a), rate(b)); // warm-up
  const libRates: number[] = [];
  const fastRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    libRates.push(rate(a));
    fastRates.push(rate(b));
  }
  const l = median(libRates);
  const f = median(fastRates);
  console.log(`${label.padEnd(16)} library ${fmt(l).padEnd(22)} fast ${fmt(f).padEnd(22)} ×${(f / l).toFixed(1)}   ${source}`);
}
