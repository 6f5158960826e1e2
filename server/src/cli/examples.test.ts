import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlow, type Hop, type RunSummary } from '@eventflow/shared';
import { createEngine } from '../engine/index.js';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

// Every teaching example is also a fixture: it must validate, carry what the canvas and docs need, and run
// to completion on its own with every invariant holding.
const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.flow.json'))
  .sort();

const read = (file: string): unknown => JSON.parse(readFileSync(join('examples', file), 'utf8'));

/** Warnings an example exists to show; any other warning is a mistake in the example. */
const INTENDED_WARNINGS: Record<string, RegExp[]> = {
  'idle-instance.flow.json': [/4 instances for 2 partitions: 2 will idle/],
  'schema-versions.flow.json': [
    /OrderPlaced v2 is not forward compatible with v1: data\.amount is required by v1/,
    /consumer 'billing' cannot read OrderPlaced v2 read as v1 from 'shop': data\.amount is required/,
  ],
};

/** Whole trace of an example run, for lessons the summary's totals cannot show. */
function traceOf(file: string): Hop[] {
  const r = parseFlow(read(file));
  if (!r.ok) throw new Error(`${file} is invalid`);
  const engine = createEngine({ flow: r.flow, seed: r.flow.seed ?? 1 });
  engine.run();
  return engine.trace.read(1, engine.trace.lastSeq());
}

const count = (hops: Hop[], f: (h: Hop) => boolean) => hops.filter(f).length;

/** Whether the event of failed hop `h` is acked (HTTP 2xx) by a later attempt. */
const hopsAfterAck = (hops: Hop[], h: Hop) =>
  hops.some((x) => x.event === h.event && x.seq > h.seq && x.type === 'acked' && x.status === 200);

