import { DEFAULT_ROUTE, type RouterConfig } from '@eventflow/shared';

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
