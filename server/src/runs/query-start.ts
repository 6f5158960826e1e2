import type { TraceQuery } from '@eventflow/shared';
import type { QueryStart } from '../engine/api.js';

/** The `row`/`eventId` of a `trace:query`, without the fields it left out. */
export function queryStart(c: Pick<TraceQuery, 'row' | 'eventId'>): QueryStart {
  return {
    ...(c.row === undefined ? {} : { row: c.row }),
    ...(c.eventId === undefined ? {} : { eventId: c.eventId }),
  };
}
