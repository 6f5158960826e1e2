import { z } from 'zod';
import { CelSource, kindNode } from '../../flow/primitives.js';
import type { KindExpression, SharedKind } from '../kind.js';
import { patternProblem } from './pattern.js';

/** The source handle of a router's default route; rule handles are the rules' ids. */
export const DEFAULT_ROUTE = 'default';

const RuleId = z
  .string()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters')
  .regex(/^[a-z0-9-]+$/, 'may contain only lowercase letters, digits and "-"')
  .refine((id) => id !== DEFAULT_ROUTE, `'${DEFAULT_ROUTE}' names the default route`);

const ruleBase = {
  /** Stable id: the canvas handle and the edges leaving it (`sourceHandle`) refer to it. */
  id: RuleId,
  label: z.string().min(1, 'must not be empty').max(64),
};

export const RoutingPattern = z
  .string()
  .max(256, 'must be at most 256 characters')
  .superRefine((p, ctx) => {
    const why = patternProblem(p);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });

export const RouteRule = z.discriminatedUnion('match', [
  /** A CEL condition over `event`, `data` and `key` (the filter context). */
  z.strictObject({ ...ruleBase, match: z.literal('cel'), condition: CelSource }),
  /** An AMQP topic pattern over the routing key (the event's key, set by its producer's `key`). */
  z.strictObject({ ...ruleBase, match: z.literal('pattern'), pattern: RoutingPattern }),
]);
export type RouteRule = z.infer<typeof RouteRule>;

export const RouterConfig = z
  .strictObject({
    /** `first-match` sends the event by the first rule that matches; `all-matches` by every one (fan-out). */
    mode: z.enum(['first-match', 'all-matches']).default('first-match'),
    rules: z.array(RouteRule).max(16, 'at most 16 rules').default([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id '${r.id}'` });
      seen.add(r.id);
    });
  });
export type RouterConfig = z.infer<typeof RouterConfig>;

export const router = {
  kind: 'router',
  title: 'Router',
  config: RouterConfig,
  node: kindNode('router', RouterConfig.prefault({})),
  starter: {
    rules: [
      { id: 'rule-1', label: 'EU', match: 'pattern', pattern: 'eu.#' },
      { id: 'rule-2', label: 'Large', match: 'cel', condition: 'data.total > 100' },
    ],
  },
  connects: {
    to: ['topic'],
    whyNot: {
      consumer:
        'a router sends events to topics, like an exchange: route to a topic the consumer subscribes to',
    },
  },
  expressions: (c) =>
    Array.isArray(c.rules)
      ? c.rules.flatMap((r: unknown, j): KindExpression[] =>
          typeof r === 'object' && r !== null && (r as { match?: unknown }).match === 'cel'
            ? [
                {
                  field: `rules.${j}.condition`,
                  source: (r as { condition?: unknown }).condition,
                  context: 'filter',
                },
              ]
            : [],
        )
      : [],
} satisfies SharedKind<'router'>;
