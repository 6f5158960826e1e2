import { z } from 'zod';

/** Node ids are stable, human-readable keys that edges and traces refer to. */
export const NodeId = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"');

/** A CEL source string. Its syntax and fields are checked by `validateFlow`, not here. */
export const CelSource = z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters');

export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

const Probability = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const PositiveMs = z.number().finite().nonnegative('must be ≥ 0');

/** Processing time in simulated ms: fixed, uniform in [min, max], or normal (clamped at 0). */
export const Duration = z.union([
  PositiveMs,
  z.strictObject({ min: PositiveMs, max: PositiveMs }).refine((d) => d.max >= d.min, {
    message: 'max must be ≥ min',
    path: ['max'],
  }),
  z.strictObject({ mean: PositiveMs, stddev: PositiveMs }),
]);
export type Duration = z.infer<typeof Duration>;

/** Retry backoff in simulated ms: fixed, or exponential `initial × multiplier^(attempt-1)` capped at `max`. */
export const Backoff = z.union([
  PositiveMs,
  z.strictObject({
    initial: PositiveMs,
    multiplier: z.number().min(1, 'must be ≥ 1').max(100).default(2),
    max: PositiveMs.default(60_000),
  }),
]);
export type Backoff = z.infer<typeof Backoff>;

export const ProducerConfig = z.strictObject({
  /** CloudEvent `type` of what this producer publishes, e.g. "OrderPlaced". */
  eventType: z.string().min(1, 'must not be empty').max(128),
  /** Events per simulated second; 0 means the producer only fires by hand. */
  rate: z.number().finite().min(0, 'must be ≥ 0').max(1_000_000, 'must be at most 1,000,000').default(1),
  /** Stop after this many events; absent means unbounded. */
  count: z.number().int('must be an integer').min(0, 'must be ≥ 0').optional(),
  arrival: z.enum(['fixed', 'poisson']).default('fixed'),
  /** CEL giving the partition/ordering key; absent means keyless (round-robin). */
  key: CelSource.optional(),
  /** CEL building the event data; absent means `{ "seq": seq }`. */
  payload: CelSource.optional(),
});

export const Retention = z.strictObject({
  /** Per partition: the oldest events beyond this count are removed. */
  maxEvents: z.number().int('must be an integer').min(1, 'must be ≥ 1').optional(),
  /** Per partition: events older than this (simulated ms since publish) are removed. */
  maxAgeMs: z.number().finite().positive('must be > 0').optional(),
});

export const TopicConfig = z.strictObject({
  partitions: z
    .number()
    .int('must be an integer')
    .min(1, 'must be an integer ≥ 1')
    .max(256, 'must be at most 256')
    .default(1),
  /** Broker hop latency in simulated ms, applied between publish and delivery. */
  latencyMs: PositiveMs.default(1),
  retention: Retention.default({}),
});

export const FilterConfig = z.strictObject({
  /** CEL predicate over `event`, `data` and `key`; true lets the event pass. */
  expression: CelSource,
});

export const Emit = z.strictObject({
  eventType: z.string().min(1, 'must not be empty').max(128),
  /** CEL over the consumed `event`/`data`; absent means the consumed data is passed on. */
  payload: CelSource.optional(),
});

export const DeliveryGuarantee = z.enum(['at-most-once', 'at-least-once', 'exactly-once']);
export type DeliveryGuarantee = z.infer<typeof DeliveryGuarantee>;

export const ConsumerConfig = z.strictObject({
  /** Consumer group; consumers sharing a group compete, distinct groups each get every event. Defaults to the node id. */
  group: z.string().min(1).max(64).optional(),
  instances: z
    .number()
    .int('must be an integer')
    .min(1, 'must be an integer ≥ 1')
    .max(64, 'must be at most 64')
    .default(1),
  processingMs: Duration.default(10),
  /** Chance that processing throws before any side effect. */
  failureRate: Probability.default(0),
  /** Chance that the side effect happens but the ack is lost (a crash after processing). */
  ackLossRate: Probability.default(0),
  delivery: DeliveryGuarantee.default('at-least-once'),
  maxAttempts: z.number().int('must be an integer').min(1, 'must be an integer ≥ 1').max(100).default(3),
  backoffMs: Backoff.default(100),
  /** "blocking" holds the partition until the event succeeds or gives up; "requeue" lets later events pass. */
  retry: z.enum(['blocking', 'requeue']).default('blocking'),
  emits: z.array(Emit).max(16).default([]),
});

const base = {
  id: NodeId,
  label: z.string().max(128).optional(),
  position: Position.optional(),
};

export const ProducerNode = z.strictObject({ ...base, kind: z.literal('producer'), config: ProducerConfig });
export const TopicNode = z.strictObject({
  ...base,
  kind: z.literal('topic'),
  config: TopicConfig.prefault({}),
});
export const FilterNode = z.strictObject({ ...base, kind: z.literal('filter'), config: FilterConfig });
export const ConsumerNode = z.strictObject({
  ...base,
  kind: z.literal('consumer'),
  config: ConsumerConfig.prefault({}),
});

export const FlowNode = z.discriminatedUnion('kind', [ProducerNode, TopicNode, FilterNode, ConsumerNode]);

export const EdgeRole = z.enum(['normal', 'dead-letter']);
export const FlowEdge = z.strictObject({
  id: NodeId,
  source: NodeId,
  target: NodeId,
  /** "dead-letter" marks a consumer → topic edge as that consumer's dead-letter queue. */
  role: EdgeRole.optional(),
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
  nodes: z.array(FlowNode).max(5000, 'at most 5000 nodes'),
  edges: z.array(FlowEdge).max(20000, 'at most 20000 edges'),
});

export type ProducerConfig = z.infer<typeof ProducerConfig>;
export type TopicConfig = z.infer<typeof TopicConfig>;
export type FilterConfig = z.infer<typeof FilterConfig>;
export type ConsumerConfig = z.infer<typeof ConsumerConfig>;
export type Retention = z.infer<typeof Retention>;
export type Emit = z.infer<typeof Emit>;
export type FlowNode = z.infer<typeof FlowNode>;
export type FlowEdge = z.infer<typeof FlowEdge>;
export type EdgeRole = z.infer<typeof EdgeRole>;
/** A flow after parsing: every default filled in. */
export type FlowDoc = z.infer<typeof FlowDoc>;
/** A flow as written in a file: defaults may be absent. */
export type FlowDocInput = z.input<typeof FlowDoc>;
export type NodeKind = FlowNode['kind'];
export type NodeOf<K extends NodeKind> = Extract<FlowNode, { kind: K }>;
export type ConfigOf<K extends NodeKind> = NodeOf<K>['config'];

export const NODE_KINDS = ['producer', 'topic', 'filter', 'consumer'] as const satisfies readonly NodeKind[];

/** Config schemas by kind, for live config updates and generated inspector forms. */
export const configSchemas = {
  producer: ProducerConfig,
  topic: TopicConfig,
  filter: FilterConfig,
  consumer: ConsumerConfig,
} as const;
