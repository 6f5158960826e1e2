import { connect, type ChannelModel } from 'amqplib';
import { z } from 'zod';
import { safeUrl } from '../broker-url.js';
import { BrokerUnavailableError } from '../transport.js';

/**
 * The socket timeout bounds the whole AMQP handshake (amqplib clears it once the connection is open), so a
 * broker that is down, or a port where something else listens and says nothing, fails in about two seconds.
 */
const CONNECT_TIMEOUT_MS = 2000;

const AmqpUrl = z
  .string()
  .url()
  .refine((u) => /^amqps?:\/\//.test(u), 'an amqp:// or amqps:// URL');

/** A raw client failure as the fix a user can act on. */
export function fixFor(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/403|ACCESS.REFUSED/i.test(message))
    return 'RabbitMQ refused the login: check user and password in the amqp:// URL (amqp://user:password@host:5672)';
  if (/530|NOT.ALLOWED|vhost/i.test(message))
    return 'RabbitMQ refused the virtual host: check the vhost path in the amqp:// URL and the user’s permissions on it';
  if (/ECONNREFUSED/i.test(message))
    return 'nothing listens there: start RabbitMQ (e.g. `rabbitmq-server`, or `systemctl start rabbitmq-server`)';
  if (/timeout|ETIMEDOUT/i.test(message))
    return 'no AMQP answer within 2 s: check the host and port (5672 by default) and that RabbitMQ is running';
  return `cannot reach RabbitMQ (${message}): check the host and port, and that RabbitMQ is running`;
}

/** The broker closed a channel of the run: what the user can do about it. */
export function fixForChannel(error: Error): string {
  if (/PRECONDITION_FAILED.*inequivalent/i.test(error.message))
    return `a queue or exchange of this run exists with other settings (kept from an earlier run?): delete it with rabbitmqctl or the management UI (${error.message})`;
  return `the broker closed a channel of the run (${error.message})`;
}

/** `name` is shown as the connection name by the management UI and `rabbitmqctl list_connections client_properties`. */
export async function openRabbit(url: string, name: string): Promise<ChannelModel> {
  const parsed = AmqpUrl.safeParse(url);
  if (!parsed.success)
    throw new BrokerUnavailableError('rabbitmq', safeUrl(url), 'use an amqp://user:password@host:port URL');
  try {
    return await connect(parsed.data, {
      timeout: CONNECT_TIMEOUT_MS,
      clientProperties: { connection_name: name },
    });
  } catch (error) {
    throw new BrokerUnavailableError('rabbitmq', safeUrl(url), fixFor(error), error);
  }
}
