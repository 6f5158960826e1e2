import type { Ctx } from '../../ctx.js';
import { cloudEventOf } from '../../event-view.js';
import type { Feed, StoreEntry } from './model.js';

/**
 * Appends an event to a feed (a store's log, or a topic-fed projection's own log) as the next version of its
 * aggregate, at the run's current time and last hop, with a copy of its CloudEvent: the one way both logs grow,
 * so positions, versions and the per-aggregate index always agree.
 */
export function appendToFeed(s: Ctx, feed: Feed, aggregate: string, event: number): StoreEntry {
  const entry: StoreEntry = {
    position: feed.entries.length,
    aggregate,
    version: (feed.versions.get(aggregate) ?? 0) + 1,
    t: s.now,
    seq: s.hops.last,
    event,
    envelope: cloudEventOf(s, event),
  };
  feed.versions.set(aggregate, entry.version);
  feed.entries.push(entry);
  const positions = feed.byAggregate.get(aggregate);
  if (positions) positions.push(entry.position);
  else feed.byAggregate.set(aggregate, [entry.position]);
  return entry;
}
