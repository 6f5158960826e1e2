export type Counted = 'published' | 'delivered' | 'acked' | 'naked' | 'republished' | 'deadLettered';

/** What this transport itself did, per flow topic, as `transport.<what>.<topic>`: MQTT keeps no such counts. */
export class TransportFigures {
  /** Per topic, then per what: counted on every message, so no key string is built until snapshot(). */
  private readonly counts = new Map<string, Map<Counted, number>>();

  count(what: Counted, topic: string): void {
    let of = this.counts.get(topic);
    if (!of) this.counts.set(topic, (of = new Map()));
    of.set(what, (of.get(what) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [topic, of] of this.counts) for (const [what, n] of of) out[`transport.${what}.${topic}`] = n;
    return out;
  }
}
