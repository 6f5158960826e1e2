import type { MqttClient } from 'mqtt';

/**
 * Holds a client's socket corked until the end of the current event-loop turn. The client hands over received
 * packets one at a time and writes each PUBACK as it is given, which costs a socket write (a syscall) per message;
 * corked, the PUBACKs of every packet handled in one turn leave in one write. Nothing waits past the turn
 * (`setImmediate` runs once the turn's I/O callbacks are done), so an ack still follows its processing.
 */
export class TurnCork {
  private corked = false;

  constructor(private readonly client: MqttClient) {}

  hold(): void {
    if (this.corked) return;
    const stream = this.client.stream;
    this.corked = true;
    stream.cork();
    setImmediate(() => {
      this.corked = false;
      stream.uncork();
    });
  }
}
