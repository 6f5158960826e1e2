import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hop, OtlpTraceRequest, type RunSummary } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { brokerReachable, brokersRequired } from '../brokers/test-support.js';
import { runCli } from './main.js';

const REDIS = 'redis://127.0.0.1:6379';
const reachable = await brokerReachable(REDIS);
if (!reachable && !brokersRequired)
  console.info('CLI --broker tests skipped: nothing answers at 127.0.0.1:6379');

const FLOW = 'examples/retries-dead-letter.flow.json';

describe('eventflow run --broker: arguments', () => {
  it('refuses broker-only flags without --broker, and URLs of brokers it does not run on', async () => {
    const compare = await runCli(['run', FLOW, '--compare']);
    expect(compare.exitCode).toBe(1);
    expect(compare.stderr).toContain('--compare needs --broker URL');
    const http = await runCli(['run', FLOW, '--broker', 'http://127.0.0.1:80']);
    expect(http.exitCode).toBe(1);
    expect(http.stderr).toContain("--broker: 'http:' is not a broker Eventflow runs on");
    const speed = await runCli(['run', FLOW, '--broker', REDIS, '--speed', '0']);
    expect(speed.stderr).toContain('--speed must be a number > 0');
  });

  it('names the broker, the address and the fix when nothing answers, without a stack trace', async () => {
    const r = await runCli(['run', FLOW, '--broker', 'redis://127.0.0.1:1']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^redis at redis:\/\/127\.0\.0\.1:1 is not usable: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists what a flow has that a broker run cannot carry, by node', async () => {
    const r = await runCli(['run', 'examples/flaky-webhook.flow.json', '--broker', REDIS]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('this flow cannot run on a broker yet:');
    expect(r.stderr).toContain('nodes.partner-api: webhook nodes run only in the simulator');
  });
});

describe.skipIf(!reachable && !brokersRequired)('eventflow run --broker redis', () => {
  it('prints the summary of a run on the broker and the simulator beside it with --compare', async () => {
    const r = await runCli(['run', FLOW, '--broker', REDIS, '--speed', '8', '--compare']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/stopped: idle on redis at redis:\/\/127\.0\.0\.1:6379/);
    expect(r.stdout).toContain('✓ conservation');
    expect(r.stdout).toContain('simulator vs redis, seed 18');
    // What Redis cannot do is said, not silently different.
    expect(r.stderr).toContain('note: nodes.charger: retries do not hold the partition on a broker');
  });

  it('--json carries both summaries, and --trace writes hops that say where each message was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-broker-'));
    const trace = join(dir, 'trace.ndjson');
    const r = await runCli([
      'run',
      FLOW,
      '--broker',
      REDIS,
      '--speed',
      '8',
      '--compare',
      '--json',
      '--trace',
      trace,
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      broker: string;
      end: string;
      summary: RunSummary;
      simulator: RunSummary;
    };
    expect(out).toMatchObject({ broker: 'redis', end: 'idle' });
    expect(out.summary.events.produced).toBe(out.simulator.events.produced);
    expect(out.summary.conservation.expected).toBeGreaterThanOrEqual(out.simulator.events.produced);
    const hops = (await readFile(trace, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => Hop.parse(JSON.parse(l)));
    expect(hops).toHaveLength(out.summary.hops);
    const delivered = hops.filter((h) => h.type === 'delivered');
    expect(delivered.length).toBe(out.summary.processing.attempts);
    expect(delivered[0]?.broker?.resource).toMatch(/^eventflow:cli[0-9a-z]+:charges:[01]$/);
  });

  it('--otlp writes the broker run as OTLP/JSON, one trace per root event', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-broker-'));
    const out = join(dir, 'run.otlp.json');
    const r = await runCli(['run', FLOW, '--broker', REDIS, '--speed', '8', '--otlp', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const request = OtlpTraceRequest.parse(JSON.parse(await readFile(out, 'utf8')));
    const traces = new Set(
      request.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((x) => x.traceId))),
    );
    expect(traces.size).toBe(25);
  });
});
