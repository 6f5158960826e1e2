/**
 * A long run at full speed in a process of its own, so its peak RSS is the run's and not the bench's:
 * the reference flow with its producer's count raised to EVENTS, run in slices of hops with the resident
 * set sampled after each. Prints one JSON line. Run by sections/scale.ts as
 * `node --import tsx bench/scale-probe.ts EVENTS`.
 */
import { createEngine } from '../server/src/engine/index.js';
import { loadReferenceFlow } from './reference.js';

const SLICE_HOPS = 2_000_000;
const events = Number(process.argv[2] ?? 10_000_000);
const base = loadReferenceFlow();
const flow = {
  ...base,
  nodes: base.nodes.map((n) =>
    n.kind === 'producer' ? { ...n, config: { ...n.config, count: events } } : n,
  ),
};
const engine = createEngine({ flow, seed: flow.seed ?? 1 });
const rss: number[] = [];
const t0 = process.hrtime.bigint();
let reason = engine.run({ maxHops: SLICE_HOPS });
rss.push(process.memoryUsage().rss);
while (reason === 'max-hops') {
  reason = engine.run({ maxHops: SLICE_HOPS });
  rss.push(process.memoryUsage().rss);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const s = engine.summary();
console.log(
  JSON.stringify({
    events: s.events.produced + s.events.emitted,
    produced: s.events.produced,
    hops: engine.trace.lastSeq(),
    storedHops: engine.trace.lastSeq() - engine.trace.firstSeq() + 1,
    seconds,
    reason,
    conservationOk: s.conservation.ok,
    // The resident set after the first tenth of the run and at its end: a bounded run stops growing.
    rssEarly: rss[Math.floor(rss.length / 10)] ?? 0,
    rssEnd: rss.at(-1) ?? 0,
    peakRss: process.resourceUsage().maxRSS * 1024,
  }),
);
