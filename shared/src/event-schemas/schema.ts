import { z } from 'zod';
import { CelSource } from '../flow/primitives.js';

/** The JSON types a JSON Schema `type` may name. */
export const JsonType = z.enum(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
export type JsonType = z.infer<typeof JsonType>;

/**
 * A JSON Schema (draft 2020-12) as a flow holds it. The keywords Eventflow reads for compatibility are
 * checked here, so a typo in them is reported at its path; any other keyword is kept and validated at run
 * time by the validator as the standard says.
 */
export interface EventDataSchema {
  type?: JsonType | JsonType[];
  properties?: Record<string, EventDataSchema>;
  required?: string[];
  additionalProperties?: boolean | EventDataSchema;
  items?: EventDataSchema;
  enum?: unknown[];
  [keyword: string]: unknown;
}
export const EventDataSchema: z.ZodType<EventDataSchema> = z.lazy(() =>
  z.looseObject({
    type: z.union([JsonType, z.array(JsonType).min(1)]).optional(),
    properties: z.record(z.string(), EventDataSchema).optional(),
    required: z.array(z.string()).optional(),
    additionalProperties: z.union([z.boolean(), EventDataSchema]).optional(),
    items: EventDataSchema.optional(),
    enum: z.array(z.unknown()).min(1, 'must list at least one value').optional(),
  }),
);

export const SchemaVersionNumber = z.number().int('must be an integer').min(1, 'must be ≥ 1').max(999);

/** One registered version of an event type's schema. */
export const SchemaVersion = z.strictObject({
  version: SchemaVersionNumber,
  schema: EventDataSchema,
});
export type SchemaVersion = z.infer<typeof SchemaVersion>;

/**
 * How a new version must relate to the one before it, as a schema registry defines it: `backward` (a reader
 * on the new version reads data written with the previous one), `forward` (a reader on the previous version
 * reads data written with the new one), `full` (both), `none` (unchecked).
 */
export const Compatibility = z.enum(['backward', 'forward', 'full', 'none']);
export type Compatibility = z.infer<typeof Compatibility>;

/** The schemas of one event type (CloudEvent `type`), by version, like a schema registry's subject. */
export const EventSchema = z
  .strictObject({
    eventType: z.string().min(1, 'must not be empty').max(128),
    /** Checked between consecutive versions; default `backward`, the registries' default. */
    compatibility: Compatibility.optional(),
    versions: z.array(SchemaVersion).min(1, 'must hold at least one version').max(32),
  })
  .superRefine((s, ctx) => {
    s.versions.forEach((v, i) => {
      if (i > 0 && v.version <= s.versions[i - 1]!.version)
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'version'],
          message: `must be greater than the version before it (${s.versions[i - 1]!.version})`,
        });
    });
  });
export type EventSchema = z.infer<typeof EventSchema>;

/** A flow's event schemas, one entry per event type. */
export const EventSchemas = z
  .array(EventSchema)
  .max(256)
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((s, i) => {
      const first = seen.get(s.eventType);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'eventType'],
          message: `duplicate event type '${s.eventType}' (also schemas[${first}])`,
        });
      else seen.set(s.eventType, i);
    });
  });

/** The versions of one event type a consumer reads (its reader schemas). */
export const ReadVersions = z.strictObject({
  eventType: z.string().min(1, 'must not be empty').max(128),
  versions: z.array(SchemaVersionNumber).min(1, 'must name at least one version').max(32),
});
export type ReadVersions = z.infer<typeof ReadVersions>;

/**
 * Converts data of one version into a version the consumer reads, with CEL over the event (`data` is the
 * written data). An upcaster when `from` is older than `to`, a downcaster when newer: both adapt the reader.
 */
export const Upcaster = z.strictObject({
  eventType: z.string().min(1, 'must not be empty').max(128),
  from: SchemaVersionNumber,
  /** The version it produces; default the newest version the consumer reads of that type. */
  to: SchemaVersionNumber.optional(),
  payload: CelSource,
});
export type Upcaster = z.infer<typeof Upcaster>;