/** What each example sets out to show, checked on its default seed. */
const LESSONS: Record<string, (s: RunSummary, file: string) => void> = {
  'fan-out.flow.json': (s) => {
    expect(s.outcomes.acked).toBe(3 * s.events.produced);
    expect(s.nodes['orders']).toMatchObject({ in: 20, out: 60 });
  },
  'competing-consumers.flow.json': (s) => {
    const a = s.nodes['resizer-a']?.in ?? 0;
    const b = s.nodes['resizer-b']?.in ?? 0;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a + b).toBe(s.events.produced);
  },
  'partitions-and-order.flow.json': (s) => {
    expect(s.processing.orderViolations).toBe(0);
    expect(s.outcomes.acked).toBe(s.events.produced);
  },
  'idle-instance.flow.json': (_s, file) => {
    const instances = new Set(
      traceOf(file)
        .filter((h) => h.type === 'delivered')
        .map((h) => h.instance),
    );
    expect(instances.size).toBe(2);
  },
  'at-most-once.flow.json': (s) => {
    expect(s.outcomes.dropped).toBeGreaterThan(0);
    expect(s.processing.redeliveries).toBe(0);
  },
  'at-least-once-duplicates.flow.json': (s) => {
    expect(s.processing.duplicatesProcessed).toBeGreaterThan(0);
    expect(s.outcomes.acked).toBe(s.events.produced);
  },
  'exactly-once-idempotency.flow.json': (s, file) => {
    const hops = traceOf(file);
    const processed = (group: string) => count(hops, (h) => h.group === group && h.type === 'processed');
    expect(processed('ledger-naive')).toBeGreaterThan(s.events.produced);
    expect(processed('ledger-idempotent')).toBe(s.events.produced);
    expect(s.processing.duplicatesSkipped).toBeGreaterThan(0);
    const group = (name: string) => s.groups.find((g) => g.group === name);
    expect(group('ledger-naive')?.duplicatesProcessed).toBeGreaterThan(0);
    expect(group('ledger-idempotent')?.duplicatesProcessed).toBe(0);
  },
  'schema-versions.flow.json': (s, file) => {
    // Billing reads only v1, so every v2 order fails its schema check on each attempt and is dead-lettered.
    const billing = s.groups.find((g) => g.group === 'billing');
    expect(billing).toMatchObject({ acked: 0, deadLettered: s.events.produced });
    expect(s.groups.find((g) => g.group === 'shipping')?.acked).toBe(s.events.produced);
    const failures = traceOf(file).filter((h) => h.type === 'failed');
    expect(failures).toHaveLength(2 * s.events.produced);
    for (const f of failures)
      expect(f.reason).toBe('schema: OrderPlaced v2 read as v1: data.amount is required');
  },
  'consumer-outage.flow.json': (s, file) => {
    const hops = traceOf(file);
    expect(count(hops, (h) => h.type === 'instance-down')).toBe(3);
    // While instance #1 is down, its partition is rebalanced to #0, which then takes every delivery.
    const moved = hops.find((h) => h.type === 'rebalanced' && h.t === 600)!;
    expect(moved.reason).toBe('orders: p0 → instance 0, p1 → instance 0');
    const published = new Map(hops.filter((h) => h.type === 'published').map((h) => [h.event, h.t]));
    const waited = hops.filter((h) => h.type === 'delivered').map((h) => h.t - published.get(h.event)!);
    // The group was down for 1.5 s: what arrived meanwhile waited in the topic, and none of it is lost.
    expect(Math.max(...waited)).toBeGreaterThanOrEqual(1_400);
    expect(s.outcomes).toMatchObject({ acked: s.events.produced, dropped: 0, expired: 0 });
  },
  'crash-redelivery.flow.json': (s, file) => {
    const hops = traceOf(file);
    const crashed = (group: string) => hops.filter((h) => h.type === 'crashed' && h.group === group);
    expect(crashed('ledger').length).toBeGreaterThan(0);
    expect(crashed('notifier').length).toBeGreaterThan(0);
    for (const c of crashed('ledger')) {
      const after = hops.filter((h) => h.event === c.event && h.group === 'ledger' && h.seq > c.seq);
      expect(after.map((h) => h.type)).toEqual(['delivered', 'processed', 'acked']);
    }
    for (const c of crashed('notifier')) {
      const after = hops.filter((h) => h.event === c.event && h.group === 'notifier' && h.seq > c.seq);
      expect(after.map((h) => h.type)).toEqual(['dropped']);
    }
    const group = (name: string) => s.groups.find((g) => g.group === name)!;
    expect(group('ledger')).toMatchObject({ acked: s.events.produced, dropped: 0 });
    expect(group('notifier').dropped).toBe(crashed('notifier').length);
  },
  'autoscaling-lag.flow.json': (s, file) => {
    const scaled = traceOf(file).filter((h) => h.type === 'scaled');
    const counts = [1, ...scaled.map((h) => Number(/→ (\d+)/.exec(h.reason!)![1]))];
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);
    expect(counts.at(-1)).toBe(1);
    for (let i = 1; i < scaled.length; i++)
      expect(scaled[i]!.t - scaled[i - 1]!.t).toBeGreaterThanOrEqual(250);
    expect(s.outcomes.acked).toBe(s.events.produced);
  },
  'retries-dead-letter.flow.json': (s) => {
    expect(s.processing.redeliveries).toBeGreaterThan(0);
    expect(s.outcomes.deadLettered).toBeGreaterThan(0);
    expect(s.nodes['dlq-inspector']?.acked).toBe(s.outcomes.deadLettered);
  },
  'retention-expiry.flow.json': (s) => {
    expect(s.outcomes.expired).toBeGreaterThan(0);
    expect(s.nodes['live-counter']?.acked).toBe(s.events.produced);
  },
  'saga.flow.json': (s, file) => {
    expect(s.events.emitted).toBe(3 * s.events.produced);
    const hops = traceOf(file);
    const emitted = hops.filter((h) => h.type === 'emitted');
    expect(emitted.every((h) => h.parent !== undefined)).toBe(true);
    // Each order's four events share one trace id.
    expect(new Set(hops.map((h) => h.trace)).size).toBe(s.events.produced);
  },
  'content-routing.flow.json': (s) => {
    expect(s.nodes['high-value']?.out).toBeGreaterThan(0);
    expect(s.nodes['low-value']?.out).toBeGreaterThan(0);
    expect(s.outcomes.filtered).toBeGreaterThan(0);
  },
  'iot-sensors.flow.json': (s) => {
    expect(s.events.emitted).toBeGreaterThan(0);
    expect(s.events.emitted).toBeLessThan(s.events.produced / 2);
  },
  'food-delivery.flow.json': (s) => {
    expect(s.events.emitted).toBe(s.events.produced);
    expect(s.nodes['notifications']?.acked).toBe(s.events.produced);
    expect(s.nodes['analytics']?.acked).toBe(s.events.produced);
  },
  'routing-by-key.flow.json': (s, file) => {
    const hops = traceOf(file);
    // Fan-out: an EU business order is published to both topics, so the topics take in more than the router sent on.
    expect(s.nodes['eu-orders']!.in! + s.nodes['b2b-orders']!.in!).toBeGreaterThan(s.nodes['exchange']!.out!);
    const topicsOf = (e: string) =>
      hops.filter((h) => h.event === e && h.type === 'published').map((h) => h.node);
    expect(hops.some((h) => h.type === 'routed' && topicsOf(h.event).length === 2)).toBe(true);
    // What no pattern takes is dropped at the router, with its own hop saying why.
    const unrouted = hops.filter((h) => h.type === 'unrouted');
    expect(unrouted.length).toBe(s.nodes['exchange']!.dropped);
    expect(unrouted.length).toBeGreaterThan(0);
    expect(unrouted[0]!.reason).toMatch(/^no rule matched: rules were 'EU' \(eu\.#\), 'Business' \(#\.b2b\)/);
  },
  'routing-by-content.flow.json': (s, file) => {
    const hops = traceOf(file);
    const routed = hops.filter((h) => h.type === 'routed' && h.node === 'triage');
    // First-match with a connected default route: every order is published exactly once, none is lost.
    expect(routed.length).toBe(s.events.produced);
    for (const r of routed)
      expect(
        count(hops, (h) => h.event === r.event && h.type === 'published'),
        r.event,
      ).toBe(1);
    const by = (re: RegExp) => routed.filter((h) => re.test(h.reason ?? '')).length;
    expect(by(/^rule 'VIP'/)).toBe(s.nodes['priority-orders']!.in);
    expect(by(/^rule 'EU'/)).toBe(s.nodes['eu-orders']!.in);
    expect(by(/^no rule matched/)).toBe(s.nodes['standard-orders']!.in);
    for (const t of ['priority-orders', 'eu-orders', 'standard-orders'])
      expect(s.nodes[t]!.in, t).toBeGreaterThan(0);
  },
  'flaky-webhook.flow.json': (s, file) => {
    const hops = traceOf(file);
    const at = hops.filter((h) => h.node === 'partner-api');
    const after = (h: Hop) => at.find((x) => x.event === h.event && x.seq > h.seq && x.type !== 'delivered');
    // A 503 is retried, and a later attempt gets through.
    expect(at.some((h) => h.type === 'failed' && h.status === 503 && hopsAfterAck(at, h))).toBe(true);
    // Timeouts have no status and are retried too.
    expect(
      at.some((h) => h.type === 'failed' && h.status === undefined && after(h)?.type === 'retry-scheduled'),
    ).toBe(true);
    // A 400 is never retried: the next hop is the dead letter.
    const refused = at.filter((h) => h.type === 'failed' && h.status === 400);
    expect(refused.length).toBeGreaterThan(0);
    for (const h of refused) expect(after(h)?.type, h.event).toBe('dead-lettered');
    expect(s.nodes['partner-api']!.deadLettered).toBe(s.nodes['ops-review']!.acked);
  },
  'compensated-saga.flow.json': (s, file) => {
    const hops = traceOf(file);
    const gaveUp = new Map(
      hops.filter((h) => h.node === 'payment' && h.type === 'dropped').map((h) => [h.event, h] as const),
    );
    expect(gaveUp.size).toBeGreaterThan(0);
    // Each give-up is compensated: PaymentFailed is its child (same trace), and the stock service answers it.
    const failed = hops.filter((h) => h.type === 'emitted' && h.node === 'payment' && gaveUp.has(h.parent!));
    expect(failed.map((h) => h.parent).sort()).toEqual([...gaveUp.keys()].sort());
    for (const h of failed) expect(h.trace).toBe(gaveUp.get(h.parent!)!.trace);
    const released = hops.filter((h) => h.type === 'emitted' && h.node === 'release');
    expect(released.map((h) => h.parent).sort()).toEqual(failed.map((h) => h.event).sort());
    expect(s.nodes['ledger']?.acked).toBe(gaveUp.size);
    expect(s.nodes['shipping']?.acked).toBe(s.events.produced - gaveUp.size);
  },
  'spike-absorbed.flow.json': (s, file) => {
    expect(s.outcomes.acked).toBe(s.events.produced);
    expect(s.outcomes.dropped + s.outcomes.expired).toBe(0);
    const hops = traceOf(file);
    const waited = (from: number, to: number) => {
      const published = new Map(hops.filter((h) => h.type === 'published').map((h) => [h.event, h.t]));
      return hops
        .filter(
          (h) => h.type === 'delivered' && published.get(h.event)! >= from && published.get(h.event)! < to,
        )
        .map((h) => h.t - published.get(h.event)!);
    };
    // The spike queues (an order published at its end waits long), and the queue drains afterwards.
    expect(Math.max(...waited(2000, 3000))).toBeGreaterThan(500);
    expect(Math.max(...waited(0, 2000))).toBeLessThan(50);
    expect(Math.max(...waited(5000, Infinity))).toBeLessThan(50);
  },
  'order-ledger.flow.json': (s, file) => {
    // Every order's second change expects version 0 of an order already at 1: refused, never stored.
    expect(s.nodes['ledger']).toEqual({ in: 6, out: 3, failed: 3 });
    const hops = traceOf(file);
    expect(hops.filter((h) => h.type === 'store-conflict').map((h) => h.reason)).toEqual(
      ['o-1', 'o-2', 'o-3'].map((o) => `expected version 0 of ${o}, it is at version 1`),
    );
    // The projection applies each stored event 50 ms after the store wrote it.
    const stored = hops.filter((h) => h.type === 'stored');
    const projected = hops.filter((h) => h.type === 'projected');
    expect(projected.map((h, i) => h.t - stored[i]!.t)).toEqual([50, 50, 50]);
  },
  'stale-reads.flow.json': (s, file) => {
    // Shipping reads 11 ms after each write, the projection applies 50 ms after it: every read is stale.
    expect(s.reads).toEqual({ shipping: { reads: 6, stale: 6 } });
    const hops = traceOf(file);
    const stale = hops.filter((h) => h.type === 'stale-read');
    expect(stale[0]?.reason).toBe(
      'read o-1 from order-status: no row while v1 was written 11 ms earlier: stale, 1 version behind',
    );
    expect(stale[2]?.reason).toBe(
      'read o-1 @ v1 from order-status while v2 was written 11 ms earlier: stale, 1 version behind',
    );
    // Order audit joins at 350 ms, replays the four stored changes, then follows live.
    const audit = hops.filter((h) => h.node === 'order-audit');
    expect(audit.every((h) => h.t >= 350)).toBe(true);
    expect(audit.filter((h) => h.type === 'rebuilt').map((h) => h.reason)).toEqual([
      'joined at 350 ms: replayed 4 events from position 0 (2 rows; equal to order-status, there from the start), now follows live',
    ]);
    const r = parseFlow(read(file));
    if (!r.ok) throw new Error('invalid');
    const engine = createEngine({ flow: r.flow, seed: r.flow.seed ?? 1 });
    engine.run();
    const rows = (id: string) => {
      const v = engine.readProjection(id);
      return v.ok ? v.value.rows : [];
    };
    expect(rows('order-audit')).toEqual(rows('order-status').map((x) => ({ ...x, t: expect.any(Number) })));
    // Printed labels, fed by the labels topic, hold the stale totals Shipping printed.
    expect(rows('printed').map((x) => [x.aggregate, x.state])).toEqual([
      ['o-1', { labels: 3, lastTotal: 40 }],
      ['o-2', { labels: 3, lastTotal: 60 }],
    ]);
  },
  'broker-outage.flow.json': (s, file) => {
    const hops = traceOf(file);
    const during = (h: Hop) => h.t >= 1000 && h.t < 2500;
    const failed = hops.filter((h) => h.type === 'publish-failed');
    expect(failed.every(during)).toBe(true);
    const producedBy = (p: string) =>
      new Set(hops.filter((h) => h.type === 'produced' && h.node === p).map((h) => h.event));
    const web = producedBy('web');
    const mobile = producedBy('mobile');
    // Every web order placed during the outage is lost; the mobile app loses only what overflowed its buffer.
    expect(failed.filter((h) => web.has(h.event)).length).toBe(
      hops.filter((h) => h.type === 'produced' && web.has(h.event) && during(h)).length,
    );
    const buffered = hops.filter((h) => h.type === 'buffered');
    expect(buffered.length).toBe(10);
    expect(buffered.every((h) => mobile.has(h.event))).toBe(true);
    for (const b of buffered)
      expect(hops.find((h) => h.event === b.event && h.type === 'published')!.t).toBe(2500);
    expect(s.outcomes.acked).toBe(s.events.produced - failed.length);
    expect(failed.filter((h) => mobile.has(h.event)).length).toBeGreaterThan(0);
  },
  'request-response-vs-events.flow.json': (s) => {
    const group = (name: string) => s.groups.find((g) => g.group === name);
    // The slow service's timeouts cascade into the caller, which gives orders up and slows to its pace …
    expect(group('checkout-rr')?.dropped).toBeGreaterThan(0);
    expect(s.nodes['checkout-rr']?.failed).toBeGreaterThan(0);
    // … while the event-driven checkout is untouched: everything acked, at the producer's rate.
    expect(group('checkout-ev')).toMatchObject({ acked: 150, dropped: 0 });
    expect(group('checkout-ev')!.ackedPerSecond).toBeGreaterThan(3 * group('checkout-rr')!.ackedPerSecond);
    const by = s.latency.endToEndBy!;
    expect(by['shop-rr']!.p50).toBeGreaterThan(10 * by['shop-ev']!.p50);
    // The called services are no groups of their own: they are owed no events.
    expect(group('inventory-rr')).toBeUndefined();
  },
  'blocking-vs-requeue.flow.json': (s) => {
    const group = (name: string) => s.groups.find((g) => g.group === name);
    expect(group('relaxed')?.orderViolations).toBeGreaterThan(0);
    expect(group('strict')?.orderViolations).toBe(0);
  },
};

describe('examples/', () => {
  it('holds at least 13 flows', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(13);
  });

  describe.each(EXAMPLES)('%s', (file) => {
    it('validates, with no warnings but the one it exists to show', () => {
      const r = parseFlow(read(file));
      expect(r.ok ? [] : r.problems).toEqual([]);
      const warnings = r.ok ? r.warnings.map((w) => w.message) : [];
      const intended = INTENDED_WARNINGS[file];
      if (intended) expect(warnings).toEqual(intended.map((w) => expect.stringMatching(w)));
      else expect(warnings).toEqual([]);
    });

    it('has a 2–4 sentence description, a seed, labels, positions and only finite producers', () => {
      const r = parseFlow(read(file));
      if (!r.ok) throw new Error('invalid');
      const { flow } = r;
      const sentences = (flow.description ?? '').split(/(?<=[.!?])\s+(?=[A-Z"])/).filter(Boolean);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
      expect(flow.seed).toBeTypeOf('number');
      for (const node of flow.nodes) {
        expect(node.label, node.id).toBeTruthy();
        expect(node.position, node.id).toBeDefined();
        if (node.kind === 'producer') expect(node.config.count, node.id).toBeTypeOf('number');
      }
    });

    it('runs to completion with conservation ok and shows its lesson', async () => {
      const r = await runCli(['run', join('examples', file), '--json']);
      expect(r.exitCode, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as RunSummary;
      expect(summary.conservation.ok).toBe(true);
      expect(summary.outcomes.inFlight).toBe(0);
      expect(summary.events.produced).toBeGreaterThan(0);
      // Expressions that fail at run time are traced, not fatal: an example must not rely on that.
      for (const [id, stats] of Object.entries(summary.nodes)) expect(stats.filterErrors ?? 0, id).toBe(0);
      const lesson = LESSONS[file];
      expect(lesson, `add the lesson of ${file} to LESSONS`).toBeDefined();
      lesson?.(summary, file);
    });
  });
});

// Small flows for engine tests and e2e; the teaching examples above are used from examples/ directly.
describe('shared/fixtures/flows/', () => {
  const FIXTURES = readdirSync('shared/fixtures/flows').filter((f) => f.endsWith('.flow.json'));

  it.each(FIXTURES)('%s validates', (file) => {
    const r = parseFlow(JSON.parse(readFileSync(join('shared/fixtures/flows', file), 'utf8')));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('producer-filter-consumer acks even sequence numbers and filters odd ones', async () => {
    const r = await runCli(['run', 'shared/fixtures/flows/producer-filter-consumer.flow.json', '--json']);
    const s = JSON.parse(r.stdout) as RunSummary;
    expect(s.outcomes).toMatchObject({ acked: 2, filtered: 2, inFlight: 0 });
  });

  it('always-failing-dead-letter tries each event 3 times, then dead-letters it', async () => {
    const r = await runCli(['run', 'shared/fixtures/flows/always-failing-dead-letter.flow.json', '--json']);
    const s = JSON.parse(r.stdout) as RunSummary;
    expect(s.processing).toMatchObject({ attempts: 6, failures: 6, redeliveries: 4 });
    expect(s.outcomes.deadLettered).toBe(2);
  });
});
