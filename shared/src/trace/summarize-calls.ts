import type { FlowDoc } from '../flow/schema.js';
import { createHistogram, recordLatency, statsOf, type Histogram } from './histogram.js';
import type { Hop } from './hop.js';
import type { LatencyStats, NodeStats } from './summary.js';

/**
 * What `summarizeTrace` recounts of service calls and per-producer chains, as the engine counts them: a called
 * consumer's calls in, answered, failed and its called → answer latency; end to end per root producer.
 */
export function createCallCount(flow: FlowDoc) {
  const services = new Set(flow.edges.filter((e) => e.role === 'call').map((e) => e.target));
  const producers = flow.nodes.filter((n) => n.kind === 'producer').map((n) => n.id);
  const byProducer = new Map(producers.map((id) => [id, createHistogram()] as const));
  const rootOf = new Map<string, string>();
  const calledAt = new Map<string, number>();
  return {
    /** A called consumer has no group: it is owed no events. */
    isService: (id: string) => services.has(id),
    /** Counts one hop; `latency` is the callee's histogram. */
    count(h: Hop, stats: Required<NodeStats>, latency: () => Histogram) {
      if (h.type === 'produced') rootOf.set(h.event, h.node);
      else if (h.type === 'emitted') rootOf.set(h.event, rootOf.get(h.parent ?? '') ?? '');
      else if (h.type === 'called') {
        stats.in++;
        calledAt.set(`${h.event}|${h.node}`, h.t);
      } else if (h.type === 'call-answered' || h.type === 'call-failed') {
        if (h.type === 'call-answered') stats.acked++;
        else stats.failed++;
        const at = calledAt.get(`${h.event}|${h.node}`);
        if (at !== undefined) recordLatency(latency(), h.t - at);
      }
    },
    /** A chain of `event` ended after `ms`. */
    chainEnded(event: string, ms: number) {
      const h = byProducer.get(rootOf.get(event) ?? '');
      if (h) recordLatency(h, ms);
    },
    endToEndBy(): { endToEndBy?: Record<string, LatencyStats> } {
      if (producers.length < 2) return {};
      return { endToEndBy: Object.fromEntries([...byProducer].map(([id, h]) => [id, statsOf(h)])) };
    },
  };
}
