import {
  compileCel,
  planRead,
  readFailure,
  writtenVersion,
  type CelRand,
  type CompiledExpr,
  type FlowEvent,
  type ReadPlan,
} from '@eventflow/shared';
import type { BrokerPlan, PlannedConsumer } from './plan.js';
import { eventVars } from './publish-path.js';

interface Reader {
  plan: ReadPlan;
  upcast?: CompiledExpr;
}

// Per consumer, per (type, written version): planned once, like the engine's readers.
const readers = new WeakMap<PlannedConsumer, Map<string, Reader>>();

function readerOf(
  plan: BrokerPlan,
  cons: PlannedConsumer,
  eventType: string,
  written: number,
): Reader | undefined {
  const entry = plan.flow.schemas?.find((e) => e.eventType === eventType);
  if (!entry) return undefined;
  let mine = readers.get(cons);
  if (!mine) readers.set(cons, (mine = new Map()));
  const key = `${eventType}|${written}`;
  let r = mine.get(key);
  if (!r) {
    const read = planRead(entry, written, cons.config.reads, cons.config.upcasters);
    const up = read.kind === 'read' ? read.upcaster : undefined;
    const compiled = up ? compileCel(up.upcaster.payload, 'emit') : undefined;
    // parseFlow compiled every upcaster already: a failure here is a bug, not a user's mistake.
    if (compiled && !compiled.ok) throw new Error(`upcasters[${up!.index}].payload: ${compiled.message}`);
    r = { plan: read, ...(compiled?.ok ? { upcast: compiled.expr } : {}) };
    mine.set(key, r);
  }
  return r;
}

/**
 * The engine's schema check on a broker run (decision 0024): why `cons` cannot read `event`, or undefined.
 * The written version is its producer's `schemaVersion` (the source is `/nodes/<id>`), else the newest.
 */
export function brokerSchemaFailure(
  plan: BrokerPlan,
  cons: PlannedConsumer,
  event: FlowEvent,
  rand: CelRand,
): string | undefined {
  const entry = plan.flow.schemas?.find((e) => e.eventType === event.type);
  if (!entry) return undefined;
  const producer = plan.producers.find((p) => `/nodes/${p.id}` === event.source);
  const r = readerOf(plan, cons, event.type, writtenVersion(entry, producer?.config.schemaVersion));
  if (!r) return undefined;
  const upcast = r.upcast;
  return readFailure(
    event.type,
    r.plan,
    event.data,
    upcast && (() => upcast.evaluate(eventVars(event, rand))),
  );
}
