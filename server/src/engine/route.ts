import type { Ctx } from './ctx.js';

/**
 * Sends an event along every ordinary out-edge of a publisher (producer, consumer or filter). What arriving
 * means is the target kind's `receive` (a topic appends it, a filter evaluates and routes on).
 */
export function route(s: Ctx, event: number, from: number) {
  const outs = s.out[from]!;
  for (let i = 0; i < outs.length; i++) {
    const { edge, target } = outs[i]!;
    s.counters.edgeCount[edge]!++;
    s.receive[target]!(s, event, target, edge);
  }
}
