import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { traceToOtlp, type FlowDoc } from '@eventflow/shared';
import { brokerOfUrl, displayUrl } from '../brokers/broker-url.js';
import { BrokerUnavailableError } from '../brokers/transport.js';
import type { RunArgs } from './args.js';
import { type CliResult, failed, lines } from './cli-result.js';
import { formatComparison } from './compare-table.js';
import { exportOtlpOf } from './otlp-output.js';
import { formatSummary } from './summary-table.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * `eventflow run FILE --broker URL`: the same flow on a real broker, with the same summary and trace format as
 * a simulated run, and with `--compare` the simulator's figures for the same flow and seed beside it.
 */
export async function brokerRunCommand(
  args: RunArgs & { broker: string },
  flow: FlowDoc,
  warnings: readonly string[],
  cwd: string,
): Promise<CliResult> {
  const kind = brokerOfUrl(args.broker);
  if (!kind.ok) return failed(1, lines([kind.message]));
  const where = `${kind.kind} at ${displayUrl(args.broker)}`;
  // Loaded here: the broker clients are only needed by broker runs.
  const [{ brokerRunProblems, planBrokerRun }, { runOnBroker }, { TRANSPORTS }] = await Promise.all([
    import('../brokers/runtime/plan.js'),
    import('../brokers/runtime/broker-run.js'),
    import('../brokers/registry.js'),
  ]);
  const problems = brokerRunProblems(flow);
  if (problems.length)
    return failed(
      1,
      lines([
        `${args.file}: this flow cannot run on a broker yet:`,
        ...problems.map((p) => `  nodes.${p.node}: ${p.message}`),
      ]),
    );
  const plan = planBrokerRun(flow, kind.kind);
  const seed = args.seed ?? flow.seed ?? 1;
  const runId = `cli${Date.now().toString(36)}`;
  let transport;
  try {
    transport = await TRANSPORTS[kind.kind].connect(args.broker, runId);
  } catch (e) {
    return failed(1, lines([e instanceof BrokerUnavailableError ? e.message : `${where}: ${message(e)}`]));
  }
  const notes = [
    ...warnings,
    ...plan.warnings.map((w) => `note: nodes.${w.node}: ${w.message}`),
    ...transport.capabilities.limits.map((l) => `note: ${kind.kind}: ${l}`),
  ];
  const result = await runOnBroker({
    plan,
    seed,
    transport,
    speed: args.speed,
    keep: args.keep,
    maxMs: args.untilMs,
  });
  if (args.trace)
    await writeFile(resolve(cwd, args.trace), result.hops.map((h) => JSON.stringify(h)).join('\n') + '\n');
  // Span ids are the ones each event's traceparent names, so a message on the broker and its span point at each other.
  const spanOf = new Map([...result.events].map(([id, e]) => [id, e.traceparent.slice(36, 52)]));
  const otlp = await exportOtlpOf(
    () => ({
      request: traceToOtlp(flow, result.hops, {
        epochMs: result.startedAtEpoch,
        eventSpanId: (id) => spanOf.get(id),
      }),
    }),
    result.hops.length,
    args,
    cwd,
  );
  const { doubleOutcomes, ...summary } = result.summary;
  let sim;
  if (args.compare) {
    const { createEngine } = await import('../engine/index.js');
    const engine = createEngine({ flow, seed });
    engine.run({ untilMs: args.untilMs });
    sim = engine.summary();
  }
  const stopped = `${result.end} on ${where}${args.keep ? ` (resources kept, run ${runId})` : ''}`;
  const stdout = args.json
    ? JSON.stringify(
        {
          broker: kind.kind,
          end: result.end,
          figures: result.broker,
          summary,
          ...(sim ? { simulator: sim } : {}),
        },
        null,
        2,
      ) + '\n'
    : [
        formatSummary(flow, summary, stopped),
        ...(sim ? [formatComparison(flow, sim, summary, kind.kind)] : []),
      ].join('\n');
  const trailer = [
    ...notes,
    ...otlp.lines,
    ...result.rejected.map((r) => `warning: not an Eventflow message, settled: ${r}`),
    ...(result.end === 'lost'
      ? [`the run ended early: ${result.reason ?? 'the broker connection was lost'}`]
      : []),
    ...(result.end === 'stalled'
      ? [
          `the run stalled: ${summary.outcomes.inFlight} deliveries were still owed an outcome when nothing moved`,
        ]
      : []),
    ...doubleOutcomes.map((p) => `invariant failed: ${p} got more than one outcome`),
  ];
  if (result.end === 'lost') return failed(1, lines(trailer), stdout);
  if (!summary.conservation.ok) {
    const c = summary.conservation;
    return failed(
      2,
      lines([
        ...trailer,
        `invariant failed: conservation (expected ${c.expected}, accounted ${c.accounted})`,
      ]),
      stdout,
    );
  }
  return { exitCode: otlp.ok ? 0 : 1, stdout, stderr: lines(trailer) };
}
