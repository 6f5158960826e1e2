import { z } from 'zod';
import { CelSource, kindNode, PositiveMs } from '../../flow/primitives.js';
import type { SharedKind } from '../kind.js';

export const ProjectionConfig = z.strictObject({
  /** CEL with no event: the state of a row before its aggregate's first event, evaluated once per run. */
  initial: CelSource,
  /** CEL over `state` (the row so far), `event`, `data` and `key`: the row after this event. */
  reducer: CelSource,
  /** Simulated ms from an event being stored to this projection applying it: its eventual consistency. */
  lagMs: PositiveMs.max(600_000).default(20),
  /** A rebuild may start from the newest snapshot, taken every this many applied events (0 = none). */
  snapshotEvery: z.number().int('must be an integer').min(0, 'must be ≥ 0').max(1_000_000).default(0),
  /**
   * Fed by a topic (decision 0029): CEL over `event`, `data` and `key`, the row an event belongs to; default the
   * event's key. A store-fed projection uses the store's aggregate id and ignores it.
   */
  key: CelSource.optional(),
  /**
   * A projection added mid-run: until this simulated ms it applies nothing; then it replays its source from
   * position 0 (one event per ms, like a rebuild) and follows it live. 0 = there from the start.
   */
  joinsAtMs: z.number().finite().min(0, 'must be ≥ 0 ms').max(86_400_000).default(0),
});
export type ProjectionConfig = z.infer<typeof ProjectionConfig>;

/** A read model per aggregate (or key), folded from an event store's or a topic's events by a CEL reducer. */
export const projection = {
  kind: 'projection',
  title: 'Projection',
  config: ProjectionConfig,
  node: kindNode('projection', ProjectionConfig),
  starter: {
    initial: '{"status": "none", "events": 0}',
    reducer: '{"status": event.type, "events": state.events + 1}',
  },
  connects: {
    to: [],
    whyNot: {
      consumer:
        'a projection is read, not published from: make the edge a query (the consumer reads a row while it processes)',
    },
    queryTo: ['consumer'],
  },
  expressions: (c) => [
    { field: 'initial', source: c.initial, context: 'payload' },
    { field: 'reducer', source: c.reducer, context: 'reducer' },
    ...(c.key === undefined ? [] : [{ field: 'key', source: c.key, context: 'aggregate' as const }]),
  ],
} satisfies SharedKind<'projection'>;
