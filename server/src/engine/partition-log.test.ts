import { describe, expect, test } from 'vitest';
import { PartitionLog } from './partition-log.js';
import { createEngine } from './engine.js';
import { flow } from './test-helpers.js';

describe('PartitionLog.compactTo', () => {
  test('drops a prefix that frees half the buffer and keeps every later offset readable', () => {
    const log = new PartitionLog();
    for (let i = 0; i < 64; i++) log.append(100 + i, i, i + 0.5);
    expect(log.full).toBe(true);
    log.compactTo(40);
    expect(log.bufferStart).toBe(40);
    expect(log.full).toBe(false);
    for (let o = 40; o < 64; o++) {
      expect(log.eventAt(o)).toBe(100 + o);
      expect(log.publishedAt(o)).toBe(o);
      expect(log.availableAt(o)).toBe(o + 0.5);
    }
    expect(log.append(999, 64, 64)).toBe(64);
    expect(log.eventAt(64)).toBe(999);
  });

  test('keeps the buffer when the prefix frees less than half of it', () => {
    const log = new PartitionLog();
    for (let i = 0; i < 64; i++) log.append(i, i, i);
    log.compactTo(10);
    expect(log.bufferStart).toBe(0);
    expect(log.eventAt(0)).toBe(0);
  });
});

test('a long run keeps its partition buffers bounded: what no group reads and the event table dropped goes', () => {
  const f = flow({
    nodes: [
      { id: 'p', kind: 'producer', config: { eventType: 'E', rate: 100_000, count: 60_000 } },
      { id: 't', kind: 'topic', config: { partitions: 1, latencyMs: 0.001 } },
      { id: 'c', kind: 'consumer', config: { processingMs: 0.001 } },
    ],
    edges: [
      { source: 'p', target: 't' },
      { source: 't', target: 'c' },
    ],
  });
  const engine = createEngine({ flow: f, seed: 3, storeCapacity: 4096 });
  expect(engine.run()).toBe('idle');
  const view = engine.readTopic('t', { limit: 5 });
  if (!view.ok) throw new Error(view.message);
  const p0 = view.value.partitions[0]!;
  expect(p0.next).toBe(60_000);
  // The readable window follows the small hop store, not the 60,000 entries of the run.
  expect(p0.oldest).toBeGreaterThan(50_000);
  expect(p0.events.map((e) => e.offset)).toEqual([59_995, 59_996, 59_997, 59_998, 59_999]);
  expect(engine.summary().conservation.ok).toBe(true);
});
