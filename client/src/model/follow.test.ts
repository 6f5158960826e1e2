import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFollow, showsPresenter, startFollowing, type Follow, type FollowAction } from './follow';

const action: fc.Arbitrary<FollowAction> = fc.oneof(
  fc.constant({ type: 'pan' as const }),
  fc.constant({ type: 'follow-again' as const }),
  fc.constant({ type: 'fork' as const }),
  fc.constant({ type: 'back' as const }),
  fc.integer({ min: 0, max: 8 }).map((recall) => ({ type: 'recall' as const, recall })),
);

describe('the follow state of an attendee', () => {
  it('stops following on a pan, follows again on request, and forks into a sandbox', () => {
    let f: Follow = startFollowing(0);
    f = nextFollow(f, { type: 'pan' });
    expect(f.mode).toBe('free');
    f = nextFollow(f, { type: 'follow-again' });
    expect(f.mode).toBe('following');
    f = nextFollow(f, { type: 'fork' });
    expect(f.mode).toBe('sandbox');
    expect(nextFollow(f, { type: 'pan' }).mode).toBe('sandbox');
    expect(nextFollow(f, { type: 'back' }).mode).toBe('following');
  });

  it('obeys a recall only once: a snapshot repeating it does not pull the attendee back again', () => {
    let f = nextFollow(startFollowing(2), { type: 'pan' });
    expect(nextFollow(f, { type: 'recall', recall: 2 }).mode).toBe('free');
    f = nextFollow(f, { type: 'recall', recall: 3 });
    expect(f).toEqual({ mode: 'following', recallSeen: 3 });
    f = nextFollow(nextFollow(f, { type: 'fork' }), { type: 'recall', recall: 3 });
    expect(f.mode).toBe('sandbox');
  });

  it('holds its rules over any sequence of actions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.array(action, { maxLength: 40 }), (start, actions) => {
        let f = startFollowing(start);
        for (const a of actions) {
          const next = nextFollow(f, a);
          // The recall seen never goes down, and a larger one always means following.
          expect(next.recallSeen).toBeGreaterThanOrEqual(f.recallSeen);
          if (a.type === 'recall' && a.recall > f.recallSeen) expect(next.mode).toBe('following');
          // Only a pan leaves following for a view of one's own; only a fork makes a sandbox.
          if (next.mode === 'free' && f.mode !== 'free') expect(a.type).toBe('pan');
          if (next.mode === 'sandbox' && f.mode !== 'sandbox') expect(a.type).toBe('fork');
          // A sandbox is left only by "back" or a recall: a pan or "follow again" never throws work away.
          if (f.mode === 'sandbox' && next.mode !== 'sandbox') expect(['back', 'recall']).toContain(a.type);
          // Following is what a pan-free "follow again" from a view of one's own gives.
          if (f.mode === 'free' && a.type === 'follow-again') expect(showsPresenter(next.mode)).toBe(true);
          f = next;
        }
        const ended = nextFollow(f, { type: 'ended' });
        expect(ended.mode).toBe('ended');
        for (const a of actions) expect(nextFollow(ended, a)).toBe(ended);
      }),
    );
  });
});
