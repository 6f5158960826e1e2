import { H } from '../../hop-codes.js';
import { errorMessage, hop, type Ctx } from '../../ctx.js';
import { route } from '../../route.js';
import { reasonCode } from '../../state.js';
import { missText } from '../../reason-texts.js';

/** Evaluates a filter node's predicate: true/false, or the error message when it failed to evaluate. */
export function evaluateFilter(s: Ctx, filter: number, event: number): boolean | string {
  const expr = s.filters[filter]!;
  try {
    const r = expr.evaluate(s.vars.forEvent(event, s.filterReadsEnvelope[filter]));
    return r === true ? true : r === false ? false : `filter returned ${JSON.stringify(r)}, not a bool`;
  } catch (e) {
    return errorMessage(e);
  }
}

export const filterReason = (s: Ctx, filter: number) => missText(s.filters[filter]!);

/** A filter on a publish path: passes the event on along its own out-edges, or ends it with a hop. */
export function receiveAtFilter(s: Ctx, event: number, target: number, edge: number) {
  s.counters.nodeIn[target]!++;
  const r = evaluateFilter(s, target, event);
  if (r === true) {
    hop(s, H.routed, event, target, edge);
    s.counters.nodeOut[target]!++;
    route(s, event, target);
  } else if (r === false) {
    hop(s, H.filtered, event, target, edge, -1, -1, -1, -1, 0, reasonCode(s, filterReason(s, target)));
    s.counters.nodeFiltered[target]!++;
  } else {
    hop(s, H['filter-error'], event, target, edge, -1, -1, -1, -1, 0, reasonCode(s, r));
    s.counters.nodeFilterErrors[target]!++;
  }
}
