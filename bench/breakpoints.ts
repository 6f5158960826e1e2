/**
 * What breakpoints cost a run at full speed: the worker's pacer on the reference flow, to 500k hops, with no
 * breakpoints (the chunked path), with one that watches a node but never matches, and with a condition that
 * is evaluated at every arrival at a node and never holds. `npx tsx bench/breakpoints.ts`
 */
import type { Breakpoint } from '@eventflow/shared';
import { createEngine } from '../server/src/engine/index.js';
import { createBreakpointWatch } from '../server/src/runs/breakpoint-watch.js';
import { createPacer } from '../server/src/runs/pacer.js';
import { loadReferenceFlow } from './reference.js';

const HOPS = 500_000;
const flow = loadReferenceFlow();

function measure(list: Breakpoint[]): Promise<number> {
  const engine = createEngine({ flow, seed: 1, storeCapacity: 1_000_000 });
  const watch = createBreakpointWatch(
    () => engine,
    new Set(flow.nodes.map((n) => n.id)),
    () => {
      throw new Error('no breakpoint here should match');
    },
  );
  const set = watch.set(list);
  if (!set.ok) throw new Error(set.message);
  return new Promise((resolve) => {
    // CPU time, not wall time: this machine is shared, and the question is what the run itself spends.
    const t0 = process.cpuUsage();
    const rate = () => {
      const used = process.cpuUsage(t0);
      return engine.trace.lastSeq() / ((used.user + used.system) / 1e6);
    };
    const pacer = createPacer({
      wallNow: () => performance.now(),
      engine: () => engine,
      onWork: () => {
        if (engine.trace.lastSeq() < HOPS) return;
        pacer.stop();
        resolve(rate());
      },
      onIdle: () => resolve(rate()),
      onError: (e) => {
        throw e;
      },
      watching: () => watch.watching(),
      checkHop: () => watch.checkLast(),
    });
    pacer.start('max');
  });
}

const cases: [string, Breakpoint[]][] = [
  ['no breakpoints', []],
  ['one disabled breakpoint', [{ id: 'd', name: 'd', node: 'mailer', enabled: false }]],
  [
    'node breakpoint, never matches',
    [{ id: 'n', name: 'n', node: 'mailer', hops: ['expired'], enabled: true }],
  ],
  [
    'condition at every arrival, never holds',
    [{ id: 'c', name: 'c', condition: 'data.amount > 1000000 && type == "OrderPlaced"', enabled: true }],
  ],
];
for (let round = 0; round < 3; round++) {
  for (const [name, list] of cases) {
    const rate = await measure(list);
    console.log(`${name.padEnd(42)} ${(rate / 1e6).toFixed(2)} M hops per CPU second`);
  }
}
