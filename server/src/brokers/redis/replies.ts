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

const BODY = Buffer.from('body');

/**
 * The entry's `body` field, found in place (entries are read per message: no lookup is built). The reply's own
 * Buffer is a Uint8Array, so the body is not copied; an entry without one has an empty body.
 */
export function bodyOf(entry: Entry): Uint8Array {
  const list = entry[1] ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) if (BODY.equals(list[i]!)) return list[i + 1]!;
  return Buffer.alloc(0);
}
