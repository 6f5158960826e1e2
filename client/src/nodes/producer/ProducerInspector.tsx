import type { NodeOf } from '@eventflow/shared';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';
import { EventSchemaEditor } from './EventSchemaEditor';
import { RatePreview } from './RatePreview';

const meta: Record<string, FieldMeta> = {
  eventType: { label: 'Event type', help: 'The CloudEvent type, e.g. OrderPlaced' },
  schemaVersion: {
    label: 'Schema version',
    help: 'The version of its schema it publishes; leave empty for the newest',
  },
  rate: { label: 'Rate', unit: 'events/s', help: '0 means it only fires by hand' },
  count: { label: 'Stop after', unit: 'events', help: 'Leave empty for no limit' },
  arrival: { label: 'Arrival', help: 'fixed: evenly spaced; poisson: random gaps with the same mean' },
  key: { label: 'Key', cel: 'key', help: 'CEL giving the partition key, e.g. data.customerId' },
  payload: {
    label: 'Payload',
    cel: 'payload',
    help: 'CEL building the event data; seq, now and rand are available',
  },
  schedule: {
    label: 'Schedule',
    help: 'steps: from each step on, its rate; spike: a higher rate for a while. Rate holds otherwise',
  },
  'schedule#0.steps': { label: 'Steps' },
  'schedule#0.steps.at': { label: 'From', unit: 'ms' },
  'schedule#0.steps.rate': { label: 'Step rate', unit: 'events/s' },
  'schedule#1.at': { label: 'Starts at', unit: 'ms' },
  'schedule#1.for': { label: 'Lasts', unit: 'ms' },
  'schedule#1.rate': { label: 'Spike rate', unit: 'events/s' },
  onTopicDown: {
    label: 'When a topic is down',
    help: 'fail: the event is lost there (the default); buffer: held here and published when it is back',
  },
  bufferLimit: {
    label: 'Buffer limit',
    unit: 'events',
    help: 'Held at most (default 1,000); beyond, events fail',
  },
};
const order = [
  'eventType',
  'schemaVersion',
  'rate',
  'schedule',
  'arrival',
  'count',
  'key',
  'payload',
  'onTopicDown',
  'bufferLimit',
];

export function ProducerInspector({ node }: { node: NodeOf<'producer'> }) {
  return (
    <>
      <RatePreview config={node.config} />
      <ConfigForm node={node} meta={meta} order={order} />
      <EventSchemaEditor key={node.config.eventType} eventType={node.config.eventType} />
    </>
  );
}
