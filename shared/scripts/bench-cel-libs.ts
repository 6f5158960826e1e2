// One-off measurement behind docs/decisions/0002-cel-library.md: compile + evaluate the same expressions
// with both candidate CEL libraries. Run: npx tsx shared/scripts/bench-cel-libs.ts
import { Environment } from '@marcbachmann/cel-js';
import { celEnv, parse as bufParse, plan as bufPlan, celMap, isCelMap, isCelList } from '@bufbuild/cel';

const FILTER = 'event.type == "OrderPlaced" && data.total > 100';
const BUILDER =
  '{"orderId": "ORD-" + string(seq), "customerId": data.customer, "total": data.total, "vip": data.total > 400}';
const N = 1_000_000;

const event = {
  type: 'OrderPlaced',
  source: '/nodes/orders',
  id: 'ev-1',
  data: { total: 150, customer: 'c1' },
};
const data = event.data;

function time(label: string, n: number, fn: (i: number) => unknown): void {
  for (let i = 0; i < 10_000; i++) fn(i);
  const t0 = process.hrtime.bigint();
  let sink: unknown;
  for (let i = 0; i < n; i++) sink = fn(i);
  const ns = Number(process.hrtime.bigint() - t0);
  console.log(`${label.padEnd(44)} ${Math.round((n / ns) * 1e9).toLocaleString('en')} /s`, typeof sink);
}

const m = new Environment({ homogeneousAggregateLiterals: false })
  .registerVariable('event', 'map')
  .registerVariable('data', 'dyn')
  .registerVariable('seq', 'int');
time('marcbachmann compile filter', 20_000, () => m.parse(FILTER));
const mf = m.parse(FILTER);
const mctx = { event, data, seq: 1n };
time('marcbachmann eval filter', N, () => mf(mctx));
const mb = m.parse(BUILDER);
time('marcbachmann eval builder', N, (i) => {
  mctx.seq = BigInt(i);
  return mb(mctx);
});
console.log(mb(mctx));

const b = celEnv({});
time('bufbuild compile filter', 20_000, () => bufPlan(b, bufParse(FILTER)));
const bf = bufPlan(b, bufParse(FILTER));
console.log('bufbuild plain object input ->', bf({ event, data } as never));
const toMap = (o: Record<string, unknown>): unknown =>
  celMap(
    new Map(
      Object.entries(o).map(([k, v]) => [
        k,
        typeof v === 'object' && v ? toMap(v as Record<string, unknown>) : v,
      ]),
    ) as never,
  );
time('bufbuild eval filter (plain objects)', N, () => bf({ event, data } as never));
time('bufbuild eval filter (Map per call)', N / 4, () =>
  bf({ event: toMap(event), data: toMap(data) } as never),
);
const bb = bufPlan(b, bufParse(BUILDER));
time('bufbuild eval builder (plain objects)', N / 4, (i) => bb({ event, data, seq: BigInt(i) } as never));
const r = bb({ event, data, seq: 1n } as never);
console.log(isCelMap(r), isCelList(r), r);

// Our wrapper (compileCel): reused activation, result checks / toPlainJson included.
const { compileCel, createSeededRand } = await import('../src/cel/index.js');
const wf = compileCel(FILTER, 'filter');
const wb = compileCel(
  '{"orderId": "ORD-" + string(seq), "customerId": rand.pick(["c1","c2"]), "total": rand.int(5, 500)}',
  'payload',
);
if (wf.ok && wb.ok) {
  const vars = { event, data, key: null, seq: 1, now: 0, rand: createSeededRand(1) };
  time('compileCel filter evaluate', N, () => wf.expr.evaluate(vars));
  time('compileCel payload evaluate (+toPlainJson)', N, (i) => {
    vars.seq = i;
    return wb.expr.evaluate(vars);
  });
}
