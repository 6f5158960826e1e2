import type { NodeOf } from '@eventflow/shared';
import { PlugZap, ScrollText, Unplug } from 'lucide-react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';

const meta: Record<string, FieldMeta> = {
  partitions: { label: 'Partitions', help: 'Events with the same key land in the same partition, in order' },
  latencyMs: { label: 'Latency', unit: 'ms', help: 'Broker hop between publish and delivery' },
  retention: { label: 'Retention (per partition)' },
  'retention.maxEvents': { label: 'Max events', help: 'Older events beyond this count expire' },
  'retention.maxAgeMs': { label: 'Max age', unit: 'ms', help: 'Events older than this expire' },
  outages: {
    label: 'Outages',
    help: 'The broker is down from each start for its length: producers fail or buffer, nobody fetches',
  },
  'outages.at': { label: 'Starts at', unit: 'ms' },
  'outages.for': { label: 'Lasts', unit: 'ms' },
};

/** While a run is live: take this topic's broker down by hand, or bring it back. */
function OutageButton({ id }: { id: string }) {
  const session = useSession();
  const live = useAppStore(
    (s) => s.run.id !== null && (s.run.phase === 'running' || s.run.phase === 'paused'),
  );
  const down = useAppStore((s) => s.metrics?.nodes[id]?.down === true);
  if (!live) return null;
  return (
    <button
      type="button"
      className={`ef-btn${down ? '' : ' ef-btn--danger'}`}
      data-testid="inspector.topic-outage"
      aria-pressed={down}
      onClick={() => void session.setTopicDown(id, !down)}
    >
      {down ? <PlugZap size={14} aria-hidden /> : <Unplug size={14} aria-hidden />}
      {down ? ' Bring broker back' : ' Take broker down'}
    </button>
  );
}

export function TopicInspector({ node }: { node: NodeOf<'topic'> }) {
  const session = useSession();
  return (
    <>
      <button type="button" className="ef-btn" onClick={() => void session.openConsole(node.id)}>
        <ScrollText size={14} aria-hidden /> Open console
      </button>
      <OutageButton id={node.id} />
      <ConfigForm node={node} meta={meta} />
    </>
  );
}
