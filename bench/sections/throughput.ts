import { createEngine } from '../../server/src/engine/index.js';
import { runFloor } from '../floor.js';
import { fmt, median, nowNs } from '../lib.js';
import { loadReferenceFlow } from '../reference.js';
import type { BenchSection } from './section.js';

const GOAL_HOPS_PER_S = 3_000_000;

/**
 * Traced hops/s of the real engine on the reference flow, and of the hand-written floor of the same topology.
 * Repetitions interleave the two so machine noise lands on both alike (as perf-anchors/baseline.mjs does).
 */
export const throughput: BenchSection = {
  name: 'throughput',
  async run({ hops, reps }) {
    const flow = loadReferenceFlow();
    const engineRun = (maxHops: number) => {
      const engine = createEngine({ flow, seed: flow.seed ?? 1 }); // construction is not timed
      const t0 = nowNs();
      engine.run({ maxHops });
      const ns = Number(nowNs() - t0);
      return { ns, hops: engine.trace.lastSeq(), summary: engine.summary() };
    };

    engineRun(Math.min(hops, 200_000));
    runFloor(Math.min(hops, 200_000));
    const engineRates: number[] = [];
    const floorRates: number[] = [];
    let last = engineRun(1);
    let floorHopsPerEvent = 0;
    for (let r = 0; r < reps; r++) {
      last = engineRun(hops);
      engineRates.push(last.hops / (last.ns / 1e9));
      const f = runFloor(hops);
      floorRates.push(f.hops / (f.ns / 1e9));
      floorHopsPerEvent = f.hops / f.events;
    }
    const engine = median(engineRates);
    const floor = median(floorRates);
    const ratio = engine / floor;
    const s = last.summary;
    const engineEvents = s.events.produced + s.events.emitted;
    return {
      rows: [
        {
          metric: 'engine traced hops/s',
          value: `${fmt(engine)} (min ${fmt(Math.min(...engineRates))}, max ${fmt(Math.max(...engineRates))})`,
          goal: `≥ ${fmt(GOAL_HOPS_PER_S)}`,
          pass: engine >= GOAL_HOPS_PER_S,
        },
        {
          metric: 'floor traced hops/s',
          value: `${fmt(floor)} (min ${fmt(Math.min(...floorRates))}, max ${fmt(Math.max(...floorRates))})`,
        },
        { metric: 'engine / floor', value: ratio.toFixed(3), goal: '≈ 0.35', pass: ratio >= 0.35 },
        {
          metric: 'hops per measured run',
          value: `engine ${last.hops.toLocaleString('en-US')}, floor ≥ ${hops.toLocaleString('en-US')}`,
        },
        {
          metric: 'hops per event',
          value: `engine ${(last.hops / Math.max(1, engineEvents)).toFixed(2)}, floor ${floorHopsPerEvent.toFixed(2)}`,
        },
        {
          metric: 'engine conservation (stopped mid-run)',
          value: s.conservation.ok
            ? `ok (${s.outcomes.inFlight} in flight)`
            : `FAILED ${s.conservation.accounted}/${s.conservation.expected}`,
          pass: s.conservation.ok,
        },
      ],
      metrics: {
        engineHopsPerSec: Math.round(engine),
        floorHopsPerSec: Math.round(floor),
        ratio: Number(ratio.toFixed(4)),
        engineHops: last.hops,
        conservationOk: s.conservation.ok,
      },
    };
  },
};
