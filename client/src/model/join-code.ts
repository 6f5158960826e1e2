import { RoomCode } from '@eventflow/shared';

/** A join code as people read it off a projector: two groups of three (`ABC-234`). */
export function formatJoinCode(code: string): string {
  const parsed = RoomCode.safeParse(code);
  const c = parsed.success ? parsed.data : code.toUpperCase();
  return c.length === 6 ? `${c.slice(0, 3)}-${c.slice(3)}` : c;
}

/** The link attendees open: the app's own page with `?join=CODE` (the server never needs it). */
export function joinUrlOf(origin: string, code: string): string {
  const parsed = RoomCode.safeParse(code);
  return `${origin}/?join=${parsed.success ? parsed.data : encodeURIComponent(code)}`;
}

/** The code of a join link's `?join=` (as typed: the join dialog checks it), or null. */
export function joinCodeIn(search: string): string | null {
  const raw = new URLSearchParams(search).get('join');
  return raw && raw.trim() ? raw.trim().slice(0, 32) : null;
}
