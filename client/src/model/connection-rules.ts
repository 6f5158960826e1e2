import {
  canConnect,
  sharedKinds,
  type ConnectionCheck,
  type ConnectionRules,
  type EdgeRole,
} from '@eventflow/shared';
import type { CanvasEdge, CanvasNode } from './types';

export interface ConnectionAttempt {
  source: string | null;
  target: string | null;
  /** The source handle drawn from: a router's rule id or `default`; null or absent elsewhere. */
  sourceHandle?: string | null;
}

/**
 * Whether the canvas accepts an edge. The kind rules come from `canConnect` in shared (the same rules the
 * server validates); the canvas adds the rules that only make sense while drawing (no loops, no doubles).
 */
export function checkConnection(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  attempt: ConnectionAttempt,
  role: EdgeRole = drawnRole(nodes, attempt),
  ignoreEdgeId?: string,
): ConnectionCheck {
  const source = nodes.find((n) => n.id === attempt.source);
  const target = nodes.find((n) => n.id === attempt.target);
  if (!source || !target) return { ok: false, reason: 'connect two nodes on the canvas' };
  if (source.id === target.id) return { ok: false, reason: 'a node cannot connect to itself' };
  // A router may send two rules to the same topic: its edges are told apart by the handle they leave from.
  const duplicate = edges.some(
    (e) =>
      e.id !== ignoreEdgeId &&
      e.source === source.id &&
      e.target === target.id &&
      (e.sourceHandle ?? null) === (attempt.sourceHandle ?? null),
  );
  if (duplicate) return { ok: false, reason: 'these two nodes are already connected' };
  return canConnect(source.type, target.type, role);
}

/**
 * The role a newly drawn edge gets: dead-letter, query or call when that is the only edge its source may have to
 * the target (a webhook's only out-edge is its dead-letter queue, a projection → consumer edge is a query, a
 * consumer → consumer edge is a call), otherwise normal.
 */
export function drawnRole(nodes: readonly CanvasNode[], attempt: ConnectionAttempt): EdgeRole {
  const source = nodes.find((n) => n.id === attempt.source);
  const target = nodes.find((n) => n.id === attempt.target);
  if (!source || !target) return 'normal';
  const rules: ConnectionRules = sharedKinds[source.type].connects;
  if (rules.to.includes(target.type)) return 'normal';
  if ((rules.deadLetterTo ?? []).includes(target.type)) return 'dead-letter';
  if ((rules.queryTo ?? []).includes(target.type)) return 'query';
  return (rules.callTo ?? []).includes(target.type) ? 'call' : 'normal';
}
