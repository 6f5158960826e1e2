import type { MqttClient } from 'mqtt';

/**
 * Holds a client's socket corked until the end of the current event-loop turn. The client hands over received
 * packets one at a time and writes each PUBACK as it is given, which costs a socket write (a syscall) per message;
 * corked, the PUBACKs of every packet handled in one turn leave in one write. Nothing waits past the turn
 * (`setImmediate` runs once the turn's I/O callbacks are done), so an ack still follows its processing.
 *
 * A turn may hand over far more packets than Mosquitto's in-flight window (20) suggests: Mosquitto 2.0.11 refills
 * a client's in-flight list from its queue on each in-order PUBACK without counting what is already in flight
 * (fixed in 2.0.13, eclipse/mosquitto#2306), and one turn of the bench's bare loop was seen to handle 616. Until the uncork
 * none of their PUBACKs has left, so Mosquitto still counts every one against the client's queue; `onFlush` is
 * told how many left with each uncork, for a loop that bounds what its consumers have not settled.
 */
export class TurnCork {
  private held = 0;

  constructor(
    private readonly client: MqttClient,
    private readonly onFlush?: (settled: number) => void,
  ) {}

  /** Call before writing a PUBACK: it leaves with the others of this turn. */
  hold(): void {
    if (this.held++ > 0) return;
    const stream = this.client.stream;
    stream.cork();
    setImmediate(() => {
      const settled = this.held;
      this.held = 0;
      stream.uncork();
      this.onFlush?.(settled);
    });
  }
}
