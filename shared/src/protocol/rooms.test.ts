import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, DisplayName, PresenterPatch, RoomJoin, sanitizeDisplayName } from './rooms.js';

describe('display names', () => {
  it('are trimmed, whitespace folded, and control and bidi characters removed', () => {
    expect(sanitizeDisplayName('  Ada \t\n Lovelace  ')).toBe('Ada Lovelace');
    expect(sanitizeDisplayName('Ev\u0000e\u0007\u001b[31m')).toBe('Eve[31m');
    expect(sanitizeDisplayName('\u202Eevil\u202C\u200B\uFEFF')).toBe('evil');
    expect(sanitizeDisplayName('👩\u200D💻 Dev')).toBe('👩\u200D💻 Dev');
  });

  it('are cut to the limit in code points, never in the middle of a surrogate pair', () => {
    const name = sanitizeDisplayName('😀'.repeat(100));
    expect(Array.from(name)).toHaveLength(DISPLAY_NAME_MAX);
    expect(name).toBe('😀'.repeat(DISPLAY_NAME_MAX));
  });

  it('never keep a control character, edge whitespace or more than the limit, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (raw) => {
        const name = sanitizeDisplayName(raw);
        expect(name).not.toMatch(/\p{Cc}/u);
        expect(name).toBe(name.trim());
        expect(Array.from(name).length).toBeLessThanOrEqual(DISPLAY_NAME_MAX);
      }),
    );
  });

  it('refuse a name with nothing visible, and over-long raw input', () => {
    expect(DisplayName.safeParse(' \u0000\u202E ').success).toBe(false);
    expect(DisplayName.safeParse('x'.repeat(401)).success).toBe(false);
    expect(RoomJoin.parse({ code: 'abc234', name: '  Grace ' })).toEqual({ code: 'ABC234', name: 'Grace' });
  });
});

describe('presenter patches', () => {
  it('need at least one field and refuse unknown ones', () => {
    expect(PresenterPatch.safeParse({}).success).toBe(false);
    expect(PresenterPatch.safeParse({ zoom: 2 }).success).toBe(false);
    expect(PresenterPatch.safeParse({ spotlight: null }).success).toBe(true);
    expect(PresenterPatch.safeParse({ recall: true }).success).toBe(true);
    expect(PresenterPatch.safeParse({ recall: false }).success).toBe(false);
    expect(PresenterPatch.safeParse({ viewport: { x: 0, y: 0, zoom: 0 } }).success).toBe(false);
    expect(PresenterPatch.safeParse({ selection: { eventId: 'ev-1', hopSeq: 3 } }).success).toBe(true);
  });
});
