import { describe, expect, it } from 'vitest';
import { PREVIEW_W, previewHorizon, stepPath } from './rate-preview';

describe('the rate preview', () => {
  it('draws a flat line without a schedule, over at least 5 s', () => {
    expect(previewHorizon({ rate: 5 })).toBe(5000);
    expect(stepPath({ rate: 5 }, 5000)).toBe(`M0,2.0 H${PREVIEW_W}`);
  });

  it('draws a spike as a step up and back down at its times, scaled to its peak', () => {
    const config = { rate: 10, schedule: { type: 'spike', at: 2000, for: 1000, rate: 40 } } as const;
    expect(previewHorizon(config)).toBe(5000);
    // 44 px high: the peak touches the top margin (2 px), the base rate sits at a quarter of the height.
    expect(stepPath(config, 5000)).toBe('M0,32.0 H96.0 V2.0 H144.0 V32.0 H240');
  });

  it('looks past the last step by a quarter', () => {
    const steps = { type: 'steps' as const, steps: [{ at: 8000, rate: 1 }] };
    expect(previewHorizon({ rate: 2, schedule: steps })).toBe(10000);
  });
});
