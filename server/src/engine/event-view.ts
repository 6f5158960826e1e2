import { formatSimTime, type CelRand, type FlowEvent } from '@eventflow/shared';
import { spanIdOf, traceIdOf } from './random.js';
import type { State } from './state.js';

/** Event ids are derived from the run-wide index: short, stable and parseable back to the index. */
export const eventIdOf = (index: number) => `e${index + 1}`;

export function eventIndexOf(id: string): number {
  if (!/^e[1-9][0-9]{0,14}$/.test(id)) return -1;
  return Number(id.slice(1)) - 1;
}

export const traceOf = (s: State, index: number) => traceIdOf(s.seed, s.events.root(index));

/** The CloudEvents 1.0 envelope of a stored event. */
export function cloudEventOf(s: State, index: number): FlowEvent {
  const ev = s.events;
  const parent = ev.parent(index);
  const key = ev.key(index);
  const e: FlowEvent = {
    specversion: '1.0',
    id: eventIdOf(index),
    source: `/nodes/${s.nodeIds[ev.source(index)]}`,
    type: s.typeNames[ev.type(index)] ?? 'unknown',
    time: formatSimTime(ev.time(index)),
    datacontenttype: 'application/json',
    data: ev.data(index),
    traceparent: `00-${traceOf(s, index)}-${spanIdOf(s.seed, index)}-01`,
    correlationid: eventIdOf(ev.root(index)),
  };
  if (key !== undefined) e.partitionkey = key;
  if (parent >= 0) e.causationid = eventIdOf(parent);
  return e;
}

/** Whether an expression reads the CloudEvent envelope (a cheap over-approximation on the source text). */
export const readsEnvelope = (source: string) => /\bevent\b/.test(source);

/** CEL variables for expressions over one event; one mutable object, reused for every evaluation. */
export function createEventVars(s: State) {
  let cachedIndex = -1;
  let cached: FlowEvent | undefined;
  const rand: CelRand = {
    int: (lo, hi) => s.rng.int(lo, hi),
    float: () => s.rng.float(),
    pick: (xs) => xs[Math.floor(s.rng.float() * xs.length)],
    uuid: () => s.rng.uuid(),
  };
  // `row`: the projection row a consumer's query read, set only around its emits (decision 0029).
  const vars: {
    event: FlowEvent | undefined;
    data: unknown;
    key: string | null;
    rand: CelRand;
    row: unknown;
  } = {
    event: undefined,
    data: undefined,
    key: null,
    rand,
    row: undefined,
  };
  return {
    rand,
    /**
     * Variables for one event. Building the CloudEvent envelope (time string, traceparent) costs more than
     * most expressions, so it is built only for expressions that mention `event`.
     */
    forEvent(index: number, needsEnvelope = true) {
      if (!needsEnvelope) {
        vars.event = undefined;
        vars.data = s.events.data(index);
        vars.key = s.events.key(index) ?? null;
        return vars;
      }
      if (index !== cachedIndex) {
        cached = cloudEventOf(s, index);
        cachedIndex = index;
      }
      vars.event = cached;
      vars.data = cached!.data;
      vars.key = cached!.partitionkey ?? null;
      return vars;
    },
    forget(index: number) {
      if (index === cachedIndex) cachedIndex = -1;
    },
  };
}
export type EventVars = ReturnType<typeof createEventVars>;
