import { matchesPattern } from '@eventflow/shared';
import { errorMessage, hop, type Ctx } from '../../ctx.js';
import { H } from '../../hop-codes.js';
import type { RtRoute } from '../../model.js';
import { reasonCode } from '../../state.js';
import { matchedReason } from './rules.js';

/** Whether a rule matches: true/false, or the error message of a CEL condition that failed to evaluate. */
function matches(s: Ctx, rule: RtRoute, event: number): boolean | string {
  if (rule.pattern !== undefined) {
    const key = s.events.key(event);
    return key !== undefined && matchesPattern(rule.pattern, key);
  }
  try {
    const r = rule.cel!.evaluate(s.vars.forEvent(event, rule.readsEnvelope));
    return r === true ? true : r === false ? false : `condition returned ${JSON.stringify(r)}, not a bool`;
  } catch (e) {
    return errorMessage(e);
  }
}

/**
 * A router on a publish path: one `routed` hop naming the rules that matched (the first, or every one in
 * `all-matches` mode, which publishes once per distinct topic, as an exchange delivers once per queue),
 * `unrouted` when nothing matched and there is no default route, `filter-error` when a condition failed to
 * evaluate (the event stops there, as at a filter).
 */
export function receiveAtRouter(s: Ctx, event: number, node: number, edge: number) {
  const r = s.routers[node]!;
  s.counters.nodeIn[node]!++;
  const matched: number[] = [];
  for (let i = 0; i < r.rules.length; i++) {
    const m = matches(s, r.rules[i]!, event);
    if (m === false) continue;
    if (m !== true) {
      const why = `rule '${r.rules[i]!.label}' failed: ${m}`;
      hop(s, H['filter-error'], event, node, edge, -1, -1, -1, -1, 0, reasonCode(s, why));
      s.counters.nodeFilterErrors[node]!++;
      return;
    }
    matched.push(i);
    if (!r.all) break;
  }
  if (matched.length === 0 && r.defaults.length === 0) {
    hop(s, H.unrouted, event, node, edge, -1, -1, -1, -1, 0, r.noMatch);
    s.counters.nodeDropped[node]!++;
    return;
  }
  hop(
    s,
    H.routed,
    event,
    node,
    edge,
    -1,
    -1,
    -1,
    -1,
    0,
    matched.length ? matchedReason(s, r, matched) : r.noMatch,
  );
  s.counters.nodeOut[node]!++;
  let outs = matched.length ? r.rules[matched[0]!]!.outs : r.defaults;
  if (matched.length > 1) {
    outs = [...outs];
    for (let j = 1; j < matched.length; j++)
      for (const o of r.rules[matched[j]!]!.outs) if (!outs.some((x) => x.target === o.target)) outs.push(o);
  }
  for (let i = 0; i < outs.length; i++) {
    const o = outs[i]!;
    s.counters.edgeCount[o.edge]!++;
    s.receive[o.target]!(s, event, o.target, o.edge);
  }
}
