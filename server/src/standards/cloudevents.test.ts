import { CloudEvent, HTTP, ValidationError } from 'cloudevents';
import type { FlowDoc, FlowEvent } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../brokers/registry.js';
import { runOnBroker } from '../brokers/runtime/broker-run.js';
import { planBrokerRun } from '../brokers/runtime/plan.js';
import { brokerReachable, brokersRequired } from '../brokers/test-support.js';
import { createEngine } from '../engine/index.js';
import { loadExampleFlows } from './test-examples.js';

const EXAMPLES = loadExampleFlows();
const REQUIRED = ['id', 'source', 'specversion', 'type'] as const;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const EXTENSIONS = ['traceparent', 'partitionkey', 'correlationid', 'causationid'] as const;

/**
 * Throws unless `raw` is a valid CloudEvents 1.0 event by the SDK's strict validation. The SDK's constructor
 * fills in a missing `id`, `time` or `specversion`, so the required attributes are checked on `raw` first:
 * an event the engine wrote without an id would otherwise pass. `validate()` returns false, without throwing,
 * for any specversion but 1.0. And it accepts any object as an extension's value, where the spec's type system
 * allows only booleans, integers and strings (URIs and timestamps are strings in JSON).
 */
function validate(raw: Record<string, unknown>): CloudEvent<unknown> {
  for (const name of REQUIRED) {
    if (typeof raw[name] !== 'string' || raw[name] === '') throw new ValidationError(`no ${name}`);
  }
  for (const [name, value] of Object.entries(raw)) {
    const scalar = typeof value === 'string' || typeof value === 'boolean' || Number.isInteger(value);
    if (name !== 'data' && value !== undefined && !scalar)
      throw new ValidationError(`${name} is not a scalar`);
  }
  const ce = new CloudEvent<unknown>(raw, true);
  if (!ce.validate()) throw new ValidationError(`not CloudEvents 1.0: specversion ${ce.specversion}`);
  return ce;
}

/** Every event of a simulated run of `flow` on its default seed, in the order first seen in the trace. */
function simulatedEvents(flow: FlowDoc): FlowEvent[] {
  const engine = createEngine({ flow, seed: flow.seed ?? 1 });
  engine.run();
  const ids = new Set(engine.trace.read(1, engine.trace.lastSeq()).map((h) => h.event));
  return [...ids].map((id) => {
    const e = engine.trace.event(id);
    if (!e) throw new Error(`no event ${id}`);
    return e;
  });
}

/** Valid per the SDK, a well-formed traceparent, and the chain's ids where they belong. */
function expectCloudEvents(events: Iterable<FlowEvent>): number {
  const byId = new Map([...events].map((e) => [e.id, e]));
  for (const e of byId.values()) {
    const ce = validate(e);
    // Structured content mode, as a broker or webhook carries it, decodes to the same event.
    const decoded = HTTP.toEvent({
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(e),
    });
    expect(decoded).toMatchObject({ id: e.id, type: e.type, source: e.source, traceparent: e.traceparent });
    expect(ce.time).toBe(e.time);

    const [, traceId, spanId] = TRACEPARENT.exec(e.traceparent) ?? [];
    expect(traceId, `${e.id} traceparent ${e.traceparent}`).toBeDefined();
    expect(traceId).not.toBe('0'.repeat(32));
    expect(spanId).not.toBe('0'.repeat(16));

    const root = byId.get(e.correlationid);
    expect(root, `${e.id}'s root ${e.correlationid}`).toBeDefined();
    expect(root?.causationid).toBeUndefined();
    expect(root?.traceparent.slice(3, 35)).toBe(traceId);
    if (e.causationid === undefined) expect(e.correlationid).toBe(e.id);
    else {
      const parent = byId.get(e.causationid);
      expect(parent, `${e.id}'s parent ${e.causationid}`).toBeDefined();
      expect(parent?.correlationid).toBe(e.correlationid);
      expect(parent?.traceparent.slice(3, 35)).toBe(traceId);
    }
  }
  return byId.size;
}

describe('every event a run produces is a CloudEvents 1.0 event (cloudevents SDK)', () => {
  const sample = simulatedEvents(EXAMPLES.find((x) => x.file === 'compensated-saga.flow.json')!.flow);
  const chained = sample.find((e) => e.causationid !== undefined)!;

  it('rejects broken events (the check can fail)', () => {
    const broken: Record<string, unknown>[] = [
      { ...chained, id: undefined },
      { ...chained, specversion: '0.9' },
      { ...chained, source: 42 },
      { ...chained, time: 'yesterday' },
      { ...chained, correlationId: chained.correlationid },
      { ...chained, causation_id: chained.causationid },
      { ...chained, partitionkey: { nested: true } },
    ];
    for (const raw of broken) expect(() => validate(raw), JSON.stringify(raw)).toThrow(ValidationError);
    expect(() => validate({ ...chained })).not.toThrow();
  });

  it('uses only extension names the spec allows (lowercase alphanumeric, at most 20 characters)', () => {
    for (const name of EXTENSIONS) expect(name).toMatch(/^[a-z0-9]{1,20}$/);
    const known = new Set<string>([...EXTENSIONS, 'specversion', 'id', 'source', 'type', 'time']);
    for (const e of sample) {
      const unknown = Object.keys(e).filter((k) => !known.has(k) && k !== 'datacontenttype' && k !== 'data');
      expect(unknown).toEqual([]);
    }
  });

  it('chains carry the root as correlationid, the parent as causationid and the root trace id', () => {
    expect(chained.correlationid).not.toBe(chained.id);
    expect(expectCloudEvents(sample)).toBe(sample.length);
  });

  it.each(EXAMPLES)('$file: every event of its trace is valid', ({ flow }) => {
    expect(expectCloudEvents(simulatedEvents(flow))).toBeGreaterThan(0);
  });
});

const REDIS = 'redis://127.0.0.1:6379';
const redisUp = await brokerReachable(REDIS);
if (!redisUp && !brokersRequired)
  console.info(`CloudEvents of a broker run skipped: nothing answers at ${new URL(REDIS).host}`);

describe.skipIf(!redisUp && !brokersRequired)('the events of a real broker run', () => {
  it('are CloudEvents 1.0 on Redis too (compensated-saga, with its chains)', async () => {
    const flow = EXAMPLES.find((x) => x.file === 'compensated-saga.flow.json')!.flow;
    const transport = await TRANSPORTS.redis.connect(REDIS, `ce${Date.now().toString(36)}`);
    const r = await runOnBroker({
      plan: planBrokerRun(flow, 'redis'),
      seed: flow.seed ?? 1,
      transport,
      speed: 8,
      idleMs: 1500,
    });
    expect(r.events.size).toBeGreaterThan(0);
    expect([...r.events.values()].some((e) => e.causationid !== undefined)).toBe(true);
    expect(expectCloudEvents(r.events.values())).toBe(r.events.size);
  });
});
