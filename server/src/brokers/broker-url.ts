import type { BrokerKind } from '@eventflow/shared';

const SCHEMES: Readonly<Record<string, BrokerKind>> = {
  'nats:': 'nats',
  'redis:': 'redis',
  'rediss:': 'redis',
  'amqp:': 'rabbitmq',
  'amqps:': 'rabbitmq',
  'mqtt:': 'mqtt',
  'mqtts:': 'mqtt',
};

export const BROKER_URL_HELP =
  'nats://host:4222, redis://host:6379, amqp://user:pass@host:5672 or mqtt://host:1883';

/** The broker a URL names, by its scheme; a message naming what is accepted otherwise. */
export function brokerOfUrl(url: string): { ok: true; kind: BrokerKind } | { ok: false; message: string } {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return { ok: false, message: `'${url}' is not a broker URL: use ${BROKER_URL_HELP}` };
  }
  const kind = SCHEMES[scheme];
  return kind
    ? { ok: true, kind }
    : { ok: false, message: `'${scheme}' is not a broker Eventflow runs on: use ${BROKER_URL_HELP}` };
}

/** The URL without its password, so errors and logs never carry it. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** The same without a bare trailing slash, for the status bar and the CLI's headline. */
export const displayUrl = (url: string): string => safeUrl(url).replace(/\/$/, '');

/** `EVENTFLOW_BROKERS`: comma-separated broker URLs, at most one per broker kind. */
export function parseBrokerList(
  text: string | undefined,
): { ok: true; brokers: { kind: BrokerKind; url: string }[] } | { ok: false; message: string } {
  const brokers: { kind: BrokerKind; url: string }[] = [];
  for (const raw of (text ?? '').split(',')) {
    const url = raw.trim();
    if (url === '') continue;
    const r = brokerOfUrl(url);
    if (!r.ok) return { ok: false, message: r.message };
    if (brokers.some((b) => b.kind === r.kind))
      return {
        ok: false,
        message: `two ${r.kind} URLs: a run picks its broker by kind, so give one of each`,
      };
    brokers.push({ kind: r.kind, url });
  }
  return { ok: true, brokers };
}
