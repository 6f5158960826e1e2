import type { NodeOf } from '@eventflow/shared';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';
import { ReadModelTable } from './ReadModelTable';

const meta: Record<string, FieldMeta> = {
  initial: {
    label: 'Initial state',
    cel: 'payload',
    help: 'CEL with no event: a row before its aggregate’s first event',
  },
  reducer: {
    label: 'Reducer',
    cel: 'reducer',
    help: 'CEL over state (the row so far), event, data and key: the row after this event',
  },
  lagMs: { label: 'Lag', unit: 'ms', help: 'From an event being stored to this projection applying it' },
  snapshotEvery: {
    label: 'Snapshot every',
    help: 'Applied events between snapshots a rebuild may start from (0 = none)',
  },
};
const order = ['initial', 'reducer', 'lagMs', 'snapshotEvery'];

export function ProjectionInspector({ node }: { node: NodeOf<'projection'> }) {
  return (
    <>
      <ReadModelTable nodeId={node.id} />
      <ConfigForm node={node} meta={meta} order={order} />
    </>
  );
}
