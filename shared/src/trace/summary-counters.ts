import type { FlowDoc } from '../flow/schema.js';
import type { NodeStats } from './summary.js';

// The counters `summarizeTrace` keeps while it reads a trace, in the shapes the engine reports them.

export interface GroupCounts {
  consumers: string[];
  expected: number;
  acked: number;
  dropped: number;
  deadLettered: number;
  expired: number;
  duplicatesProcessed: number;
  duplicatesSkipped: number;
  orderViolations: number;
  lastAckAt: number;
}

export const newGroup = (consumers: string[]): GroupCounts => ({
  consumers,
  expected: 0,
  acked: 0,
  dropped: 0,
  deadLettered: 0,
  expired: 0,
  duplicatesProcessed: 0,
  duplicatesSkipped: 0,
  orderViolations: 0,
  lastAckAt: 0,
});

export const perSecond = (n: number, ms: number) => (ms > 0 ? (n * 1000) / ms : 0);

/** The counters the engine reports for a node of this kind (`engine/kinds/<kind>` `stats`). */
export function statsFor(kind: FlowDoc['nodes'][number]['kind'], s: Required<NodeStats>): NodeStats {
  switch (kind) {
    case 'producer':
      return { out: s.out - s.dropped, dropped: s.dropped };
    case 'topic':
      return { in: s.in, out: s.out, expired: s.expired };
    case 'filter':
      return { in: s.in, out: s.out, filtered: s.filtered, filterErrors: s.filterErrors };
    case 'router':
      return { in: s.in, out: s.out, dropped: s.dropped, filterErrors: s.filterErrors };
    case 'consumer':
    case 'webhook':
      return {
        in: s.in,
        out: s.out,
        acked: s.acked,
        failed: s.failed,
        dropped: s.dropped,
        deadLettered: s.deadLettered,
        duplicatesSkipped: s.duplicatesSkipped,
      };
    // A store: writes in, events stored, writes refused; a projection: events in, applied, reducer failures.
    case 'event-store':
    case 'projection':
      return { in: s.in, out: s.out, failed: s.failed };
  }
}

/** Every counter a node can have, at zero; `statsFor` picks the ones its kind reports. */
export const zeroStats = (): Required<NodeStats> => ({
  in: 0,
  out: 0,
  filtered: 0,
  filterErrors: 0,
  acked: 0,
  failed: 0,
  dropped: 0,
  deadLettered: 0,
  expired: 0,
  duplicatesSkipped: 0,
});
