import { describe, expect, it } from 'vitest';
import { parseFlow } from '../../flow/parse.js';
import type { FlowDoc } from '../../flow/schema.js';
import type { EventDataSchema, EventSchema } from '../../event-schemas/schema.js';
import { applicationToAsyncApi, flowToAsyncApi } from './index.js';

function flowOf(raw: Record<string, unknown>): FlowDoc {
  const r = parseFlow({ format: 'eventflow.flow', version: 1, name: 'Shop', ...raw });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.flow;
}

const shop = flowOf({
  description: 'Orders and payments',
  nodes: [
    {
      id: 'shop',
      kind: 'producer',
      label: 'Web Shop',
      config: {
        eventType: 'OrderPlaced',
        payload: '{"orderId": "o-" + string(seq), "total": 12.5, "tags": ["a"]}',
      },
    },
    { id: 'orders', kind: 'topic', label: 'Orders EU', config: { partitions: 4 } },
    {
      id: 'billing',
      kind: 'consumer',
      config: {
        group: 'billing-svc',
        delivery: 'exactly-once',
        emits: [{ eventType: 'OrderBilled', payload: '{"orderId": data.orderId, "paid": true}' }],
      },
    },
    { id: 'billed', kind: 'topic' },
    { id: 'dlq', kind: 'topic', label: 'billing dlq' },
    { id: 'big', kind: 'filter', config: { expression: 'data.total > 100' } },
    { id: 'audit', kind: 'consumer' },
    { id: 'hook', kind: 'webhook', config: { url: 'https://example.com/in' } },
  ],
  edges: [
    { id: 'e1', source: 'shop', target: 'orders' },
    { id: 'e2', source: 'orders', target: 'billing' },
    { id: 'e3', source: 'billing', target: 'billed' },
    { id: 'e4', source: 'billing', target: 'dlq', role: 'dead-letter' },
    { id: 'e5', source: 'orders', target: 'big' },
    { id: 'e6', source: 'big', target: 'audit' },
    { id: 'e7', source: 'billed', target: 'hook' },
  ],
});

