import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createEngine } from '../../server/src/engine/index.js';
import { median, nowNs, seededRandom } from '../lib.js';
import { loadReferenceFlow } from '../reference.js';
import type { BenchSection } from './section.js';

const LOOKUPS = 1000;

const Probe = z.object({ gc: z.boolean(), bytes: z.number(), stored: z.number() });

/** Heap plus ArrayBuffer growth per stored hop, measured in a fresh process (see memory-probe.ts). */
function measureInFreshProcess(hops: number): { canMeasureHeap: boolean; measured: number } {
  const probe = fileURLToPath(new URL('../memory-probe.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', probe, String(hops)], {
    encoding: 'utf8',
  });
  const r = Probe.parse(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
  return { canMeasureHeap: r.gc, measured: r.bytes / r.stored };
}

/** Memory per stored hop and the cost of fetching one event's path from a full store. */
export const traceStore: BenchSection = {
  name: 'traceStore',
  async run({ hops }) {
    // Everything the engine holds after the run (store, event table, logs), divided over the hops it stores.
    const { canMeasureHeap, measured } = measureInFreshProcess(hops);
    const flow = loadReferenceFlow();
    const engine = createEngine({ flow, seed: flow.seed ?? 1 });
    engine.run({ maxHops: hops });
    const stored = engine.trace.lastSeq() - engine.trace.firstSeq() + 1;
    const reported = engine.trace.bytesPerHop();

    // Pick the sample ids first, so the timed loop holds only path lookups.
    const random = seededRandom(7);
    const first = engine.trace.firstSeq();
    const ids: string[] = [];
    while (ids.length < LOOKUPS) {
      const seq = first + Math.floor(random() * stored);
      const hop = engine.trace.read(seq, seq)[0];
      if (hop) ids.push(hop.event);
    }
    for (const id of ids.slice(0, 100)) engine.trace.path(id); // warm-up
    const micros: number[] = [];
    let pathHops = 0;
    for (const id of ids) {
      const t0 = nowNs();
      const path = engine.trace.path(id);
      micros.push(Number(nowNs() - t0) / 1000);
      pathHops += path.hops.length;
    }
    const lookup = median(micros);
    const sorted = [...micros].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? lookup;
    return {
      rows: [
        {
          metric: 'stored hops',
          value: `${stored.toLocaleString('en-US')} (${engine.trace.evicted().toLocaleString('en-US')} evicted)`,
        },
        {
          metric: 'bytes per stored hop (bytesPerHop())',
          value: `${reported.toFixed(1)} B`,
          goal: '≤ 64 B',
          pass: reported <= 64,
        },
        {
          metric: 'bytes per stored hop (heap delta)',
          value: canMeasureHeap ? `${measured.toFixed(1)} B` : 'n/a (run node with --expose-gc)',
          goal: '≤ 64 B',
          pass: canMeasureHeap ? measured <= 64 : undefined,
        },
        {
          metric: `path lookup, median of ${LOOKUPS}`,
          value: `${lookup.toFixed(1)} µs (p99 ${p99.toFixed(1)} µs, ${(pathHops / LOOKUPS).toFixed(1)} hops/path)`,
          goal: '< 1000 µs',
          pass: lookup < 1000,
        },
      ],
      metrics: {
        storedHops: stored,
        bytesPerHopReported: Number(reported.toFixed(2)),
        bytesPerHopMeasured: canMeasureHeap ? Number(measured.toFixed(2)) : 'n/a',
        pathLookupMedianUs: Number(lookup.toFixed(2)),
        pathLookupP99Us: Number(p99.toFixed(2)),
      },
    };
  },
};
