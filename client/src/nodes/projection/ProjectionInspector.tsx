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
  lagMs: {
    label: 'Lag',
    unit: 'ms',
    help: 'From an event being stored (or published, when a topic feeds it) to this projection applying it',
  },
  snapshotEvery: {
    label: 'Snapshot every',
    help: 'Applied events between snapshots a rebuild may start from (0 = none)',
  },
  key: {
    label: 'Row key',
    cel: 'aggregate',
    help: 'When a topic feeds it: CEL over event, data and key, the row an event belongs to (default: the event’s key)',
  },
  joinsAtMs: {
    label: 'Joins at',
    unit: 'ms',
    help: 'Added mid-run: empty until then, then it replays its source from position 0 and follows it (0 = from the start)',
  },
};
const order = ['initial', 'reducer', 'lagMs', 'snapshotEvery', 'key', 'joinsAtMs'];

export function ProjectionInspector({ node }: { node: NodeOf<'projection'> }) {
  return (
    <>
      <ReadModelTable nodeId={node.id} />
      <ConfigForm node={node} meta={meta} order={order} />
    </>
  );
}
