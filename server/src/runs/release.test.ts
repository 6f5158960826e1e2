import { expect, it } from 'vitest';
import { createEngine } from '../engine/index.js';
import { parsed } from '../transport/socket/socket-support.js';
import { backlogFlow } from './run-test-support.js';

// Vitest runs its workers with --expose-gc (vite.config.ts), as the server runs its run workers.
const exposed = (globalThis as { gc?: () => void }).gc;
if (!exposed) throw new Error('run the tests with --expose-gc (vite.config.ts sets it)');
const gc: () => void = exposed;
const MB = 2 ** 20;

async function settledBytes(): Promise<number> {
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100)); // V8 frees ArrayBuffer backing stores lazily
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

it('release frees an ended engine’s scheduling state and keeps its trace readable', async () => {
  // Warms every module-level cache (CEL, schemas) so the baseline holds them too.
  createEngine({ flow: parsed(backlogFlow()), seed: 1, storeCapacity: 1000 }).run({ maxHops: 10_000 });
  const before = await settledBytes();
  const engine = createEngine({
    flow: parsed(backlogFlow()),
    seed: 1,
    storeCapacity: 200_000,
  });
  engine.run({ maxHops: 2_000_000 });
  const held = (await settledBytes()) - before;
  const lastSeq = engine.trace.lastSeq();
  const hops = engine.trace.read(lastSeq - 9, lastSeq);
  engine.release();
  const kept = (await settledBytes()) - before;
  expect(engine.trace.read(lastSeq - 9, lastSeq)).toEqual(hops);
  expect(engine.trace.path(hops[0]!.event).hops.length).toBeGreaterThan(0);
  console.info(
    `backlog engine after 2M hops: ${(held / MB).toFixed(1)} MB held, ${(kept / MB).toFixed(1)} MB after release`,
  );
  // What stays is the trace store and the event ring up to the oldest event the trace still shows.
  expect(kept).toBeLessThan(held * 0.75);
}, 60_000);
