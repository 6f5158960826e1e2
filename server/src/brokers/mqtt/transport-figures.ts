export type Counted = 'published' | 'delivered' | 'acked' | 'naked' | 'republished' | 'deadLettered';

/** What this transport itself did, per flow topic, as `transport.<what>.<topic>`: MQTT keeps no such counts. */
export class TransportFigures {
  private readonly counts = new Map<string, number>();

  count(what: Counted, topic: string): void {
    const key = `transport.${what}.${topic}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
