import Table from 'cli-table3';
import type { FlowDoc, NodeStats, RunSummary } from '@eventflow/shared';

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
    conservation,
    '',
  ].join('\n');
}
