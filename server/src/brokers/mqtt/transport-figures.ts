export type Counted = 'published' | 'delivered' | 'acked' | 'naked' | 'republished' | 'deadLettered';

/** One flow topic's counts: a plain object, so counting a message is a property increment. */
export type TopicCounts = Record<Counted, number>;

/** What this transport itself did, per flow topic, as `transport.<what>.<topic>`: MQTT keeps no such counts. */
export class TransportFigures {
  private readonly counts = new Map<string, TopicCounts>();

  /** The topic's counts, made on first use; a caller counting every message keeps the object. */
  of(topic: string): TopicCounts {
    let of = this.counts.get(topic);
    if (!of) {
      of = { published: 0, delivered: 0, acked: 0, naked: 0, republished: 0, deadLettered: 0 };
      this.counts.set(topic, of);
    }
    return of;
  }

  count(what: Counted, topic: string): void {
    this.of(topic)[what]++;
  }

  /** Only what happened: a count still at 0 is left out, as before a first message. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [topic, of] of this.counts)
      for (const [what, n] of Object.entries(of)) if (n > 0) out[`transport.${what}.${topic}`] = n;
    return out;
  }
}
