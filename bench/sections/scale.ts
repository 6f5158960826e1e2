import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fmt } from '../lib.js';
import type { BenchRow, BenchSection } from './section.js';

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

function runProbe(events: number): z.infer<typeof Probe> {
  const probe = fileURLToPath(new URL('../scale-probe.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', probe, String(events)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return Probe.parse(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
}

/**
 * Runs of 1 million and of `events` produced events (10 million by default) at full speed, each in a fresh
 * process: their rate, their peak RSS and whether memory stays bounded (the hop ring holds the newest hops;
 * the event table keeps only events with hops still stored or deliveries in flight; partition logs drop what
 * no group can read again). Two sizes show that the peak does not follow the run's length.
 */
export function scaleSection(events: number): BenchSection {
  return {
    name: 'scale',
    async run() {
      const sizes = events > 1_000_000 ? [1_000_000, events] : [events];
      const rows: BenchRow[] = [];
      const metrics: Record<string, number> = {};
      const peaks: number[] = [];
      for (const n of sizes) {
        const r = runProbe(n);
        const long = n === events;
        const label = n.toLocaleString('en-US');
        peaks.push(r.peakRss);
        rows.push(
          {
            metric: `${label} produced events at full speed`,
            value: `${r.hops.toLocaleString('en-US')} hops in ${r.seconds.toFixed(1)} s (${fmt(r.hops / r.seconds)} hops/s), ${r.reason}`,
            pass: r.produced === n && r.conservationOk,
          },
          { metric: `${label}: hops still stored (the ring)`, value: r.storedHops.toLocaleString('en-US') },
          {
            metric: `${label}: RSS after a tenth, at the end, peak`,
            value: `${mb(r.rssEarly)}, ${mb(r.rssEnd)}, ${mb(r.peakRss)}`,
            // A short run is still filling its ring and event table at a tenth, so only the long one is judged.
            ...(long
              ? { goal: `end ≤ ${BOUNDED_GROWTH}× a tenth`, pass: r.rssEnd / r.rssEarly <= BOUNDED_GROWTH }
              : {}),
          },
        );
        const suffix = long ? '' : 'At1M';
        Object.assign(metrics, {
          [`events${suffix}`]: r.events,
          [`hops${suffix}`]: r.hops,
          [`hopsPerSec${suffix}`]: Math.round(r.hops / r.seconds),
          [`rssEarlyBytes${suffix}`]: r.rssEarly,
          [`rssEndBytes${suffix}`]: r.rssEnd,
          [`peakRssBytes${suffix}`]: r.peakRss,
        });
      }
      if (peaks.length === 2) {
        const ratio = peaks[1]! / peaks[0]!;
        rows.push({
          metric: `peak RSS, ${events.toLocaleString('en-US')} / 1,000,000 events`,
          value: ratio.toFixed(2),
          goal: `≤ ${BOUNDED_GROWTH}`,
          pass: ratio <= BOUNDED_GROWTH,
        });
        metrics.peakRatio = Number(ratio.toFixed(3));
      }
      return { rows, metrics };
    },
  };
}
