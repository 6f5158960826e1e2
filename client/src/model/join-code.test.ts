import { describe, expect, it } from 'vitest';
import { formatJoinCode, joinCodeIn, joinUrlOf } from './join-code';

describe('join codes for people', () => {
  it('groups a code in threes, whatever case and dashes it was typed with', () => {
    expect(formatJoinCode('ABC234')).toBe('ABC-234');
    expect(formatJoinCode('abc-234')).toBe('ABC-234');
    expect(formatJoinCode(' abc 234 ')).toBe('ABC-234');
  });

  it('makes the join link from the canonical code and reads it back', () => {
    const url = joinUrlOf('http://localhost:3000', 'abc-234');
    expect(url).toBe('http://localhost:3000/?join=ABC234');
    expect(joinCodeIn(new URL(url).search)).toBe('ABC234');
    expect(joinCodeIn('?other=1')).toBeNull();
    expect(joinCodeIn('?join=%20')).toBeNull();
  });
});
