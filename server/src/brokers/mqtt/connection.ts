import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { z } from 'zod';
import { safeUrl } from '../broker-url.js';
import { BrokerUnavailableError } from '../transport.js';

export const CONNECT_TIMEOUT_MS = 2000;

const MqttUrl = z
  .string()
  .url()
  .refine((u) => /^mqtts?:\/\//.test(u), 'an mqtt:// or mqtts:// URL');

/** MQTT 5 CONNACK reason codes for a refused identity (134 bad user name or password, 135 not authorised). */
const AUTH_CODES = new Set([4, 5, 134, 135]);

export function fixFor(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if ((typeof code === 'number' && AUTH_CODES.has(code)) || /not authori[sz]ed|bad user/i.test(message))
    return 'Mosquitto refused the client: check user and password (mqtt://user:password@host:port) and its ACL';
  if (/ECONNREFUSED/i.test(message) || code === 'ECONNREFUSED')
    return 'nothing listens there: start Mosquitto (e.g. `mosquitto -p 1883` or `service mosquitto start`)';
  return `cannot reach Mosquitto (${message}): check the host and port, and that Mosquitto is running`;
}

export function unavailable(url: string, error: unknown): BrokerUnavailableError {
  return new BrokerUnavailableError('mqtt', safeUrl(url), fixFor(error), error);
}

/**
 * One MQTT 5 client that fails fast: a bounded connect, no reconnect loop (a lost connection is reported through
 * onLost instead of being retried behind the run's back), settled on the first of connect, error, close or timeout.
 */
export async function openMqtt(url: string, options: IClientOptions): Promise<MqttClient> {
  const parsed = MqttUrl.safeParse(url);
  if (!parsed.success) throw new BrokerUnavailableError('mqtt', safeUrl(url), 'use an mqtt://host:port URL');
  const client = mqtt.connect(parsed.data, {
    protocolVersion: 5,
    connectTimeout: CONNECT_TIMEOUT_MS,
    reconnectPeriod: 0,
    ...options,
  });
  return new Promise<MqttClient>((resolve, reject) => {
    const fail = (error: unknown) => {
      cleanup();
      client.end(true);
      reject(unavailable(url, error));
    };
    const onError = (error: Error) => fail(error);
    const onClose = () => fail(new Error('the connection closed before CONNACK'));
    const timer = setTimeout(
      () => fail(new Error(`no CONNACK within ${CONNECT_TIMEOUT_MS} ms`)),
      CONNECT_TIMEOUT_MS + 250,
    );
    const onConnect = () => {
      cleanup();
      // Later errors also end in 'close', which the transport reports through onLost; without a listener an
      // 'error' event would throw out of the client.
      client.on('error', () => undefined);
      resolve(client);
    };
    function cleanup() {
      clearTimeout(timer);
      client.off('error', onError);
      client.off('close', onClose);
      client.off('connect', onConnect);
    }
    client.on('error', onError);
    client.on('close', onClose);
    client.on('connect', onConnect);
  });
}
