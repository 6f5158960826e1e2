import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fmt } from '../lib.js';
import type { BenchSection } from './section.js';

const Probe = z.object({
  events: z.number(),
  produced: z.number(),
  hops: z.number(),
  storedHops: z.number(),
  seconds: z.number(),
  reason: z.string(),
  conservationOk: z.boolean(),
  rssEarly: z.number(),
  rssEnd: z.number(),
  peakRss: z.number(),
});

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
/** Growth of the resident set from the first tenth of the run to its end that still counts as bounded. */
const BOUNDED_GROWTH = 1.5;

/**
 * A run of `events` produced events (10 million by default) at full speed in a fresh process: its rate, its
 * peak RSS and whether memory stays bounded (the hop ring holds the newest hops; the event table keeps
 * only events with hops still stored or deliveries in flight).
 */
export function scaleSection(events: number): BenchSection {
  return {
    name: 'scale',
    async run() {
      const probe = fileURLToPath(new URL('../scale-probe.ts', import.meta.url));
      const out = execFileSync(process.execPath, ['--import', 'tsx', probe, String(events)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const r = Probe.parse(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
      const growth = r.rssEnd / r.rssEarly;
      return {
        rows: [
          {
            metric: `${events.toLocaleString('en-US')} produced events at full speed`,
            value: `${r.hops.toLocaleString('en-US')} hops in ${r.seconds.toFixed(1)} s (${fmt(r.hops / r.seconds)} hops/s), ${r.reason}`,
            pass: r.produced === events && r.conservationOk,
          },
          { metric: 'hops still stored (the ring)', value: r.storedHops.toLocaleString('en-US') },
          {
            metric: 'RSS: after a tenth, at the end, peak',
            value: `${mb(r.rssEarly)}, ${mb(r.rssEnd)}, ${mb(r.peakRss)}`,
            goal: `end ≤ ${BOUNDED_GROWTH}× a tenth`,
            pass: growth <= BOUNDED_GROWTH,
          },
        ],
        metrics: {
          events: r.events,
          hops: r.hops,
          hopsPerSec: Math.round(r.hops / r.seconds),
          rssEarlyBytes: r.rssEarly,
          rssEndBytes: r.rssEnd,
          peakRssBytes: r.peakRss,
        },
      };
    },
  };
}
