import type { IPublishPacket } from 'mqtt';
import { z } from 'zod';

/**
 * MQTT 5 user properties Eventflow puts on every publication; a user sees them with
 * `mosquitto_sub -V mqttv5 -F '%t %P %p' -t 'eventflow/<run>/#'`.
 */
export const DELIVERY_COUNT = 'eventflow-delivery-count';
export const EVENT_ID = 'eventflow-event-id';
export const REASON = 'eventflow-reason';
export const FLOW_TOPIC = 'eventflow-topic';
export const KEY = 'eventflow-key';

/** A user property may repeat, so the client gives a string or a list; Eventflow writes each once. */
const PropertyValue = z.union([z.string(), z.array(z.string()).nonempty()]);
const Count = z.coerce.number().int().min(1);

function read(packet: IPublishPacket, name: string): string | undefined {
  const parsed = PropertyValue.safeParse(packet.properties?.userProperties?.[name]);
  if (!parsed.success) return undefined;
  return typeof parsed.data === 'string' ? parsed.data : parsed.data[0];
}

/** Deliveries so far including this one; a message without the property (first publication) is on its first. */
export function deliveryCountOf(packet: IPublishPacket): number {
  const parsed = Count.safeParse(read(packet, DELIVERY_COUNT));
  return parsed.success ? parsed.data : 1;
}

export function eventIdOf(packet: IPublishPacket): string | undefined {
  return read(packet, EVENT_ID);
}

export function keyOf(packet: IPublishPacket): string | undefined {
  return read(packet, KEY);
}
