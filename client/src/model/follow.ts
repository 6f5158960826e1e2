/**
 * What an attendee's canvas shows in a workshop: the presenter's flow and view (`following`), the presenter's
 * flow and run from a view of their own (`free`, after a pan or zoom), or a fork of their own (`sandbox`).
 * `ended` once the workshop is over: nothing moves it back.
 */
export type FollowMode = 'following' | 'free' | 'sandbox' | 'ended';

export interface Follow {
  mode: FollowMode;
  /** The presenter's `follow.recall` last obeyed: only a larger one brings the attendee back. */
  recallSeen: number;
}

export type FollowAction =
  | { type: 'pan' }
  | { type: 'follow-again' }
  /** The room's `follow.recall` as a snapshot or delta says it. */
  | { type: 'recall'; recall: number }
  | { type: 'fork' }
  | { type: 'back' }
  | { type: 'ended' };

export const startFollowing = (recall: number): Follow => ({ mode: 'following', recallSeen: recall });

/** The one place the follow rules live; pure, so a model test can drive it through any sequence. */
export function nextFollow(f: Follow, a: FollowAction): Follow {
  if (f.mode === 'ended') return f;
  switch (a.type) {
    case 'pan':
      return f.mode === 'following' ? { ...f, mode: 'free' } : f;
    case 'follow-again':
      return f.mode === 'free' ? { ...f, mode: 'following' } : f;
    case 'recall':
      // An older or repeated count (a snapshot after a reconnect) is not a new call to follow.
      return a.recall > f.recallSeen ? { mode: 'following', recallSeen: a.recall } : f;
    case 'fork':
      return { ...f, mode: 'sandbox' };
    case 'back':
      return f.mode === 'sandbox' ? { ...f, mode: 'following' } : f;
    case 'ended':
      return { ...f, mode: 'ended' };
  }
}

/** The presenter's flow is on screen (read-only) in these modes; a sandbox shows the attendee's own. */
export const showsPresenter = (mode: FollowMode) => mode === 'following' || mode === 'free';
