import { describe, expect, it } from 'vitest';
import { deltaBadges, outcomesText } from './run-compare';

describe('deltaBadges', () => {
  it('shows outcomes before traffic, signed, toned by which way is better, at most three', () => {
    expect(deltaBadges({ in: 4, acked: 12, deadLettered: -5, failed: -30, dropped: 1 })).toEqual([
      { key: 'acked', text: '+12 acked', tone: 'better' },
      { key: 'deadLettered', text: '−5 dead-lettered', tone: 'better' },
      { key: 'dropped', text: '+1 dropped', tone: 'worse' },
    ]);
    expect(deltaBadges({ in: -1200 })).toEqual([{ key: 'in', text: '−1,200 in', tone: 'neutral' }]);
    expect(deltaBadges(undefined)).toEqual([]);
  });
});

describe('outcomesText', () => {
  it('says where an event ended, or that it was in flight or missing', () => {
    expect(outcomesText({ charger: 'dead-lettered', audit: 'acked' })).toBe(
      'charger: dead-lettered, audit: acked',
    );
    expect(outcomesText({})).toBe('in flight');
    expect(outcomesText(undefined)).toBe('not in this run');
  });
});
