import type { RunMetrics } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import { createAppStore } from '../../store/store';
import { isAllDown, selectDownState } from './down-state';

const withInstances = (instances: { busy: boolean; partitions: number[]; down?: boolean }[]) =>
  createAppStore({
    metrics: {
      nodes: { billing: { in: 0, out: 0, inFlight: 0, failures: 0, rate: 0, instances } },
    } as unknown as RunMetrics,
  }).getState();

describe('a consumer’s down state on the canvas', () => {
  test('none down, some down, all down', () => {
    const up = withInstances([
      { busy: true, partitions: [0] },
      { busy: false, partitions: [1] },
    ]);
    expect(selectDownState('billing')(up)).toBe('');
    const one = withInstances([
      { busy: false, partitions: [], down: true },
      { busy: false, partitions: [0, 1] },
    ]);
    expect(selectDownState('billing')(one)).toBe('1/2');
    expect(isAllDown('1/2')).toBe(false);
    const all = withInstances([
      { busy: false, partitions: [], down: true },
      { busy: false, partitions: [], down: true },
    ]);
    expect(selectDownState('billing')(all)).toBe('2/2');
    expect(isAllDown('2/2')).toBe(true);
  });

  test('no run, or another node, shows nothing', () => {
    expect(selectDownState('billing')(createAppStore().getState())).toBe('');
    expect(selectDownState('other')(withInstances([{ busy: false, partitions: [], down: true }]))).toBe('');
    expect(isAllDown('')).toBe(false);
  });
});
