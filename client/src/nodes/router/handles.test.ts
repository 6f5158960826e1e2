import { starterConfig, type RouteRule } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { moveRule, nextRuleId, routeHandles } from './handles';

const rule = (id: string): RouteRule => ({ id, label: id.toUpperCase(), match: 'pattern', pattern: '#' });

describe('router handles', () => {
  it('gives each rule a handle in rule order, the default route last, spread down the right side', () => {
    const handles = routeHandles(starterConfig('router'));
    expect(handles.map((h) => [h.id, h.label])).toEqual([
      ['rule-1', 'EU'],
      ['rule-2', 'Large'],
      ['default', 'default'],
    ]);
    const tops = handles.map((h) => h.top);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    expect(tops[0]).toBeGreaterThan(0.2);
    expect(tops.at(-1)).toBeLessThan(1);
  });

  it('a router with no rules still has its default handle', () => {
    expect(routeHandles({ mode: 'first-match', rules: [] }).map((h) => h.id)).toEqual(['default']);
  });

  it('names a new rule with an id no rule has', () => {
    expect(nextRuleId({ mode: 'first-match', rules: [rule('rule-1'), rule('rule-3')] })).toBe('rule-4');
    expect(nextRuleId({ mode: 'first-match', rules: [rule('rule-2')] })).toBe('rule-3');
    expect(nextRuleId({ mode: 'first-match', rules: [rule('rule-1')] })).toBe('rule-2');
  });

  it('moves a rule up or down with its id, and leaves the ends where they are', () => {
    const rules = [rule('a'), rule('b'), rule('c')];
    expect(moveRule(rules, 2, -1).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(moveRule(rules, 0, 1).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(moveRule(rules, 0, -1).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(moveRule(rules, 2, 1).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(rules.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
