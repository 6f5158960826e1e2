import type { JsonSchema } from './json-schema.js';

/**
 * The AsyncAPI versions the export can write; the document uses nothing 3.1 added, so it is the same under
 * either. 3.0.0 is the default (the widest tool support); 3.1.0 spares parsers' "not the latest" notice.
 */
export const ASYNCAPI_VERSIONS = ['3.0.0', '3.1.0'] as const;
export type AsyncApiVersion = (typeof ASYNCAPI_VERSIONS)[number];
export const ASYNCAPI_VERSION: AsyncApiVersion = '3.0.0';

/** A JSON Reference inside the same document, e.g. `#/channels/orders`. */
export interface Ref {
  $ref: string;
}

/** Protocol bindings, keyed by protocol (`kafka`, `amqp`, `mqtt`, `nats`); each holds its `bindingVersion`. */
export type Bindings = Record<string, Record<string, unknown>>;

export interface AsyncApiServer {
  host: string;
  protocol: string;
  description?: string;
}

export interface AsyncApiMessage {
  name: string;
  title?: string;
  summary?: string;
  contentType: string;
  payload: JsonSchema;
  correlationId?: { description?: string; location: string };
}

export interface AsyncApiChannel {
  address: string;
  title?: string;
  description?: string;
  /** Keyed by message id; each a reference into `components.messages`. */
  messages: Record<string, Ref>;
  servers?: Ref[];
  bindings?: Bindings;
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: Ref;
  title?: string;
  summary?: string;
  description?: string;
  /** References to messages of `channel` (`#/channels/<id>/messages/<id>`). */
  messages: Ref[];
  bindings?: Bindings;
  /** Request-reply (a service call): where and what the answer comes back as. */
  reply?: { channel: Ref; messages: Ref[] };
}

/** An AsyncAPI 3.0 document as plain JSON: `JSON.stringify` or a YAML writer turns it into a file. */
export interface AsyncApiDocument {
  asyncapi: AsyncApiVersion;
  info: { title: string; version: string; description?: string };
  defaultContentType: string;
  servers?: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { messages: Record<string, AsyncApiMessage> };
}
