import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Hop, parseFlow, type FlowDoc, type RunSummary } from '@eventflow/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index.js';
import { runCli } from './main.js';
import { runCommand, runWithTrace } from './run-command.js';

const loadFlow = (file: string): FlowDoc => {
  const r = parseFlow(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.ok) throw new Error(`${file} is invalid`);
  return r.flow;
};

const FLOW = 'examples/retries-dead-letter.flow.json';
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-run-'));
});

const runJson = async (argv: string[]) => {
  const r = await runCli(['run', ...argv, '--json']);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as RunSummary;
};

describe('eventflow run', () => {
  it('prints a readable summary table with every node and outcome', async () => {
    const r = await runCli(['run', FLOW]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Retries with backoff, then a dead-letter queue · seed 18 · /);
    for (const word of [
      'deadLettered',
      'redeliveries',
      'charger',
      'charges-dlq',
      'dlq-inspector',
      '✓ conservation',
    ]) {
      expect(r.stdout).toContain(word);
    }
  });

  it('--json prints exactly one summary object, seeded from the flow by default', async () => {
    const s = await runJson([FLOW]);
    expect(s.flow).toBe('Retries with backoff, then a dead-letter queue');
    expect(s.seed).toBe(18);
    expect(s.events.produced).toBe(25);
    expect(s.outcomes.deadLettered).toBeGreaterThan(0);
    expect(s.conservation).toEqual({
      ok: true,
      expected: s.conservation.accounted,
      accounted: s.conservation.accounted,
    });
  });

  it('prints per-group outcomes, latency percentiles and throughput, the same figures as --json', async () => {
    const flow = 'examples/exactly-once-idempotency.flow.json';
    const [table, s] = [(await runCli(['run', flow])).stdout, await runJson([flow])];
    for (const word of [
      'duplicatesProcessed',
      'orderViolations',
      'p50',
      'p95',
      'p99',
      'end to end',
      'throughput',
    ])
      expect(table).toContain(word);
    const naive = s.groups.find((g) => g.group === 'ledger-naive')!;
    const idempotent = s.groups.find((g) => g.group === 'ledger-idempotent')!;
    expect(naive.duplicatesProcessed).toBeGreaterThan(0);
    expect(idempotent.duplicatesProcessed).toBe(0);
    // The table's cells, by the header row they sit under: `cell('group', 'ledger-naive', 'acked')`.
    const rows = table.split('\n').map((l) => l.split('│').map((c) => c.trim()));
    const cell = (first: string, name: string, column: string) => {
      const head = rows.findIndex((r) => r[1] === first);
      const columns = rows[head]!;
      const row = rows.slice(head).find((r) => r[1] === name)!;
      return row[columns.indexOf(column)];
    };
    expect(cell('group', 'ledger-naive', 'duplicatesProcessed')).toBe(String(naive.duplicatesProcessed));
    expect(cell('group', 'ledger-idempotent', 'duplicatesSkipped')).toBe(
      String(idempotent.duplicatesSkipped),
    );
    expect(cell('latency (ms)', 'end to end', 'count')).toBe(String(s.latency.endToEnd.count));
    const p99 = s.latency.nodes['ledger-naive']!.p99;
    expect(cell('latency (ms)', 'ledger-naive', 'p99')).toBe(
      p99.toLocaleString('en-US', { maximumFractionDigits: 2 }),
    );
  });

  it('--seed overrides the flow seed', async () => {
    expect((await runJson([FLOW, '--seed', '5'])).seed).toBe(5);
  });

  it('--trace writes one valid hop per line, as many as the summary counts', async () => {
    const out = join(dir, 'trace.ndjson');
    const s = await runJson([FLOW, '--trace', out]);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(s.hops);
    const hops = lines.map((l) => Hop.parse(JSON.parse(l)));
    expect(hops.map((h) => h.seq)).toEqual(hops.map((_, i) => i + 1));
  });

  it('stitches a trace written in many small chunks into the same file as one big chunk', async () => {
    const flow = loadFlow('examples/retention-expiry.flow.json');
    const [small, big] = [join(dir, 'small.ndjson'), join(dir, 'big.ndjson')];
    const smallEngine = createEngine({ flow, seed: 1 });
    expect(await runWithTrace(smallEngine, {}, small, 97)).toBe('idle');
    expect(await runWithTrace(createEngine({ flow, seed: 1 }), {}, big)).toBe('idle');
    const text = await readFile(small, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(smallEngine.summary().hops);
    expect(smallEngine.summary().hops).toBeGreaterThan(97 * 10);
    expect(text).toBe(await readFile(big, 'utf8'));
  });

  it('the same seed gives a byte-identical trace; another seed a different one', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => join(dir, `${n}.ndjson`)) as [string, string, string];
    await runJson([FLOW, '--trace', a, '--seed', '3']);
    await runJson([FLOW, '--trace', b, '--seed', '3']);
    await runJson([FLOW, '--trace', c, '--seed', '4']);
    const [ta, tb, tc] = await Promise.all([a, b, c].map((f) => readFile(f, 'utf8')));
    expect(ta).toBe(tb);
    expect(ta).not.toBe(tc);
  });

  it('--until-ms and --max-events stop a run early, leaving events in flight', async () => {
    const until = await runJson([FLOW, '--until-ms', '500']);
    expect(until.simulatedMs).toBeLessThanOrEqual(500);
    expect(until.conservation.ok).toBe(true);
    const few = await runJson([FLOW, '--max-events', '3']);
    expect(few.events.produced).toBe(3);
  });

  it('refuses a run with no end unless --until-ms is given', async () => {
    const flow = 'shared/fixtures/flows/unbounded-producer.flow.json';
    const r = await runCli(['run', flow]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no end: producer p publishes forever/);
    expect(r.stderr).toMatch(/--until-ms/);
    const bounded = await runJson([flow, '--until-ms', '1000']);
    expect(bounded.events.produced).toBeGreaterThanOrEqual(99);
  });

  it('exits 2 and says why when the engine reports a conservation failure', async () => {
    // A real engine whose summary is altered: the CLI's job is to turn a failed invariant into exit 2.
    const broken = async () => (options: Parameters<typeof createEngine>[0]) => {
      const engine = createEngine(options);
      const summary = () => ({
        ...engine.summary(),
        conservation: { ok: false, expected: 10, accounted: 9 },
      });
      return Object.assign(Object.create(engine) as typeof engine, { summary });
    };
    const r = await runCommand([FLOW, '--json'], process.cwd(), broken);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('invariant failed: conservation (expected 10, accounted 9)\n');
    expect((JSON.parse(r.stdout) as RunSummary).conservation.ok).toBe(false);
  });

  it('reports invalid flows as path: message lines with exit 1', async () => {
    const r = await runCli(['run', 'package.json']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^nodes: is required$/m);
    expect(r.stderr).toMatch(/^warning: version: migrated from format version 0$/m);
  });
});
