import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FlowDocInput } from '@eventflow/shared';
import { pino } from 'pino';
import {
  DEFAULT_RUN_LIMITS,
  DEFAULT_STREAM,
  DEFAULT_WORKER_HEAP_MB,
} from '../../server/src/runs/defaults.js';
import { createRunService } from '../../server/src/runs/run-service.js';
import type { BenchSection } from './section.js';

const STARTS = 100;

/** About 1.8 MB of JSON: many producer → filter → topic → consumer chains, each with CEL to compile. */
function largeFlow(): FlowDocInput {
  const nodes: FlowDocInput['nodes'] = [];
  const edges: FlowDocInput['edges'] = [];
  for (let i = 0; nodes.length < 4800; i++) {
    const pad = 'x'.repeat(540);
    nodes.push(
      {
        id: `p${i}`,
        kind: 'producer',
        label: `Producer ${i}`,
        config: { eventType: `E${i}`, rate: 1, count: 1, payload: `{"n": ${i}, "s": "${pad}"}` },
      },
      {
        id: `f${i}`,
        kind: 'filter',
        label: `Filter ${i}`,
        config: { expression: `int(data.n) % 2 == ${i % 2} && data.s != "${pad}"` },
      },
      { id: `t${i}`, kind: 'topic', label: `Topic ${i}` },
      { id: `c${i}`, kind: 'consumer', label: `Consumer ${i}` },
    );
    edges.push(
      { id: `a${i}`, source: `p${i}`, target: `f${i}` },
      { id: `b${i}`, source: `f${i}`, target: `t${i}` },
      { id: `d${i}`, source: `t${i}`, target: `c${i}` },
    );
  }
  return { format: 'eventflow.flow', version: 1, name: 'Large', nodes, edges };
}

/**
 * 100 concurrent starts of a ~1.8 MB flow while a bystander run streams metrics: how long the server's event
 * loop stalls (the flow is bounded in size on the main thread and parsed in the workers) and how many starts
 * the slots admit. Before the issue-8 change this stalled the bystander's metrics for 1.65 s.
 */
export const runStarts: BenchSection = {
  name: 'runStarts',
  async run() {
    const flow = largeFlow();
    const bytes = JSON.stringify(flow).length;
    let n = 0;
    const metricsAt: number[] = [];
    const runs = createRunService({
      maxRuns: 8,
      limits: DEFAULT_RUN_LIMITS,
      stream: DEFAULT_STREAM,
      maxOldGenerationSizeMb: DEFAULT_WORKER_HEAP_MB,
      spareWorkers: 1,
      replyTimeoutMs: 60_000,
      unwatchedGraceMs: 60_000,
      newRunId: () => `run-${++n}`,
      log: pino({ level: 'silent' }),
      onStream: (runId, msg) => {
        if (runId === 'run-1' && msg.kind === 'metrics') metricsAt.push(performance.now());
      },
    });
    try {
      const bystander = {
        format: 'eventflow.flow',
        version: 1,
        name: 'Bystander',
        nodes: [
          { id: 'p', kind: 'producer', config: { eventType: 'T', rate: 100 } },
          { id: 't', kind: 'topic' },
          { id: 'c', kind: 'consumer' },
        ],
        edges: [
          { id: 'e1', source: 'p', target: 't' },
          { id: 'e2', source: 't', target: 'c' },
        ],
      };
      const first = await runs.start({ flow: bystander, speed: 1, paused: false, owner: 'bystander' });
      if (!first.ok) throw new Error(first.message);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const from = performance.now();
      const results = await Promise.all(
        Array.from({ length: STARTS }, (_, i) =>
          runs.start({ flow, speed: 1, paused: true, owner: `client-${i % 10}` }),
        ),
      );
      const allMs = performance.now() - from;
      await new Promise((resolve) => setTimeout(resolve, 500));
      delay.disable();
      const gaps = metricsAt.filter((t) => t >= from).map((t, i, a) => (i === 0 ? t - from : t - a[i - 1]!));
      const maxGap = Math.max(...gaps);
      const accepted = results.filter((r) => r.ok).length;
      const maxDelay = delay.max / 1e6;
      return {
        rows: [
          {
            metric: `${STARTS} starts of a ${(bytes / 2 ** 20).toFixed(1)} MB flow: admitted`,
            value: `${accepted} (7 slots free)`,
          },
          { metric: 'all answered in', value: `${allMs.toFixed(0)} ms` },
          { metric: 'longest event-loop stall', value: `${maxDelay.toFixed(0)} ms` },
          {
            metric: 'longest gap in the bystander’s metrics',
            value: `${maxGap.toFixed(0)} ms`,
            goal: '< 1,650 ms (before)',
            pass: maxGap < 1650,
          },
        ],
        metrics: {
          starts: STARTS,
          flowBytes: bytes,
          accepted,
          allMs,
          maxLoopDelayMs: maxDelay,
          maxMetricsGapMs: maxGap,
        },
      };
    } finally {
      await runs.close();
    }
  },
};
