import type { FlowDoc, FlowNode } from '../../flow/schema.js';
import type { Problem } from '../../protocol/result.js';
import { channelBindings, receiveBindings, serverFor, type AsyncApiBroker } from './bindings.js';
import {
  ASYNCAPI_VERSION,
  type AsyncApiVersion,
  type AsyncApiChannel,
  type AsyncApiDocument,
  type AsyncApiMessage,
  type AsyncApiOperation,
} from './document.js';
import { addServiceCalls } from './export-calls.js';
import { shapeToJsonSchema, type JsonSchema } from './json-schema.js';
import { readAsyncTopology, type MessageInfo } from './topology.js';
import { versionOf, writtenVersion } from '../../event-schemas/read-plan.js';

export interface AsyncApiOptions {
  /** The broker the `servers` entry names (and whose bindings are written); absent: no servers, Kafka bindings. */
  server?: AsyncApiBroker;
  /** The server's `host`, instead of the broker's usual local address. */
  host?: string;
  /** Default `ASYNCAPI_VERSION` (3.0.0). */
  version?: AsyncApiVersion;
}

/** Engine events are CloudEvents 1.0 in structured JSON mode: the envelope is the message. */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

const str = (description: string): JsonSchema => ({ type: 'string', description });

/**
 * The message's `data`: the flow's registered schema of the version its first builder publishes when the
 * event type has one, else the shape inferred from the CEL that builds it.
 */
function dataSchema(m: MessageInfo, flow: FlowDoc): JsonSchema {
  const entry = flow.schemas?.find((e) => e.eventType === m.eventType);
  if (entry) {
    const builder = flow.nodes.find((n) => n.id === m.from[0]);
    const named = builder?.kind === 'producer' ? builder.config.schemaVersion : undefined;
    const version = writtenVersion(entry, named);
    const registered = versionOf(entry, version);
    if (registered)
      return { ...registered.schema, description: `${m.eventType} v${version}, from the flow's schemas.` };
  }
  return {
    ...shapeToJsonSchema(m.data),
    description: 'Inferred from the payload expression of the node that builds it.',
  };
}

function envelope(m: MessageInfo, flow: FlowDoc): JsonSchema {
  return {
    type: 'object',
    required: [
      'specversion',
      'id',
      'source',
      'type',
      'time',
      'datacontenttype',
      'data',
      'traceparent',
      'correlationid',
    ],
    properties: {
      specversion: { type: 'string', const: '1.0' },
      id: str('Unique event id.'),
      source: str('URI-reference of the node that built the event, e.g. /nodes/orders.'),
      type: { type: 'string', const: m.eventType },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { type: 'string', const: 'application/json' },
      data: dataSchema(m, flow),
      traceparent: str('W3C traceparent shared along the chain of events.'),
      partitionkey: str('Partition and routing key, when the producer sets one.'),
      correlationid: str('Id of the root event of the chain.'),
      causationid: str('Id of the event this one was emitted in reaction to.'),
    },
  };
}

const slug = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'topic';

const nameOf = (n: FlowNode | undefined, id: string) => n?.label ?? id;

/**
 * The flow as an AsyncAPI 3.0 document: a channel per topic (address: the topic's label as a slug;
 * partitions as a Kafka binding), a message per event type and payload shape (the CloudEvent envelope with
 * `data` inferred from the CEL that builds it), `send` operations for producers, consumers' emits and
 * dead-letter queues, `receive` operations for consumers and webhooks (their group as a binding), and each
 * service call as request-reply (a `send` with `reply` for the caller, a `receive` with `reply` for the callee).
 */
export function flowToAsyncApi(flow: FlowDoc, options: AsyncApiOptions = {}): AsyncApiDocument {
  return buildDocument(flow, options).doc;
}

/**
 * `flowToAsyncApi` with what the document could not carry: each node or edge left out, by path, so the UI and
 * the CLI list it to the user instead of dropping it silently.
 */
export function exportAsyncApi(
  flow: FlowDoc,
  options: AsyncApiOptions = {},
): { doc: AsyncApiDocument; warnings: Problem[] } {
  const { doc, warnings } = buildDocument(flow, options);
  return { doc, warnings };
}

/** What AsyncAPI has no place for: it describes channels and the operations on them, not stores or reducers. */
const UNMAPPED: Partial<Record<FlowNode['kind'], string>> = {
  'event-store':
    'an event store is not a channel in AsyncAPI (it appends and versions events per aggregate); left out, with the edges into and out of it',
  projection:
    'a projection is a read model folded from an event store, not an operation on a channel; left out',
};

const warning = (path: string, message: string): Problem => ({ path, message, severity: 'warning' });

