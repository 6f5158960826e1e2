import { z } from 'zod';
import type { FlowDoc } from '../../flow/schema.js';
import type { Problem } from '../../protocol/result.js';

const Prefix = z
  .string()
  .trim()
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), {
    message: 'must be an http(s) URL prefix such as http://127.0.0.1:8080/hooks/',
  });

/**
 * `EVENTFLOW_WEBHOOK_ALLOW`: comma-separated URL prefixes a real webhook may POST to. Empty (the default)
 * allows nothing, so a server never reaches an address its operator did not name.
 */
export const WebhookAllowList = z
  .string()
  .default('')
  .transform((s) => s.split(',').filter((p) => p.trim() !== ''))
  .pipe(z.array(Prefix));
export type WebhookAllowList = z.infer<typeof WebhookAllowList>;

/** Same scheme, host and port as a prefix, and a path that starts with the prefix's path. */
export function isWebhookAllowed(url: string, allow: readonly string[]): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return allow.some((p) => {
    const a = new URL(p);
    return u.origin === a.origin && u.pathname.startsWith(a.pathname);
  });
}

/** A problem per real webhook of the flow whose URL the allow-list does not admit (the run is refused). */
export function realWebhookProblems(flow: FlowDoc, allow: readonly string[]): Problem[] {
  return flow.nodes.flatMap((n, i) =>
    n.kind === 'webhook' && n.config.endpoint === 'real' && !isWebhookAllowed(n.config.url, allow)
      ? [
          {
            path: `nodes[${i}].config.url`,
            message:
              `webhook '${n.id}' is set to a real endpoint, but ${n.config.url} is not in this server's ` +
              `EVENTFLOW_WEBHOOK_ALLOW list${allow.length ? '' : ' (empty: no real endpoint is allowed)'}; ` +
              'set the endpoint to modelled or ask the operator to allow it',
            severity: 'error' as const,
          },
        ]
      : [],
  );
}
