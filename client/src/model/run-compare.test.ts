import { describe, expect, it } from 'vitest';
import { NodeStats } from '@eventflow/shared';
import { BETTER, deltaBadges, outcomesText } from './run-compare';

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

describe('badge tones by meaning', () => {
  const toneFor = (key: keyof NodeStats, d: number) => deltaBadges({ [key]: d })[0]?.tone;

  it('more acked is better, fewer acked is worse', () => {
    expect(toneFor('acked', 3)).toBe('better');
    expect(toneFor('acked', -3)).toBe('worse');
  });

  it.each(['deadLettered', 'dropped', 'expired', 'failed', 'filterErrors'] as const)(
    'more %s is worse, fewer is better',
    (key) => {
      expect(toneFor(key, 2)).toBe('worse');
      expect(toneFor(key, -2)).toBe('better');
    },
  );

  it.each(['in', 'out', 'filtered', 'duplicatesSkipped'] as const)('%s is traffic: neither', (key) => {
    expect(toneFor(key, 5)).toBe('neutral');
    expect(toneFor(key, -5)).toBe('neutral');
  });

  it('gives every counter a meaning', () => {
    expect(Object.keys(BETTER).sort()).toEqual(Object.keys(NodeStats.shape).sort());
  });
});
