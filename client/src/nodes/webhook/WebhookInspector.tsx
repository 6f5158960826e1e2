import type { NodeOf } from '@eventflow/shared';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';

const meta: Record<string, FieldMeta> = {
  url: {
    label: 'Endpoint URL',
    help: 'Modelled: shown only. Real: a live run POSTs each event here, if the server allows the URL',
  },
  endpoint: {
    label: 'Endpoint',
    help: 'Modelled answers from the fields below; real needs the URL in EVENTFLOW_WEBHOOK_ALLOW',
  },
  latencyMs: { label: 'Response time', unit: 'ms' },
  timeoutMs: { label: 'Timeout', unit: 'ms', help: 'No answer by then is a timeout, retried like a 5xx' },
  statusMix: { label: 'Status mix (relative weights)' },
  'statusMix.ok': { label: '200 OK' },
  'statusMix.clientError': { label: '400 client error', help: 'Not retried: dead-lettered or dropped' },
  'statusMix.serverError': { label: '503 server error', help: 'Retried with backoff' },
  'statusMix.timeout': { label: 'Timeout', help: 'Retried with backoff' },
  concurrency: { label: 'Concurrent requests' },
  maxAttempts: { label: 'Max attempts' },
  backoffMs: { label: 'Retry backoff', unit: 'ms' },
};
const order = [
  'url',
  'endpoint',
  'statusMix',
  'latencyMs',
  'timeoutMs',
  'maxAttempts',
  'backoffMs',
  'concurrency',
];

export function WebhookInspector({ node }: { node: NodeOf<'webhook'> }) {
  return <ConfigForm node={node} meta={meta} order={order} />;
}
