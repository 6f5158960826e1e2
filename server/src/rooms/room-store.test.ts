import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { ROOM_CODE_ALPHABET, RoomCode, parseFlow, type FlowDoc } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { newPresenterKey, newRoomCode, type RandomBytes } from './room-code.js';
import { createRoomStore, type RoomStoreOptions } from './room-store.js';
import { snapshotOf } from './room.js';

const flow: FlowDoc = (() => {
  const r = parseFlow({
    format: 'eventflow.flow',
    version: 1,
    name: 'Tiny',
    nodes: [
      { id: 'p', kind: 'producer', config: { eventType: 'E', rate: 1 } },
      { id: 't', kind: 'topic' },
      { id: 'c', kind: 'consumer' },
    ],
    edges: [
      { id: 'e1', source: 'p', target: 't' },
      { id: 'e2', source: 't', target: 'c' },
    ],
  });
  if (!r.ok) throw new Error('fixture flow does not parse');
  return r.flow;
})();

/** Bytes from a fixed list, cycled: makes codes predictable so collisions can be forced. */
const cycling = (bytes: number[]): RandomBytes => {
  let i = 0;
  return (n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!);
};

function setup(over: Partial<RoomStoreOptions> = {}) {
  const clock = { t: 0 };
  const store = createRoomStore({
    now: () => clock.t,
    random: (n) => new Uint8Array(randomBytes(n)),
    idleTtlMs: 1000,
    maxRooms: 10,
    maxRoomsPerPresenter: 2,
    maxAttendees: 3,
    ...over,
  });
  return { clock, store };
}

describe('join codes and presenter keys', () => {
  it('are 6 symbols of the look-alike-free alphabet, whatever the random bytes', () => {
    expect(ROOM_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }), (bytes) => {
        // Bytes ≥ 248 are rejected; a list of only those would never finish, so mix one usable byte in.
        const code = newRoomCode(cycling([...bytes, 7]));
        expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
        expect(RoomCode.parse(code.toLowerCase())).toBe(code);
      }),
    );
  });

  it('skips bytes that would bias the symbols', () => {
    expect(newRoomCode(cycling([248, 255, 0, 31, 62, 1, 2, 3]))).toBe('222345');
  });

  it('spreads symbols evenly over many codes', () => {
    const counts = new Map<string, number>();
    const random = (n: number) => new Uint8Array(randomBytes(n));
    for (let i = 0; i < 5000; i++)
      for (const ch of newRoomCode(random)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(31);
    const expected = (5000 * 6) / 31;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.2);
  });

  it('makes presenter keys of 192 random bits', () => {
    const key = newPresenterKey((n) => new Uint8Array(randomBytes(n)));
    expect(Buffer.from(key, 'base64url')).toHaveLength(24);
  });

  it('reads typed codes case-insensitively and without spaces or dashes, and refuses look-alikes', () => {
    expect(RoomCode.parse(' abc-23x ')).toBe('ABC23X');
    for (const bad of ['ABC23O', 'ABC231', 'ABCI23', 'ABCL23', 'ABC23', 'ABC2345'])
      expect(RoomCode.safeParse(bad).success, bad).toBe(false);
  });
});

