import { describe, expect, it } from 'vitest';
import { CLIENT_HOLDS_AT_MOST, MAX_INFLIGHT_MESSAGES } from './mosquitto-limits.js';
import { UnsettledBound } from './unsettled-bound.js';

const settle = () => new Promise((r) => setImmediate(r));

describe('UnsettledBound', () => {
  it('keeps the in-flight window below what Mosquitto holds for one client', () => {
    expect(new UnsettledBound(2).limit).toBe(CLIENT_HOLDS_AT_MOST - MAX_INFLIGHT_MESSAGES);
  });

  it('counts an undelivered message against every consumer and a delivered one against its own until flushed', async () => {
    const b = new UnsettledBound(2, 4);
    for (let i = 0; i < 4; i++) expect(b.publish()).toBeUndefined();
    expect(b.room()).toBe(0);
    let fifth = false;
    void b.publish()!.then(() => (fifth = true));
    // Handed to consumer 0 but its PUBACK not out yet: it still counts, so no room.
    b.onDelivered(0);
    b.onDelivered(0);
    expect(b.room()).toBe(0);
    // One for consumer 1: it no longer counts against consumer 0, whose two are now the worst.
    b.onDelivered(1);
    expect(b.room()).toBe(1);
    b.onFlushed(0, 2);
    await settle();
    // The flush woke the waiting publisher, which took one of the two free places.
    expect(fifth).toBe(true);
    expect(b.room()).toBe(1);
  });

  it('wakes no more waiting publishers than there is room for', async () => {
    const b = new UnsettledBound(1, 2);
    b.publish();
    b.publish();
    const done: number[] = [];
    for (let i = 0; i < 3; i++) void b.publish()!.then(() => done.push(i));
    b.onDelivered(0);
    b.onFlushed(0, 1);
    await settle();
    expect(done).toEqual([0]);
    expect(b.room()).toBe(0);
  });
});
