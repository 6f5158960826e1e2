import { z } from 'zod';

/**
 * The part of an AsyncAPI 3 document the import reads, validated before anything is built from it. Objects
 * are loose: the rest of the specification (security, parameters, traits, …) passes through unread.
 */
const Ref = z.looseObject({ $ref: z.string().min(1) });
const Bindings = z.record(z.string(), z.unknown()).optional();

export const ImportedChannel = z.looseObject({
  address: z.string().nullable().optional(),
  title: z.string().optional(),
  messages: z.record(z.string(), z.unknown()).optional(),
  bindings: Bindings,
});

export const ImportedOperation = z.looseObject({
  action: z.enum(['send', 'receive']),
  channel: Ref,
  messages: z.array(Ref).optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  bindings: Bindings,
  /** Request-reply: a service call (the export writes one per call edge). */
  reply: z.looseObject({ channel: Ref.optional() }).optional(),
});

export const ImportedDocument = z.looseObject({
  asyncapi: z.string().regex(/^3\.\d+\.\d+$/, 'only AsyncAPI 3.x documents can be imported'),
  info: z.looseObject({ title: z.string().min(1).max(200), description: z.string().max(10_000).optional() }),
  channels: z.record(z.string(), ImportedChannel).optional(),
  operations: z.record(z.string(), ImportedOperation).optional(),
  components: z.looseObject({ messages: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export type ImportedDocument = z.infer<typeof ImportedDocument>;
export type ImportedOperation = z.infer<typeof ImportedOperation>;

/** A message as far as the import reads it: its name and the payload schema. */
export const ImportedMessage = z.looseObject({
  name: z.string().min(1).optional(),
  title: z.string().optional(),
  payload: z.unknown().optional(),
});
