import { DEFAULT_ROUTE, type RouteRule, type RouterConfig } from '@eventflow/shared';

/** One outgoing handle of a router: a rule's, or the default route's (always last). */
export interface RouteHandle {
  id: string;
  label: string;
  /** Vertical position as a share of the node's height. */
  top: number;
}

/** A router's source handles, spread evenly down its right side in rule order, the default route last. */
export function routeHandles(config: RouterConfig): RouteHandle[] {
  const all = [
    ...config.rules.map((r) => ({ id: r.id, label: r.label })),
    { id: DEFAULT_ROUTE, label: 'default' },
  ];
  // The header takes the top fifth; handles share the rest.
  return all.map((h, i) => ({ ...h, top: 0.22 + (0.72 * (i + 0.5)) / all.length }));
}

/** A rule id not yet used in the router, for a newly added rule. */
export function nextRuleId(config: RouterConfig): string {
  const taken = new Set(config.rules.map((r) => r.id));
  let n = config.rules.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return `rule-${n}`;
}

/** The rules with rule `i` moved `by` places (−1 up, +1 down); its id, and so its edges, go with it. */
export function moveRule(rules: readonly RouteRule[], i: number, by: -1 | 1): RouteRule[] {
  const to = i + by;
  if (i < 0 || i >= rules.length || to < 0 || to >= rules.length) return [...rules];
  const out = [...rules];
  const [r] = out.splice(i, 1);
  out.splice(to, 0, r!);
  return out;
}
