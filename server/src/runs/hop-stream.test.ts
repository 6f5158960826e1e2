import { describe, expect, it } from 'vitest';
import type { Hop } from '@eventflow/shared';
import { createEngine } from '../engine/index.js';
import { chainFlow } from '../transport/test-support.js';
import { parsed } from '../transport/socket/socket-support.js';
import { DEFAULT_STREAM } from './defaults.js';
import { createHopStream } from './hop-stream.js';

function setup(storeCapacity = 100_000) {
  const engine = createEngine({ flow: parsed(chainFlow), seed: 7, storeCapacity });
  const batches: { hops: Hop[]; sampled: boolean }[] = [];
  const stream = createHopStream(
    engine.trace,
    { ...DEFAULT_STREAM, maxBatch: 50, sampleSize: 10, maxResync: 40 },
    (hops, sampled) => batches.push({ hops, sampled }),
  );
  return { engine, batches, stream };
}

describe('hop stream', () => {
  it('sends every hop in order when exact, in batches no larger than maxBatch', () => {
    const { engine, batches, stream } = setup();
    engine.step(120);
    stream.flush(true);
    expect(batches.map((b) => b.hops.length)).toEqual([50, 50, 20]);
    expect(batches.flatMap((b) => b.hops)).toEqual(engine.trace.read(1, 120));
    expect(batches.every((b) => !b.sampled)).toBe(true);
  });

  it('samples a large backlog down to the newest hops and marks it', () => {
    const { engine, batches, stream } = setup();
    engine.step(120);
    stream.flush(false);
    expect(batches).toEqual([{ hops: engine.trace.read(111, 120), sampled: true }]);
    expect(stream.flushedSeq()).toBe(120);
  });

  it('resyncs up to the stream position, capped to the newest maxResync hops', () => {
    const { engine, stream } = setup();
    engine.step(30);
    stream.flush(false);
    engine.step(10);
    expect(stream.resync(5)).toEqual({ hops: engine.trace.read(5, 30), complete: true });
    engine.step(100);
    stream.flush(true);
    expect(stream.resync(1)).toEqual({ hops: engine.trace.read(101, 140), complete: false });
    expect(stream.resync(141)).toEqual({ hops: [], complete: true });
  });

  it('reports a gap when hops were evicted before they could be sent', () => {
    const { engine, batches, stream } = setup(16);
    engine.step(40);
    stream.flush(true);
    expect(batches[0]!.sampled).toBe(true);
    expect(batches[0]!.hops[0]!.seq).toBe(engine.trace.firstSeq());
    expect(stream.resync(1).complete).toBe(false);
  });
});
