import type { Emit, FlowDoc } from '../flow/schema.js';
import type { Hop } from '../trace/hop.js';

/**
 * Recovers the CloudEvent type of the events a trace creates, from hops alone (a hop names no type): a
 * producer's `produced` event has its `eventType`; a consumer's k-th `emitted` child since the parent's last
 * `processed` is `emits[k]`, and since its last give-up (`dead-lettered`/`dropped`) `emitsOnGiveUp[k]`, which
 * is the order the engine emits them in. Feed it every hop in seq order.
 */
export function createEventTypes(flow: FlowDoc) {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  // Per (parent event, consumer): which list its next child comes from, and how far along it is.
  const cursors = new Map<string, { list: readonly Emit[]; next: number }>();

  const listsOf = (nodeId: string) => {
    const n = nodes.get(nodeId);
    return n?.kind === 'consumer'
      ? { emits: n.config.emits, giveUp: n.config.emitsOnGiveUp ?? [] }
      : undefined;
  };

  return {
    /** The type of the event this hop creates (on `produced`/`emitted`), when the flow says it. */
    observe(hop: Hop): string | undefined {
      if (hop.type === 'produced') {
        const n = nodes.get(hop.node);
        return n?.kind === 'producer' ? n.config.eventType : undefined;
      }
      const lists = listsOf(hop.node);
      if (!lists) return undefined;
      if (hop.type === 'processed' || hop.type === 'dead-lettered' || hop.type === 'dropped') {
        cursors.set(`${hop.event}\u0000${hop.node}`, {
          list: hop.type === 'processed' ? lists.emits : lists.giveUp,
          next: 0,
        });
        return undefined;
      }
      if (hop.type !== 'emitted' || hop.parent === undefined) return undefined;
      const cursor = cursors.get(`${hop.parent}\u0000${hop.node}`);
      // The parent's outcome was evicted from a bounded store: only an unambiguous consumer can still say.
      if (!cursor) return lists.emits.length === 1 ? lists.emits[0]?.eventType : undefined;
      return cursor.list[cursor.next++]?.eventType;
    },
  };
}
