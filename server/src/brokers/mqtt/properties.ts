import type { IPublishPacket } from 'mqtt';
import { z } from 'zod';

/**
 * MQTT 5 user properties Eventflow puts on its publications; a user sees them with
 * `mosquitto_sub -V mqttv5 -F '%t %P %p' -t 'eventflow/<run>/#'`. Every property is encoded on the publication
 * and decoded on each delivery, so a first publication carries none but the key (when the event has one): its
 * event id is the last level of its topic (names.ts), and a missing delivery count means the first delivery. A
 * re-publication carries `eventflow-delivery-count`, a dead letter its id, reason and flow topic.
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
  [KEY]: PropertyValue.optional().catch(undefined),
  [DELIVERY_COUNT]: Count.optional().catch(undefined),
});

export interface DeliveredProperties {
  readonly key: string | undefined;
  /** Deliveries so far including this one. */
  readonly deliveryCount: number;
}

/** A publication without user properties: a first delivery of a keyless event. */
const PLAIN: DeliveredProperties = { key: undefined, deliveryCount: 1 };

export function deliveredProperties(packet: IPublishPacket): DeliveredProperties {
  const user = packet.properties?.userProperties;
  if (user === undefined) return PLAIN;
  const parsed = Delivered.safeParse(user);
  const p = parsed.success ? parsed.data : {};
  return { key: p[KEY], deliveryCount: p[DELIVERY_COUNT] ?? 1 };
}
