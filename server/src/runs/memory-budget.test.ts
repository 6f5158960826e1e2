import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, relieveMemory, totalBytes, type MemoryView } from './memory-budget.js';

const MB = 2 ** 20;
const view = (runId: string, mb: number, started: number, ended = false, ending = false): MemoryView => ({
  runId,
  heapBytes: mb * MB,
  started,
  ended,
  ending,
});

describe('run memory budget', () => {
  it('does nothing within the budget', () => {
    expect(relieveMemory([view('a', 60, 0), view('b', 40, 1)], 100 * MB)).toEqual({ evict: [] });
  });

  it('gives up ended runs first, oldest first, and only as many as needed', () => {
    const runs = [view('new', 30, 3, true), view('old', 30, 1, true), view('live', 80, 2)];
    expect(relieveMemory(runs, 110 * MB)).toEqual({ evict: ['old'] });
  });

  it('then ends the largest live run, one at a time', () => {
    const runs = [view('small', 30, 0), view('greedy', 300, 1), view('done', 10, 2, true)];
    expect(relieveMemory(runs, 100 * MB)).toEqual({
      evict: ['done'],
      end: { runId: 'greedy', heapBytes: 300 * MB },
    });
    const pending = [view('small', 30, 0), view('greedy', 300, 1, false, true)];
    expect(relieveMemory(pending, 100 * MB)).toEqual({ evict: [] });
  });

  it('always brings the reported sum within the budget or ends a live run', () => {
    const arb = fc.array(fc.record({ mb: fc.integer({ min: 0, max: 500 }), ended: fc.boolean() }), {
      maxLength: 10,
    });
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 2000 }), (list, budgetMb) => {
        const runs = list.map((r, i) => view(`r${i}`, r.mb, i, r.ended));
        const relief = relieveMemory(runs, budgetMb * MB);
        const left = runs.filter((r) => !relief.evict.includes(r.runId));
        expect(relief.evict.every((id) => runs.find((r) => r.runId === id)?.ended)).toBe(true);
        if (totalBytes(left) > budgetMb * MB) expect(relief.end).toBeDefined();
        else expect(relief.end).toBeUndefined();
        if (relief.end) {
          const largest = Math.max(...runs.filter((r) => !r.ended).map((r) => r.heapBytes));
          expect(relief.end.heapBytes).toBe(largest);
        }
      }),
    );
  });

  it('reads as a person would write it', () => {
    expect(formatBytes(2048 * MB)).toBe('2 GB');
    expect(formatBytes(1.1 * 1024 * MB)).toBe('1.1 GB');
    expect(formatBytes(300 * MB)).toBe('300 MB');
  });
});
