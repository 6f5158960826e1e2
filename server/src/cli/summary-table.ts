import Table from 'cli-table3';
import type { FlowDoc, GroupSummary, LatencyStats, NodeStats, RunSummary } from '@eventflow/shared';

// No colours: the output is read by people and by tests alike, and pipes should not get ANSI codes.
const plain = () => new Table({ style: { head: [], border: [], compact: true } });

const NODE_COLUMNS: readonly (keyof NodeStats)[] = [
  'in',
  'out',
  'acked',
  'filtered',
  'filterErrors',
  'failed',
  'dropped',
  'deadLettered',
  'expired',
  'duplicatesSkipped',
];

function keyValueTable(title: string, values: Record<string, number>): string {
  const table = plain();
  table.push([{ colSpan: 2, content: title }]);
  for (const [k, v] of Object.entries(values)) table.push([k, v.toLocaleString('en-US')]);
  return table.toString();
}

function nodesTable(flow: FlowDoc, nodes: RunSummary['nodes']): string {
  const stats = Object.values(nodes);
  // Only columns some node reports, so a small flow gets a narrow table.
  const columns = NODE_COLUMNS.filter((c) => stats.some((s) => s[c] !== undefined));
  const table = new Table({
    head: ['node', 'kind', ...columns],
    style: { head: [], border: [], compact: true },
  });
  for (const node of flow.nodes) {
    const s = nodes[node.id] ?? {};
    table.push([node.id, node.kind, ...columns.map((c) => s[c]?.toLocaleString('en-US') ?? '')]);
  }
  return table.toString();
}

const GROUP_COLUMNS: readonly (keyof GroupSummary)[] = [
  'acked',
  'filtered',
  'dropped',
  'deadLettered',
  'expired',
  'inFlight',
  'duplicatesProcessed',
  'duplicatesSkipped',
  'orderViolations',
  'ackedPerSecond',
];

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

function groupsTable(groups: RunSummary['groups']): string {
  const table = new Table({
    head: ['group', ...GROUP_COLUMNS],
    style: { head: [], border: [], compact: true },
  });
  for (const g of groups) table.push([g.group, ...GROUP_COLUMNS.map((c) => num(g[c] as number))]);
  return table.toString();
}

const LATENCY_COLUMNS = ['count', 'p50', 'p95', 'p99', 'max'] as const;

/** Simulated ms; percentiles within 3.125 % (the histogram's bound), so two decimals are plenty. */
function latencyTable(flow: FlowDoc, latency: RunSummary['latency']): string {
  const table = new Table({
    head: ['latency (ms)', 'kind', ...LATENCY_COLUMNS],
    style: { head: [], border: [], compact: true },
  });
  const row = (name: string, kind: string, l: LatencyStats) =>
    table.push([name, kind, ...LATENCY_COLUMNS.map((c) => (l.count ? num(l[c]) : '–'))]);
  for (const node of flow.nodes) {
    const l = latency.nodes[node.id];
    if (l) row(node.id, node.kind, l);
  }
  row('end to end', '', latency.endToEnd);
  return table.toString();
}

/** The human-readable form of a run: headline, per-outcome tables and a per-node table. */
export function formatSummary(flow: FlowDoc, summary: RunSummary, stopReason: string): string {
  const c = summary.conservation;
  const headline =
    `${summary.flow} · seed ${summary.seed} · ${summary.simulatedMs.toLocaleString('en-US')} simulated ms · ` +
    `${summary.hops.toLocaleString('en-US')} hops · stopped: ${stopReason}`;
  const conservation = c.ok
    ? `✓ conservation: ${c.accounted.toLocaleString('en-US')} of ${c.expected.toLocaleString('en-US')} deliveries accounted for`
    : `✗ conservation FAILED: expected ${c.expected.toLocaleString('en-US')}, accounted ${c.accounted.toLocaleString('en-US')}`;
  return [
    headline,
    keyValueTable('events', summary.events),
    keyValueTable('outcomes', summary.outcomes),
    keyValueTable('processing', summary.processing),
    nodesTable(flow, summary.nodes),
    groupsTable(summary.groups),
    latencyTable(flow, summary.latency),
    keyValueTable('throughput (per simulated second)', {
      produced: Number(summary.throughput.producedPerSecond.toFixed(2)),
      acked: Number(summary.throughput.ackedPerSecond.toFixed(2)),
    }),
    conservation,
    '',
  ].join('\n');
}
