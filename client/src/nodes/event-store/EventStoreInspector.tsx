import type { NodeOf } from '@eventflow/shared';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';
import { AuditView } from './AuditView';

const meta: Record<string, FieldMeta> = {
  aggregateId: {
    label: 'Aggregate id',
    cel: 'aggregate',
    help: 'CEL over event, data and key: the aggregate (stream) the event belongs to',
  },
  expectedVersion: {
    label: 'Expected version',
    cel: 'aggregate',
    help: 'Optional CEL: the version the writer saw; a write expecting an older one is refused (null: no check)',
  },
};

export function EventStoreInspector({ node }: { node: NodeOf<'event-store'> }) {
  return (
    <>
      <AuditView nodeId={node.id} />
      <ConfigForm node={node} meta={meta} order={['aggregateId', 'expectedVersion']} />
    </>
  );
}
