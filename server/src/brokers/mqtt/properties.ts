import type { IPublishPacket } from 'mqtt';
import { z } from 'zod';

/**
 * MQTT 5 user properties Eventflow puts on its publications; a user sees them with
 * `mosquitto_sub -V mqttv5 -F '%t %P %p' -t 'eventflow/<run>/#'`. A first publication carries only the event id
 * (and the key, if any): every property is encoded on the publication and decoded on each delivery, so the
 * delivery count is written only from the second delivery on, and its absence means the first.
 */
export const DELIVERY_COUNT = 'eventflow-delivery-count';
export const EVENT_ID = 'eventflow-event-id';
export const REASON = 'eventflow-reason';
export const FLOW_TOPIC = 'eventflow-topic';
export const KEY = 'eventflow-key';

/** A user property may repeat, so the client gives a string or a list; Eventflow writes each once. */
const PropertyValue = z
  .union([z.string(), z.array(z.string()).nonempty()])
  .transform((v) => (typeof v === 'string' ? v : v[0]));
const Count = PropertyValue.transform(Number).pipe(z.number().int().min(1));

/** What a delivery reads from its properties, in one parse per packet. */
const Delivered = z.object({
  [EVENT_ID]: PropertyValue.optional().catch(undefined),
  [KEY]: PropertyValue.optional().catch(undefined),
  [DELIVERY_COUNT]: Count.optional().catch(undefined),
});

export interface DeliveredProperties {
  readonly eventId: string | undefined;
  readonly key: string | undefined;
  /** Deliveries so far including this one. */
  readonly deliveryCount: number;
}

export function deliveredProperties(packet: IPublishPacket): DeliveredProperties {
  const parsed = Delivered.safeParse(packet.properties?.userProperties ?? {});
  const p = parsed.success ? parsed.data : {};
  return { eventId: p[EVENT_ID], key: p[KEY], deliveryCount: p[DELIVERY_COUNT] ?? 1 };
}
