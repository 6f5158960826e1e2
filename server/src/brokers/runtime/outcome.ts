import type { Delivery } from '../transport.js';
import { call, record, type HopDraft, type RunCtx } from './ctx.js';

/**
 * Where an attempt's hops are written: the delivery's event, trace, group, partition and offset, and the consumer.
 * A hop itself (its `delivered` hop without the edge and the broker's location), so each later hop of the attempt
 * is one copy with its own type.
 */
export type Place = HopDraft;

/**
 * Sends an ack or nak without waiting for the broker's answer, as broker clients do: the instance goes on to its
 * next delivery while the settle travels. The run's idle check still waits for every answer (`pendingCalls`).
 */
export const settle = call;

/** The pair's outcome, counted once: the run is settled when every pair has one. */
export function finish(c: RunCtx, hop: HopDraft & { type: 'acked' | 'dropped' | 'dead-lettered' }) {
  record(c, hop);
  c.accounted++;
}

export function skipDuplicate(c: RunCtx, mine: Place, d: Delivery): undefined {
  record(c, { ...mine, type: 'duplicate-skipped', reason: 'already processed by this group' });
  finish(c, { ...mine, type: 'acked' });
  settle(c, d.ack());
  return undefined;
}
