import { SessionToken } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { createSessionRegistry } from './sessions.js';

describe('session registry', () => {
  it('issues random tokens that match the protocol schema and resumes a known one', () => {
    const sessions = createSessionRegistry({ ttlMs: 1000, maxSessions: 10, now: () => 0 });
    const a = sessions.open(undefined)!;
    const b = sessions.open(undefined)!;
    expect(a.resumed).toBe(false);
    expect(SessionToken.safeParse(a.session.token).success).toBe(true);
    expect(a.session.token).not.toBe(b.session.token);
    expect(a.session.id).not.toBe(b.session.id);
    expect(sessions.open(a.session.token)).toEqual({ session: a.session, resumed: true });
    expect(sessions.open('unknown-token-0123456789')?.resumed).toBe(false);
  });

  it('keeps a session while it has sockets and for the TTL after the last one goes', () => {
    let now = 0;
    const sessions = createSessionRegistry({ ttlMs: 1000, maxSessions: 10, now: () => now });
    const { session } = sessions.open(undefined)!;
    sessions.attach(session);
    sessions.attach(session);
    now = 50_000;
    expect(sessions.byToken(session.token)).toBe(session);
    sessions.detach(session);
    now = 100_000;
    expect(sessions.byToken(session.token)).toBe(session);
    sessions.detach(session);
    now = 101_000;
    expect(sessions.byToken(session.token)).toBe(session);
    now = 101_001;
    expect(sessions.byToken(session.token)).toBeUndefined();
    const again = sessions.open(session.token)!;
    expect(again.resumed).toBe(false);
    expect(again.session.id).not.toBe(session.id);
  });

  it('stays bounded: drops the longest-idle session, and refuses when every session is connected', () => {
    let now = 0;
    const sessions = createSessionRegistry({ ttlMs: 60_000, maxSessions: 3, now: () => now });
    const live = sessions.open(undefined)!.session;
    sessions.attach(live);
    now = 1;
    const idleOld = sessions.open(undefined)!.session;
    now = 2;
    const idleNew = sessions.open(undefined)!.session;
    now = 3;
    const fourth = sessions.open(undefined)!.session;
    expect(sessions.size()).toBe(3);
    expect(sessions.byToken(idleOld.token)).toBeUndefined();
    expect(sessions.byToken(idleNew.token)).toBe(idleNew);
    expect(sessions.byToken(live.token)).toBe(live);
    sessions.attach(idleNew);
    sessions.attach(fourth);
    expect(sessions.open(undefined)).toBeUndefined();
    expect(sessions.open(live.token)?.session).toBe(live);
  });
});
