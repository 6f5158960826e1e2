import type { Problem } from '../protocol/result.js';
import type { LooseEdge, LooseNode } from './loose-flow.js';

const err = (path: string, message: string): Problem => ({ path, message, severity: 'error' });

/**
 * Service-call rules over edges whose kinds already passed `canConnect` (consumer → consumer). A called
 * consumer is a service: it answers calls with its instances and does nothing else, so it may neither read a
 * topic (its instances would serve two masters) nor call on (chains of calls are not modelled, decision 0025).
 */
export function validateCalls(
  byId: Map<string, LooseNode>,
  edges: readonly LooseEdge[],
  topicsOf: Map<string, LooseNode[]>,
): Problem[] {
  const out: Problem[] = [];
  const calls = edges.filter((e) => e.role === 'call');
  const callers = new Set(calls.map((e) => e.source));
  for (const e of calls) {
    const at = `edges[${e.index}]`;
    const callee = byId.get(e.target);
    if (!callee) continue;
    const topics = topicsOf.get(callee.id) ?? [];
    if (topics.length > 0)
      out.push(
        err(
          at,
          `consumer '${callee.id}' answers service calls, so it cannot also subscribe to topic '${topics[0]!.id}': draw a separate consumer for the topic`,
        ),
      );
    if (callers.has(callee.id))
      out.push(err(at, `consumer '${callee.id}' answers service calls, so it cannot make calls of its own`));
  }
  return out;
}

/** Whether a consumer is the target of a service call (a service, fed by calls instead of topics). */
export const isCalled = (id: string, edges: readonly LooseEdge[]): boolean =>
  edges.some((e) => e.role === 'call' && e.target === id);
