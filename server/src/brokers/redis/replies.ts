import { z } from 'zod';

/** Replies from Redis are outside input: parsed here, never cast. */
const Bytes = z.instanceof(Buffer);
export const Entry = z.tuple([Bytes, z.array(Bytes).nullable()]);
export type Entry = z.infer<typeof Entry>;
const StreamEntries = z.tuple([Bytes, z.array(Entry)]);
/** One stream read: ioredis gives `[key, entries]` for a single stream (seen with ioredis 6), else a list of them. */
export const ReadGroupReply = z
  .union([StreamEntries.transform((one) => [one]), z.array(StreamEntries)])
  .nullable();
export const AutoClaimReply = z.tuple([Bytes, z.array(Entry)]).rest(z.unknown());
export const PendingRange = z.array(z.tuple([z.string(), z.string(), z.number(), z.number()]));
export const PendingSummary = z.tuple([z.number()]).rest(z.unknown());

/** Field list [k1, v1, k2, v2, ...] to a lookup. */
export function fieldsOf(entry: Entry): Map<string, Buffer> {
  const fields = new Map<string, Buffer>();
  const list = entry[1] ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = list[i];
    const value = list[i + 1];
    if (name && value) fields.set(name.toString(), value);
  }
  return fields;
}
