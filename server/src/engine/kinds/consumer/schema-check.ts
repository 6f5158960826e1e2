import {
  planRead,
  readFailure,
  writtenVersion,
  type CompiledExpr,
  type EventSchema,
  type FlowDoc,
  type ReadPlan,
} from '@eventflow/shared';
import type { Ctx } from '../../ctx.js';
import { compileOrThrow, type Delivery, type RtConsumer } from '../../state.js';

/** How one consumer reads one (event type, written version): the plan and its compiled upcaster. */
export interface Reader {
  eventType: string;
  plan: ReadPlan;
  upcast?: CompiledExpr;
}

// Keyed by the flow document, which a run never replaces: built once per run, read per delivery.
const byFlow = new WeakMap<FlowDoc, Map<string, EventSchema>>();
function schemasOf(flow: FlowDoc): Map<string, EventSchema> {
  let m = byFlow.get(flow);
  if (!m) {
    m = new Map((flow.schemas ?? []).map((e) => [e.eventType, e] as const));
    byFlow.set(flow, m);
  }
  return m;
}

/** The version the event was written at: its producer's `schemaVersion`, else (emits too) the newest. */
function writtenAt(s: Ctx, entry: EventSchema, event: number): number {
  const producer = s.producers[s.events.source(event)];
  return writtenVersion(entry, producer?.config.schemaVersion);
}

function readerFor(s: Ctx, c: RtConsumer, type: number, entry: EventSchema, written: number): Reader {
  c.readers ??= new Map();
  const key = type * 1024 + written;
  let r = c.readers.get(key);
  if (!r) {
    const plan = planRead(entry, written, c.config.reads, c.config.upcasters);
    const up = plan.kind === 'read' ? plan.upcaster : undefined;
    r = {
      eventType: entry.eventType,
      plan,
      ...(up
        ? { upcast: compileOrThrow(up.upcaster.payload, 'emit', `upcasters[${up.index}].payload`) }
        : {}),
    };
    c.readers.set(key, r);
  }
  return r;
}

/**
 * Why the consumer cannot read the delivered event (the failure reason, starting `schema:`), or undefined:
 * its data is checked against the reader schema after any upcaster, the way a registry client deserialises
 * before processing. Events of a type with no schema are not checked.
 */
export function schemaFailure(s: Ctx, c: RtConsumer, d: Delivery): string | undefined {
  // Most flows declare no schemas: two map lookups per processing for nothing (decision 0036).
  if (s.flow.schemas === undefined || s.flow.schemas.length === 0) return undefined;
  const type = s.events.type(d.event);
  const entry = schemasOf(s.flow).get(s.typeNames[type]!);
  if (!entry) return undefined;
  const r = readerFor(s, c, type, entry, writtenAt(s, entry, d.event));
  const upcast = r.upcast;
  return readFailure(
    r.eventType,
    r.plan,
    s.events.data(d.event),
    upcast && (() => upcast.evaluate(s.vars.forEvent(d.event, true))),
  );
}
