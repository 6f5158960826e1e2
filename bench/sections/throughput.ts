import type { FlowDoc } from '@eventflow/shared';
import { createEngine } from '../../server/src/engine/index.js';
import { runFloor } from '../floor.js';
import { fmt, median, nowNs } from '../lib.js';
import { loadBenchFlow, loadReferenceFlow } from '../reference.js';
import type { BenchRow, BenchSection } from './section.js';

const GOAL_HOPS_PER_S = 3_000_000;
const GOAL_RATIO = 0.35;

function engineRun(flow: FlowDoc, maxHops: number) {
  const engine = createEngine({ flow, seed: flow.seed ?? 1 }); // construction is not timed
  const t0 = nowNs();
  engine.run({ maxHops });
  const ns = Number(nowNs() - t0);
  return { ns, hops: engine.trace.lastSeq(), summary: engine.summary() };
}
type EngineRun = ReturnType<typeof engineRun>;

const spread = (xs: number[]) =>
  `${fmt(median(xs))} (min ${fmt(Math.min(...xs))}, max ${fmt(Math.max(...xs))})`;

/** The rows of one flow: its rate, its ratio to the same run's floor, its shape and its conservation check. */
function flowRows(label: string, rates: number[], floor: number, last: EngineRun, goal: boolean): BenchRow[] {
  const ratio = median(rates) / floor;
  const s = last.summary;
  const events = s.events.produced + s.events.emitted;
  return [
    {
      metric: `${label}: engine traced hops/s`,
      value: spread(rates),
      ...(goal ? { goal: `≥ ${fmt(GOAL_HOPS_PER_S)}`, pass: median(rates) >= GOAL_HOPS_PER_S } : {}),
    },
    {
      metric: `${label}: engine / floor`,
      value: ratio.toFixed(3),
      goal: `≥ ${GOAL_RATIO}`,
      pass: ratio >= GOAL_RATIO,
    },
    {
      metric: `${label}: hops per run, per event`,
      value: `${last.hops.toLocaleString('en-US')}, ${(last.hops / Math.max(1, events)).toFixed(2)}`,
    },
    {
      metric: `${label}: conservation (stopped mid-run)`,
      value: s.conservation.ok
        ? `ok (${s.outcomes.inFlight} in flight)`
        : `FAILED ${s.conservation.accounted}/${s.conservation.expected}`,
      pass: s.conservation.ok,
    },
  ];
}

/**
 * Traced hops/s of the real engine on the reference flow and on the heavier one (bench/heavy.flow.json: more
 * payload fields, a two-clause filter, two emits, requeued retries with exponential backoff), against the
 * hand-written floor of the reference topology. Repetitions interleave the three so machine noise lands on
 * all alike (as perf-anchors/baseline.mjs does); both ratios divide by the same run's floor.
 */
export const throughput: BenchSection = {
  name: 'throughput',
  async run({ hops, reps }) {
    const reference = loadReferenceFlow();
    const heavy = loadBenchFlow('heavy.flow.json');
    engineRun(reference, Math.min(hops, 200_000));
    engineRun(heavy, Math.min(hops, 200_000));
    runFloor(Math.min(hops, 200_000));
    const refRates: number[] = [];
    const heavyRates: number[] = [];
    const floorRates: number[] = [];
    let lastRef = engineRun(reference, 1);
    let lastHeavy = engineRun(heavy, 1);
    let floorHopsPerEvent = 0;
    for (let r = 0; r < reps; r++) {
      lastRef = engineRun(reference, hops);
      refRates.push(lastRef.hops / (lastRef.ns / 1e9));
      const f = runFloor(hops);
      floorRates.push(f.hops / (f.ns / 1e9));
      floorHopsPerEvent = f.hops / f.events;
      lastHeavy = engineRun(heavy, hops);
      heavyRates.push(lastHeavy.hops / (lastHeavy.ns / 1e9));
    }
    const floor = median(floorRates);
    return {
      rows: [
        ...flowRows('reference', refRates, floor, lastRef, true),
        ...flowRows('heavy', heavyRates, floor, lastHeavy, false),
        {
          metric: 'floor traced hops/s (reference topology)',
          value: `${spread(floorRates)}, ${floorHopsPerEvent.toFixed(2)} hops per event`,
        },
      ],
      metrics: {
        engineHopsPerSec: Math.round(median(refRates)),
        floorHopsPerSec: Math.round(floor),
        ratio: Number((median(refRates) / floor).toFixed(4)),
        engineHops: lastRef.hops,
        conservationOk: lastRef.summary.conservation.ok && lastHeavy.summary.conservation.ok,
        heavyHopsPerSec: Math.round(median(heavyRates)),
        heavyRatio: Number((median(heavyRates) / floor).toFixed(4)),
      },
    };
  },
};
