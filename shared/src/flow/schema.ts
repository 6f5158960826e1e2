import { z } from 'zod';
import { nodeSchemas } from '../kinds/registry.js';
import type { NodeKind } from '../kinds/names.js';
import { CallConfig } from './call.js';
import { QueryConfig } from './query.js';
import { NodeId } from './primitives.js';
import { EventSchemas } from '../event-schemas/schema.js';

export { CallConfig, defaultCall } from './call.js';
export { QueryConfig, defaultQuery } from './query.js';
export { NodeId, CelSource, Position, Duration, Backoff } from './primitives.js';
export { ProducerConfig } from '../kinds/producer/index.js';
export { RateSchedule, RateStep, rateAt, nextRateChange, ratePoints } from '../kinds/producer/schedule.js';
export { TopicConfig, Retention, Outage } from '../kinds/topic/index.js';
export { FilterConfig } from '../kinds/filter/index.js';
export { RouterConfig, RouteRule, RoutingPattern, DEFAULT_ROUTE } from '../kinds/router/index.js';
export { matchesPattern, patternProblem } from '../kinds/router/pattern.js';
export { WebhookConfig, StatusMix, WEBHOOK_STATUS } from '../kinds/webhook/index.js';
export { EventStoreConfig } from '../kinds/event-store/index.js';
export { ProjectionConfig } from '../kinds/projection/index.js';
export {
  ConsumerConfig,
  Emit,
  DeliveryGuarantee,
  Outage as ConsumerOutage,
  Autoscale,
  MAX_OUTAGE_MS,
} from '../kinds/consumer/index.js';
export { NODE_KINDS, type NodeKind } from '../kinds/names.js';
export { sharedKinds, configSchemas, isNodeKind } from '../kinds/registry.js';
export { starterConfig } from '../kinds/starter.js';
export type { SharedKind, ConnectionRules, KindExpression } from '../kinds/kind.js';

/** A node of any kind: the union is built from the kind registry (`kinds/registry.ts`), never listed here. */
export const FlowNode = z.discriminatedUnion('kind', nodeSchemas);

export const EdgeRole = z.enum(['normal', 'dead-letter', 'call', 'query']);
export const FlowEdge = z.strictObject({
  id: NodeId,
  source: NodeId,
  target: NodeId,
  /**
   * "dead-letter" marks a consumer → topic edge as that consumer's dead-letter queue; "call" marks a consumer →
   * consumer edge as a synchronous service call (request-response) the source makes while processing; "query"
   * marks a projection → consumer edge as a read of one row the consumer makes while processing (decision 0029).
   */
  role: EdgeRole.optional(),
  /** A call edge's latency, timeout and failure rate (defaults when absent); only on `role: "call"` edges. */
  call: CallConfig.optional(),
  /** A query edge's key expression (default: the consumed event's key); only on `role: "query"` edges. */
  query: QueryConfig.optional(),
  /** The handle the edge leaves from: on a router, a rule's id or `default`; absent elsewhere. */
  sourceHandle: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[a-z0-9-]+$/, 'may contain only lowercase letters, digits and "-"')
    .optional(),
});

export const FLOW_FORMAT = 'eventflow.flow';
export const FLOW_VERSION = 1;

export const FlowDoc = z.strictObject({
  format: z.literal(FLOW_FORMAT),
  version: z.literal(FLOW_VERSION),
  name: z.string().min(1, 'must not be empty').max(200),
  description: z.string().max(10_000).optional(),
  /** Default PRNG seed for runs of this flow. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  /** JSON Schemas of the flow's event types, by version; absent means events are unchecked. */
  schemas: EventSchemas.optional(),
  nodes: z.array(FlowNode).max(5000, 'at most 5000 nodes'),
  edges: z.array(FlowEdge).max(20000, 'at most 20000 edges'),
});

export type FlowNode = z.infer<typeof FlowNode>;
export type FlowEdge = z.infer<typeof FlowEdge>;
export type EdgeRole = z.infer<typeof EdgeRole>;
/** A flow after parsing: every default filled in. */
export type FlowDoc = z.infer<typeof FlowDoc>;
/** A flow as written in a file: defaults may be absent. */
export type FlowDocInput = z.input<typeof FlowDoc>;
export type NodeOf<K extends NodeKind> = Extract<FlowNode, { kind: K }>;
export type ConfigOf<K extends NodeKind> = NodeOf<K>['config'];