describe('flowToAsyncApi', () => {
  const doc = flowToAsyncApi(shop);

  it('titles the document with the flow and names no server unless asked', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.info).toEqual({ title: 'Shop', version: '1.0.0', description: 'Orders and payments' });
    expect(doc.servers).toBeUndefined();
    expect(flowToAsyncApi(shop, { server: 'nats', version: '3.1.0' })).toMatchObject({
      asyncapi: '3.1.0',
      servers: { nats: { host: 'localhost:4222', protocol: 'nats' } },
    });
  });

  it('makes a channel per topic, addressed by its label, with its partitions as a Kafka binding', () => {
    expect(Object.keys(doc.channels)).toEqual(['orders', 'billed', 'dlq']);
    expect(doc.channels.orders).toMatchObject({
      address: 'orders-eu',
      bindings: { kafka: { partitions: 4 } },
      messages: { OrderPlaced: { $ref: '#/components/messages/OrderPlaced' } },
    });
    expect(doc.channels.dlq?.address).toBe('billing-dlq');
  });

  it('infers each message payload from the CEL that builds it, inside the CloudEvent envelope', () => {
    const placed = doc.components.messages.OrderPlaced;
    expect(placed?.payload.properties?.type).toEqual({ type: 'string', const: 'OrderPlaced' });
    expect(placed?.payload.properties?.data).toMatchObject({
      type: 'object',
      properties: {
        orderId: { type: 'string' },
        total: { type: 'number' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
    expect(doc.components.messages.OrderBilled?.payload.properties?.data).toMatchObject({
      properties: { orderId: { type: 'string' }, paid: { type: 'boolean' } },
    });
  });

  it("uses the flow's schema of the version the producer publishes, when the event type has one", () => {
    const v2: EventDataSchema = {
      type: 'object',
      properties: { orderId: { type: 'string' } },
      required: ['orderId'],
    };
    const versions: EventSchema['versions'] = [
      { version: 1, schema: { type: 'object' } },
      { version: 2, schema: v2 },
    ];
    const schemas: EventSchema[] = [{ eventType: 'OrderPlaced', compatibility: 'none', versions }];
    const withSchemas = flowToAsyncApi({ ...shop, schemas });
    expect(withSchemas.components.messages.OrderPlaced?.payload.properties?.data).toEqual({
      ...v2,
      description: "OrderPlaced v2, from the flow's schemas.",
    });
    const pinned = {
      ...shop,
      schemas,
      nodes: shop.nodes.map((n) =>
        n.kind === 'producer' ? { ...n, config: { ...n.config, schemaVersion: 1 } } : n,
      ),
    };
    expect(flowToAsyncApi(pinned).components.messages.OrderPlaced?.payload.properties?.data).toMatchObject({
      type: 'object',
      description: "OrderPlaced v1, from the flow's schemas.",
    });
  });

  it('sends for producers, emits and dead-letter queues; receives with the consumer group', () => {
    expect(Object.entries(doc.operations).map(([id, o]) => `${id} ${o.action}`)).toEqual([
      'shop.send.orders send',
      'billing.send.billed send',
      'billing.dead-letter.dlq send',
      'hook.receive.billed receive',
      'audit.receive.orders receive',
      'billing.receive.orders receive',
    ]);
    expect(doc.operations['billing.receive.orders']?.bindings).toEqual({
      kafka: { groupId: { type: 'string', enum: ['billing-svc'] }, bindingVersion: '0.5.0' },
    });
    expect(doc.operations['audit.receive.orders']?.summary).toBe(
      'audit (group audit) reads Orders EU through big.',
    );
    expect(doc.operations['hook.receive.billed']?.description).toBe(
      'Delivered by HTTP POST to https://example.com/in.',
    );
  });

  it('puts what a consumer gives up on into its dead-letter channel', () => {
    expect(Object.keys(doc.channels.dlq?.messages ?? {})).toEqual(['OrderPlaced']);
    expect(doc.operations['billing.dead-letter.dlq']?.messages).toEqual([
      { $ref: '#/channels/dlq/messages/OrderPlaced' },
    ]);
  });

  it('writes the binding of the chosen broker: AMQP ack, MQTT QoS from the delivery guarantee, NATS queue group', () => {
    const op = (server: 'amqp' | 'mqtt' | 'nats') =>
      flowToAsyncApi(shop, { server }).operations['billing.receive.orders']?.bindings;
    expect(op('amqp')).toEqual({ amqp: { ack: true, bindingVersion: '0.3.0' } });
    expect(op('mqtt')).toEqual({ mqtt: { qos: 2, bindingVersion: '0.2.0' } });
    expect(op('nats')).toEqual({ nats: { queue: 'billing-svc', bindingVersion: '0.1.0' } });
    expect(flowToAsyncApi(shop, { server: 'mqtt' }).channels.orders?.bindings).toBeUndefined();
  });

  it('keys messages of one type but different shapes apart', () => {
    const twice = flowOf({
      nodes: [
        { id: 'a', kind: 'producer', config: { eventType: 'Ping', payload: '{"n": 1}' } },
        { id: 'b', kind: 'producer', config: { eventType: 'Ping', payload: '{"s": "x"}' } },
        { id: 'c', kind: 'producer', config: { eventType: 'Ping', payload: '{"n": 2}' } },
        { id: 't', kind: 'topic' },
      ],
      edges: [
        { id: 'e1', source: 'a', target: 't' },
        { id: 'e2', source: 'b', target: 't' },
        { id: 'e3', source: 'c', target: 't' },
      ],
    });
    expect(Object.keys(flowToAsyncApi(twice).components.messages)).toEqual(['Ping', 'Ping.b']);
  });
});

describe('applicationToAsyncApi', () => {
  it('holds one application: its operations, their channels and those channels’ messages', () => {
    const doc = applicationToAsyncApi(shop, 'billing');
    expect(doc?.info.title).toBe('Shop: billing');
    expect(Object.keys(doc?.operations ?? {})).toEqual([
      'billing.send.billed',
      'billing.dead-letter.dlq',
      'billing.receive.orders',
    ]);
    expect(Object.keys(doc?.channels ?? {})).toEqual(['orders', 'billed', 'dlq']);
    expect(Object.keys(applicationToAsyncApi(shop, 'shop')?.components.messages ?? {})).toEqual([
      'OrderPlaced',
    ]);
  });

  it('is undefined for a node that is no application', () => {
    expect(applicationToAsyncApi(shop, 'orders')).toBeUndefined();
    expect(applicationToAsyncApi(shop, 'nope')).toBeUndefined();
  });
});
