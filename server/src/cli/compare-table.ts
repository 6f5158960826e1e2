import Table from 'cli-table3';
import type { FlowDoc, LatencyStats, NodeStats, RunSummary } from '@eventflow/shared';

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const delta = (a: number, b: number) => (a === b ? '' : `${b - a > 0 ? '+' : ''}${num(b - a)}`);
const table = (head: string[]) => new Table({ head, style: { head: [], border: [], compact: true } });

const NODE_COLUMNS: readonly (keyof NodeStats)[] = [
  'in',
  'out',
  'acked',
  'failed',
  'dropped',
  'deadLettered',
];
const LATENCY: readonly (keyof LatencyStats)[] = ['p50', 'p95', 'p99'];

/**
 * The simulator and a broker run of the same flow and seed, side by side: per outcome, per node and latency
 * percentiles, with the difference (broker − simulator) where they differ. Counts should mostly agree (the
 * same decisions per attempt); timings and order are where reality shows.
 */
export function formatComparison(flow: FlowDoc, sim: RunSummary, real: RunSummary, broker: string): string {
  const outcomes = table(['outcome', 'simulator', broker, 'Δ']);
  const rows: [string, number, number][] = [
    ['produced', sim.events.produced, real.events.produced],
    ['emitted', sim.events.emitted, real.events.emitted],
    ...(Object.keys(sim.outcomes) as (keyof RunSummary['outcomes'])[]).map((k): [string, number, number] => [
      k,
      sim.outcomes[k],
      real.outcomes[k],
    ]),
    ['attempts', sim.processing.attempts, real.processing.attempts],
    ['failures', sim.processing.failures, real.processing.failures],
    ['redeliveries', sim.processing.redeliveries, real.processing.redeliveries],
    ['order violations', sim.processing.orderViolations, real.processing.orderViolations],
  ];
  for (const [k, a, b] of rows) outcomes.push([k, num(a), num(b), delta(a, b)]);

  const nodes = table(['node', 'figure', 'simulator', broker, 'Δ']);
  for (const n of flow.nodes)
    for (const c of NODE_COLUMNS) {
      const a = sim.nodes[n.id]?.[c];
      const b = real.nodes[n.id]?.[c];
      if (a === undefined && b === undefined) continue;
      if (!a && !b) continue;
      nodes.push([n.id, c, num(a ?? 0), num(b ?? 0), delta(a ?? 0, b ?? 0)]);
    }

  const latency = table(['latency (ms)', 'percentile', 'simulator', broker, 'Δ']);
  const row = (name: string, a: LatencyStats | undefined, b: LatencyStats | undefined) => {
    if (!a?.count && !b?.count) return;
    for (const p of LATENCY)
      latency.push([name, p, num(a?.[p] ?? 0), num(b?.[p] ?? 0), delta(a?.[p] ?? 0, b?.[p] ?? 0)]);
  };
  for (const n of flow.nodes) row(n.id, sim.latency.nodes[n.id], real.latency.nodes[n.id]);
  row('end to end', sim.latency.endToEnd, real.latency.endToEnd);

  return [
    `simulator vs ${broker}, seed ${sim.seed}`,
    outcomes.toString(),
    nodes.toString(),
    latency.toString(),
    '',
  ].join('\n');
}
