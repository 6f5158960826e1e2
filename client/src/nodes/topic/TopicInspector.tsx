import type { NodeOf } from '@eventflow/shared';
import { ScrollText } from 'lucide-react';
import { useSession } from '../../app/use-session';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';

const meta: Record<string, FieldMeta> = {
  partitions: { label: 'Partitions', help: 'Events with the same key land in the same partition, in order' },
  latencyMs: { label: 'Latency', unit: 'ms', help: 'Broker hop between publish and delivery' },
  retention: { label: 'Retention (per partition)' },
  'retention.maxEvents': { label: 'Max events', help: 'Older events beyond this count expire' },
  'retention.maxAgeMs': { label: 'Max age', unit: 'ms', help: 'Events older than this expire' },
};

export function TopicInspector({ node }: { node: NodeOf<'topic'> }) {
  const session = useSession();
  return (
    <>
      <button type="button" className="ef-btn" onClick={() => void session.openConsole(node.id)}>
        <ScrollText size={14} aria-hidden /> Open console
      </button>
      <ConfigForm node={node} meta={meta} />
    </>
  );
}
