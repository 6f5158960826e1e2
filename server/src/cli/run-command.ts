import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { FlowDoc } from '@eventflow/shared';
import type { Engine, StopReason } from '../engine/api.js';
import { playScript } from '../engine/script.js';
import { parseRunArgs, type RunArgs } from './args.js';
import { type CliResult, done, failed, lines } from './cli-result.js';
import { RUN_HELP } from './help.js';
import { exportOtlp } from './otlp-output.js';
import { formatProblem, loadFlowFile } from './load-flow.js';
import { loadReplayFile } from './load-replay.js';
import { formatSummary } from './summary-table.js';
import { brokerRunCommand } from './broker-run-command.js';

/**
 * Hops per engine chunk when streaming a trace. It must stay below the trace store's capacity so that no hop
 * is evicted before it has been written; small enough that one chunk's Hop objects are cheap to hold.
 */
export const TRACE_CHUNK_HOPS = 50_000;

/** Producers that would publish forever: a rate and no count. */
export function unboundedProducers(flow: FlowDoc): string[] {
  return flow.nodes
    .filter((n) => n.kind === 'producer' && n.config.rate > 0 && n.config.count === undefined)
    .map((n) => n.id);
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Runs in chunks, appending each chunk's hops to the file, so a run of millions of hops never sits in memory. */
export async function runWithTrace(
  engine: Engine,
  limits: Pick<RunArgs, 'untilMs' | 'maxEvents'>,
  out: string,
  chunkHops = TRACE_CHUNK_HOPS,
): Promise<StopReason> {
  const stream = createWriteStream(out);
  const closed = new Promise<void>((ok, fail) => {
    stream.on('finish', ok);
    stream.on('error', fail);
  });
  let written = 0;
  let reason: StopReason;
  try {
    do {
      reason = engine.run({ untilMs: limits.untilMs, maxEvents: limits.maxEvents, maxHops: chunkHops });
      const last = engine.trace.lastSeq();
      if (last > written) {
        const hops = engine.trace.read(written + 1, last);
        await write(stream, hops.map((h) => JSON.stringify(h)).join('\n') + '\n');
        written = last;
      }
    } while (reason === 'max-hops');
  } finally {
    stream.end();
  }
  await closed;
  return reason;
}

export type CreateEngine = (options: { flow: FlowDoc; seed: number }) => Engine;

// Loaded lazily so `validate` works without starting the engine.
const loadEngine = async (): Promise<CreateEngine> => (await import('../engine/index.js')).createEngine;

export async function runCommand(
  argv: string[],
  cwd = process.cwd(),
  engineFactory: () => Promise<CreateEngine> = loadEngine,
): Promise<CliResult> {
  const parsed = parseRunArgs(argv);
  if (!parsed.ok) return failed(1, lines([...parsed.errors, 'see: eventflow run --help']));
  if (parsed.help) return done(RUN_HELP);
  const args = parsed.args;

  const replay = args.replay ? await loadReplayFile(args.file, cwd) : undefined;
  const loaded = replay ?? (await loadFlowFile(args.file, cwd));
  if (!loaded.ok) {
    const problems = loaded.problems.map(formatProblem);
    return failed(1, lines(problems.length ? problems : [loaded.message]));
  }
  const flow = loaded.flow;
  const endless = unboundedProducers(flow);
  if (endless.length && args.untilMs === undefined) {
    return failed(
      1,
      lines([
        `${args.file}: this run has no end: producer${endless.length > 1 ? 's' : ''} ${endless.join(', ')} ` +
          `publish${endless.length > 1 ? '' : 'es'} forever (a rate and no count).`,
        `Pass --until-ms N to stop at simulated time N, e.g. eventflow run ${args.file} --until-ms 10000`,
      ]),
    );
  }

  if (args.broker !== undefined)
    return brokerRunCommand({ ...args, broker: args.broker }, flow, loaded.warnings.map(formatProblem), cwd);

  let createEngine: CreateEngine;
  try {
    createEngine = await engineFactory();
  } catch (e) {
    return failed(1, lines([`cannot load the engine: ${e instanceof Error ? e.message : String(e)}`]));
  }
  const seed = replay?.ok ? replay.seed : (args.seed ?? flow.seed ?? 1);
  const engine = createEngine({ flow, seed });
  if (replay?.ok) {
    const played = playScript(engine, replay.script);
    if (!played.ok)
      return failed(1, lines([`${args.file}: the replay does not fit its flow: ${played.message}`]));
  }
  let reason: StopReason;
  try {
    reason = args.trace
      ? await runWithTrace(engine, args, resolve(cwd, args.trace))
      : engine.run({ untilMs: args.untilMs, maxEvents: args.maxEvents });
  } catch (e) {
    return failed(1, lines([`run failed: ${e instanceof Error ? e.message : String(e)}`]));
  }
  const summary = engine.summary();
  const stdout = args.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(flow, summary, reason);
  const otlp = await exportOtlp(engine, args, cwd);
  const warnings = [...loaded.warnings.map(formatProblem), ...otlp.lines];
  if (!summary.conservation.ok) {
    const c = summary.conservation;
    return failed(
      2,
      lines([
        ...warnings,
        `invariant failed: conservation (expected ${c.expected}, accounted ${c.accounted})`,
      ]),
      stdout,
    );
  }
  return { exitCode: otlp.ok ? 0 : 1, stdout, stderr: lines(warnings) };
}