describe('room store', () => {
  it('creates rooms with distinct codes even when the random source repeats', () => {
    // Each code takes 12 bytes and each key 24: the second room's first code collides with the first's.
    const same = Array.from({ length: 12 }, (_, i) => i);
    const chunks = [same, Array(24).fill(9), same, [...same].reverse(), Array(24).fill(8)];
    const { store } = setup({ random: (n) => Uint8Array.from(chunks.shift() ?? Array(n).fill(1)) });
    const a = store.create('s1', flow, 'Ada');
    const b = store.create('s2', flow, 'Bo');
    expect(a.ok && b.ok && a.value.room.code !== b.value.room.code).toBe(true);
  });

  it('keeps the presenter key out of snapshots and attendee names away from attendees', () => {
    const { store } = setup();
    const created = store.create('s1', flow, 'Ada');
    if (!created.ok) throw new Error(created.message);
    const { room, presenterKey } = created.value;
    store.join(room.code, 's2', 'Grace');
    const text = JSON.stringify(snapshotOf(room, () => undefined));
    expect(text).not.toContain(presenterKey);
    expect(text).not.toContain('Grace');
    expect(text).not.toContain('s1');
    expect(snapshotOf(room, () => undefined)).toMatchObject({ attendeeCount: 1, presenterName: 'Ada' });
  });

  it('resumes an attendee of the same session, and caps attendees and rooms', () => {
    const { store } = setup();
    const created = store.create('s1', flow, 'Ada');
    if (!created.ok) throw new Error(created.message);
    const { code } = created.value.room;
    const first = store.join(code, 'a', 'One');
    const again = store.join(code, 'a', 'One again');
    expect(
      first.ok && again.ok && again.value.resumed && again.value.attendee.id === first.value.attendee.id,
    ).toBe(true);
    store.join(code, 'b', 'Two');
    store.join(code, 'c', 'Three');
    expect(store.join(code, 'd', 'Four')).toMatchObject({ ok: false, code: 'room-limit' });
    expect(store.join(code, 's1', 'Me')).toMatchObject({ ok: false, code: 'conflict' });
    expect(store.create('s1', flow, 'Ada').ok).toBe(true);
    expect(store.create('s1', flow, 'Ada')).toMatchObject({ ok: false, code: 'room-limit' });
  });

  it('lets only the presenter change, end or be claimed with the key', () => {
    const { store } = setup();
    const created = store.create('s1', flow, 'Ada');
    if (!created.ok) throw new Error(created.message);
    const { room, presenterKey } = created.value;
    store.join(room.code, 'a', 'One');
    const before = JSON.stringify(snapshotOf(room, () => undefined));
    expect(store.present(room.code, 'a', { follow: { spotlight: 'p' } })).toMatchObject({
      code: 'forbidden',
    });
    expect(store.point(room.code, 'a', { x: 1, y: 2 })).toMatchObject({ code: 'forbidden' });
    expect(store.end(room.code, 'a')).toMatchObject({ code: 'forbidden' });
    expect(store.claim(room.code, 'a', 'x'.repeat(32))).toMatchObject({ code: 'forbidden' });
    expect(JSON.stringify(snapshotOf(room, () => undefined))).toBe(before);

    const changed = store.present(room.code, 's1', { follow: { spotlight: 'p' } });
    expect(changed).toMatchObject({
      ok: true,
      value: { version: room.version, delta: { follow: { spotlight: 'p' } } },
    });
    // A new session with the key takes over; the old one is refused from then on.
    expect(store.claim(room.code, 'a', presenterKey).ok).toBe(true);
    expect(store.roleOf(room, 'a')).toBe('presenter');
    expect(room.members.size).toBe(0);
    expect(store.present(room.code, 's1', { follow: { spotlight: null } })).toMatchObject({
      code: 'forbidden',
    });
    expect(store.end(room.code, 'a').ok).toBe(true);
    expect(store.join(room.code, 'b', 'Two')).toMatchObject({ ok: false, code: 'unknown-room' });
  });

  it('counts "bring everyone to me" in follow.recall, one per call, alone or with other fields', () => {
    const { store } = setup();
    const created = store.create('s1', flow, 'Ada');
    if (!created.ok) throw new Error(created.message);
    const { room } = created.value;
    expect(room.follow.recall).toBe(0);
    expect(store.present(room.code, 's1', { recall: true })).toMatchObject({
      ok: true,
      value: { delta: { follow: { recall: 1 } } },
    });
    expect(store.present(room.code, 's1', { recall: true, follow: { spotlight: 'p' } })).toMatchObject({
      ok: true,
      value: { delta: { follow: { recall: 2, spotlight: 'p' } } },
    });
    expect(store.present(room.code, 's1', { follow: { spotlight: null } })).toMatchObject({
      ok: true,
      value: { delta: { follow: { spotlight: null } } },
    });
    expect(snapshotOf(room, () => undefined).follow.recall).toBe(2);
  });

  it('expires a room once nobody has been connected for the TTL, not while someone is', () => {
    const { clock, store } = setup();
    const created = store.create('s1', flow, 'Ada');
    if (!created.ok) throw new Error(created.message);
    const { room } = created.value;
    store.attach(room, 's1');
    clock.t = 5000;
    expect(store.sweep()).toEqual([]);
    store.join(room.code, 'a', 'One');
    store.attach(room, 'a');
    store.detach(room, 's1');
    clock.t = 10_000;
    expect(store.get(room.code)).toBe(room);
    store.detach(room, 'a');
    clock.t = 11_000;
    expect(store.get(room.code)).toBe(room);
    clock.t = 11_001;
    expect(store.sweep()).toEqual([room]);
    expect(store.get(room.code)).toBeUndefined();
  });

  it('reports presence: the presenter to attendees, attendees to the presenter list', () => {
    const { store } = setup();
    const created = store.create('s1', flow, 'Ada');
    if (!created.ok) throw new Error(created.message);
    const { room } = created.value;
    expect(store.attach(room, 's1').change?.delta).toEqual({ presenterConnected: true });
    expect(store.attach(room, 's1').change).toBeUndefined();
    store.join(room.code, 'a', 'One');
    expect(store.attach(room, 'a')).toEqual({ listChanged: true });
    expect(store.attendees(room)).toEqual([{ id: 'attendee-1', name: 'One', connected: true }]);
    expect(store.detach(room, 'a')).toEqual({ listChanged: true });
    expect(store.attendees(room)[0]?.connected).toBe(false);
    store.detach(room, 's1');
    expect(store.detach(room, 's1').change?.delta).toEqual({ presenterConnected: false });
  });
});
