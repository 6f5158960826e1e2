/**
 * `npm run bench`: the reference flow through the real engine versus a hand-written floor, the trace store's
 * memory and path-lookup cost, and any later sections. Prints a table, then one JSON line with every figure.
 *
 *   npm run bench [-- --hops 1000000 --reps 5 --only throughput,traceStore --attendees 1,100,400,800]
 *   npm run bench -- --only brokers [--broker-reps 3 --broker-events 10000 --brokers redis,mqtt]
 *   npm run bench -- --only scale [--scale-events 10000000]
 */
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { z } from 'zod';
import { BROKER_KINDS } from '@eventflow/shared';
import type { BenchSection, SectionResult } from './sections/section.js';
import { throughput } from './sections/throughput.js';
import { traceStore } from './sections/trace-store.js';
import { socketStream } from './sections/socket-stream.js';
import { libraryList } from './sections/library-list.js';
import { runStarts } from './sections/run-starts.js';
import { DEFAULT_SWEEP, workshopSection } from './sections/workshop.js';
import { brokersSection } from './sections/brokers.js';
import { scaleSection } from './sections/scale.js';

const Options = z.strictObject({
  hops: z.coerce.number().int().min(1000, '--hops must be an integer ≥ 1000').default(1_000_000),
  reps: z.coerce.number().int().min(1, '--reps must be an integer ≥ 1').max(50).default(7),
  only: z.string().optional(),
  // The first count is the baseline the others are compared with.
  attendees: z
    .string()
    .regex(/^\d+(,\d+)*$/, '--attendees must be comma-separated attendee counts, e.g. 1,100,400')
    .transform((s) => s.split(',').map(Number))
    .refine((xs) => xs.every((x, i) => x >= 1 && x <= 5000 && (i === 0 || x > xs[i - 1]!)), {
      message: '--attendees must grow, each between 1 and 5000',
    })
    .default([...DEFAULT_SWEEP]),
  // Broker runs are real round trips: few repetitions keep the section under a minute.
  brokerReps: z.coerce.number().int().min(1, '--broker-reps must be an integer ≥ 1').max(20).default(3),
  brokerEvents: z.coerce
    .number()
    .int()
    .min(100, '--broker-events must be an integer between 100 and 100000')
    .max(100_000, '--broker-events must be an integer between 100 and 100000')
    // A bare loop moves 2,000 messages in 100–300 ms, which mostly measures how fast each side gets going;
    // 10,000 measures the steady rate (decision 0031).
    .default(10_000),
  // Which brokers the brokers section runs, e.g. `redis,mqtt`; all of them when absent.
  brokers: z
    .string()
    .transform((s) => s.split(',').map((k) => k.trim()))
    .pipe(z.array(z.enum(BROKER_KINDS, { error: (i) => `--brokers: unknown broker ${String(i.input)}` })))
    .optional(),
  scaleEvents: z.coerce
    .number()
    .int()
    .min(1000, '--scale-events must be an integer between 1000 and 100000000')
    .max(100_000_000, '--scale-events must be an integer between 1000 and 100000000')
    .default(10_000_000),
});

const { values } = parseArgs({
  options: {
    hops: { type: 'string' },
    reps: { type: 'string' },
    only: { type: 'string' },
    attendees: { type: 'string' },
    'broker-reps': { type: 'string' },
    'broker-events': { type: 'string' },
    brokers: { type: 'string' },
    'scale-events': { type: 'string' },
  },
});
const {
  'broker-reps': brokerRepsArg,
  'broker-events': brokerEventsArg,
  'scale-events': scaleEventsArg,
  ...rest
} = values;
const parsed = Options.safeParse({
  ...rest,
  brokerReps: brokerRepsArg,
  brokerEvents: brokerEventsArg,
  scaleEvents: scaleEventsArg,
});
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join('\n'));
  process.exit(1);
}
const { hops, reps, only, attendees, brokerReps, brokerEvents, brokers, scaleEvents } = parsed.data;
/**
 * Every section, in order. Issue 3's socket streaming figures go here as `bench/sections/socket-stream.ts`
 * exporting a `BenchSection`: import it here and append it to this list.
 */
const SECTIONS: BenchSection[] = [
  throughput,
  traceStore,
  socketStream,
  libraryList,
  runStarts,
  workshopSection(attendees),
  brokersSection({ reps: brokerReps, events: brokerEvents, kinds: brokers }),
  scaleSection(scaleEvents),
];
const wanted = only?.split(',').map((s) => s.trim());
const chosen = SECTIONS.filter((s) => !wanted || wanted.includes(s.name));

console.log(
  `# eventflow bench · node ${process.version} · ${hops.toLocaleString('en-US')} hops · ${reps} reps (+ warm-up), median`,
);
const started = Date.now();
const results: Record<string, SectionResult['metrics']> = {};
const table = new Table({
  head: ['section', 'metric', 'value', 'goal', ''],
  style: { head: [], border: [] },
});
let allPass = true;
for (const section of chosen) {
  const t0 = Date.now();
  const r = await section.run({ hops, reps });
  results[section.name] = { ...r.metrics, seconds: (Date.now() - t0) / 1000 };
  for (const row of r.rows) {
    if (row.pass === false) allPass = false;
    table.push([
      section.name,
      row.metric,
      row.value,
      row.goal ?? '',
      row.pass === undefined ? '' : row.pass ? '✓' : '✗',
    ]);
  }
}
console.log(table.toString());
console.log(`# ${((Date.now() - started) / 1000).toFixed(1)} s · goals ${allPass ? 'met' : 'NOT all met'}`);
console.log(
  JSON.stringify({ bench: 'eventflow', node: process.version, hops, reps, goalsMet: allPass, ...results }),
);
