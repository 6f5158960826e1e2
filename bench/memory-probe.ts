/**
 * Measures what the engine holds per stored hop, in a process of its own: in the bench process, typed arrays
 * of earlier runs are freed lazily in the background and would hide the new engine's memory.
 * Run by sections/trace-store.ts as `node --expose-gc --import tsx bench/memory-probe.ts HOPS`; prints one JSON line.
 */
import { createEngine } from '../server/src/engine/index.js';
import { collectGarbage, usedBytes } from './lib.js';
import { loadReferenceFlow } from './reference.js';

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 50)); // lets V8 release ArrayBuffer backing stores
  }
};

const hops = Number(process.argv[2] ?? 1_000_000);
const flow = loadReferenceFlow();
await settle();
const before = usedBytes();
const engine = createEngine({ flow, seed: flow.seed ?? 1 });
engine.run({ maxHops: hops });
await settle();
const after = usedBytes();
const stored = engine.trace.lastSeq() - engine.trace.firstSeq() + 1;
console.log(JSON.stringify({ gc: collectGarbage(), bytes: after - before, stored }));
