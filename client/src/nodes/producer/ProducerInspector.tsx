import type { NodeOf } from '@eventflow/shared';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';

const meta: Record<string, FieldMeta> = {
  eventType: { label: 'Event type', help: 'The CloudEvent type, e.g. OrderPlaced' },
  rate: { label: 'Rate', unit: 'events/s', help: '0 means it only fires by hand' },
  count: { label: 'Stop after', unit: 'events', help: 'Leave empty for no limit' },
  arrival: { label: 'Arrival', help: 'fixed: evenly spaced; poisson: random gaps with the same mean' },
  key: { label: 'Key', cel: 'key', help: 'CEL giving the partition key, e.g. data.customerId' },
  payload: {
    label: 'Payload',
    cel: 'payload',
    help: 'CEL building the event data; seq, now and rand are available',
  },
};
const order = ['eventType', 'rate', 'arrival', 'count', 'key', 'payload'];

export function ProducerInspector({ node }: { node: NodeOf<'producer'> }) {
  return <ConfigForm node={node} meta={meta} order={order} />;
}
