// Measurement behind docs/decisions/0003-cel-fast-path.md: evaluations per second of the engine's typical
// expressions through `compileCel(...).expr.evaluate`, library path vs fast path. Each (expression, path)
// runs in its own process (so one path's JIT feedback does not slow the other), rounds interleaved, and
// the median is reported (the machine is shared). Run: npx tsx shared/scripts/bench-cel-fast.ts
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileCel, createSeededRand, type CelContext } from '../src/cel/index.js';

const CASES: [string, CelContext, string][] = [
  ['filter', 'filter', 'data.amount > 250'],
  ['key', 'key', 'data.account'],
  ['payload builder', 'payload', '{"account": "acct-" + string(seq % 64), "amount": rand.int(1, 1000)}'],
  ['emit copy', 'emit', '{"account": data.account, "amount": data.amount}'],
];
const ROUNDS = 5;
const N = 500_000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Evaluations per second of one case on one path, median of 5 timed loops after warm-up. */
function measure(index: number, fast: boolean): number {
  const [, context, source] = CASES[index]!;
  const compiled = compileCel(source, context, { fast });
  if (!compiled.ok) throw new Error(`${source}: ${compiled.message}`);
  const { expr } = compiled;
  const data = { account: 'acct-7', amount: 420 };
  const vars = {
    event: { specversion: '1.0', id: 'e1', source: '/p', type: 'Payment', data },
    data,
    key: 'acct-7',
    seq: 0,
    now: 0,
    rand: createSeededRand(1),
  };
  const loop = (): number => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      vars.seq = i;
      expr.evaluate(vars);
    }
    return (N / Number(process.hrtime.bigint() - t0)) * 1e9;
  };
  for (let i = 0; i < 3; i++) loop();
  return median(Array.from({ length: 5 }, loop));
}

const [flag, which, mode] = process.argv.slice(2);
if (flag === '--one') {
  console.log(measure(Number(which), mode === 'fast'));
} else {
  const self = fileURLToPath(import.meta.url);
  const fmt = (n: number): string => `${(n / 1e6).toFixed(2)} M/s (${Math.round(1e9 / n)} ns)`;
  for (const [i, [label, , source]] of CASES.entries()) {
    const rates = { lib: [] as number[], fast: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const m of ['lib', 'fast'] as const) {
        const out = spawnSync(process.execPath, [...process.execArgv, self, '--one', String(i), m], {
          encoding: 'utf8',
        });
        if (out.status !== 0) throw new Error(out.stderr);
        rates[m].push(Number(out.stdout.trim()));
      }
    }
    const l = median(rates.lib);
    const f = median(rates.fast);
    console.log(
      `${label.padEnd(16)} library ${fmt(l).padEnd(22)} fast ${fmt(f).padEnd(22)} ×${(f / l).toFixed(1)}   ${source}`,
    );
  }
}