/** The document, and which node each operation belongs to (operation ids alone cannot say: ids hold dots). */
function buildDocument(flow: FlowDoc, options: AsyncApiOptions) {
  const owners = new Map<string, string>();
  const nodes = new Map(flow.nodes.map((n) => [n.id, n] as const));
  const topo = readAsyncTopology(flow);
  const broker = options.server;

  const components: Record<string, AsyncApiMessage> = {};
  for (const m of topo.messages.values())
    components[m.key] = {
      name: m.eventType,
      title: m.eventType,
      summary: `Built by ${m.from.map((id) => nameOf(nodes.get(id), id)).join(', ')}.`,
      contentType: CLOUDEVENTS_CONTENT_TYPE,
      payload: envelope(m, flow),
      correlationId: {
        description: 'The root event of the chain.',
        location: '$message.payload#/correlationid',
      },
    };

  const channels: Record<string, AsyncApiChannel> = {};
  const taken = new Set<string>();
  for (const [topicId, keys] of topo.channels) {
    const node = nodes.get(topicId);
    let address = slug(nameOf(node, topicId));
    for (let i = 2; taken.has(address); i++) address = `${slug(nameOf(node, topicId))}-${i}`;
    taken.add(address);
    const bindings = channelBindings(broker, {
      address,
      partitions: node?.kind === 'topic' ? node.config.partitions : 1,
    });
    channels[topicId] = {
      address,
      title: nameOf(node, topicId),
      messages: Object.fromEntries(keys.map((k) => [k, { $ref: `#/components/messages/${k}` }])),
      ...(bindings ? { bindings } : {}),
    };
  }
  const messageRefs = (topic: string, keys: readonly string[]) =>
    keys.map((k) => ({ $ref: `#/channels/${topic}/messages/${k}` }));

  const operations: Record<string, AsyncApiOperation> = {};
  const VERB = { publish: 'publishes', emit: 'emits', 'dead-letter': 'dead-letters' } as const;
  for (const s of topo.sends) {
    const who = nameOf(nodes.get(s.node), s.node);
    const what =
      s.role === 'dead-letter'
        ? 'what it gives up on'
        : s.messages.map((k) => topo.messages.get(k)?.eventType ?? k).join(', ');
    const id = `${s.node}.${s.role === 'dead-letter' ? 'dead-letter' : 'send'}.${s.topic}`;
    owners.set(id, s.node);
    operations[id] = {
      action: 'send',
      channel: { $ref: `#/channels/${s.topic}` },
      // The application's name as drawn: an import gives the node its label back from it.
      title: who,
      summary: `${who} ${VERB[s.role]} ${what} to ${nameOf(nodes.get(s.topic), s.topic)}.`,
      messages: messageRefs(s.topic, s.messages),
    };
  }
  for (const r of topo.receives) {
    const node = nodes.get(r.node);
    const via = r.filters.length
      ? ` through ${r.filters.map((f) => nameOf(nodes.get(f), f)).join(', ')}`
      : '';
    const id = `${r.node}.receive.${r.topic}`;
    owners.set(id, r.node);
    operations[id] = {
      action: 'receive',
      channel: { $ref: `#/channels/${r.topic}` },
      title: nameOf(node, r.node),
      summary: `${nameOf(node, r.node)} (group ${r.group}) reads ${nameOf(nodes.get(r.topic), r.topic)}${via}.`,
      ...(node?.kind === 'webhook' ? { description: `Delivered by HTTP POST to ${node.config.url}.` } : {}),
      messages: messageRefs(r.topic, topo.channels.get(r.topic) ?? []),
      bindings: receiveBindings(broker, {
        group: r.group,
        ...(node?.kind === 'consumer' ? { delivery: node.config.delivery } : {}),
      }),
    };
  }

  addServiceCalls(flow, { nodes, components, channels, operations, owners, taken, nameOf, slug });

  const warnings: Problem[] = [];
  for (const n of flow.nodes) {
    const why = UNMAPPED[n.kind];
    if (why) warnings.push(warning(`nodes.${n.id}`, `${nameOf(n, n.id)}: ${why}`));
  }

  const doc: AsyncApiDocument = {
    asyncapi: options.version ?? ASYNCAPI_VERSION,
    info: {
      title: flow.name,
      version: '1.0.0',
      ...(flow.description ? { description: flow.description } : {}),
    },
    defaultContentType: CLOUDEVENTS_CONTENT_TYPE,
    ...(broker ? { servers: { [broker]: serverFor(broker, options.host) } } : {}),
    channels,
    operations,
    components: { messages: components },
  };
  return { doc, owners, warnings };
}

/**
 * One application of the flow (a producer, consumer or webhook) as its own document: only its operations,
 * the channels they use and the messages of those channels. `undefined` when the node is not one of those
 * kinds or has no operation (e.g. a producer connected to nothing).
 */
export function applicationToAsyncApi(
  flow: FlowDoc,
  nodeId: string,
  options: AsyncApiOptions = {},
): AsyncApiDocument | undefined {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (!node || !(node.kind === 'producer' || node.kind === 'consumer' || node.kind === 'webhook'))
    return undefined;
  const { doc: whole, owners } = buildDocument(flow, options);
  const operations = Object.fromEntries(
    Object.entries(whole.operations).filter(([id]) => owners.get(id) === nodeId),
  );
  if (Object.keys(operations).length === 0) return undefined;
  const used = new Set(
    Object.values(operations).flatMap((o) =>
      [o.channel, ...(o.reply ? [o.reply.channel] : [])].map((c) => c.$ref.slice('#/channels/'.length)),
    ),
  );
  const channels = Object.fromEntries(Object.entries(whole.channels).filter(([id]) => used.has(id)));
  const keys = new Set(Object.values(channels).flatMap((c) => Object.keys(c.messages)));
  return {
    ...whole,
    info: { ...whole.info, title: `${flow.name}: ${nameOf(node, nodeId)}` },
    channels,
    operations,
    components: {
      messages: Object.fromEntries(Object.entries(whole.components.messages).filter(([k]) => keys.has(k))),
    },
  };
}
