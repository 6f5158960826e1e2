import type { ConfirmChannel, Options } from 'amqplib';

/** Publish and wait for the broker's confirm, so a resolved publication is one the broker holds (persistent). */
export function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  body: Uint8Array,
  options: Options.Publish,
): Promise<void> {
  const content = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, content, { persistent: true, ...options }, (error: unknown) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    });
  });
}
