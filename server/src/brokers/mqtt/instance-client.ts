import type { IPublishPacket, MqttClient } from 'mqtt';
import { openMqtt } from './connection.js';
import { splitMessageTopic } from './names.js';
import { TurnCork } from './turn-cork.js';

/** How long Mosquitto keeps an instance's session (its subscriptions and queued messages) across a lost link. */
const SESSION_EXPIRY_S = 3600;
const END_TIMEOUT_MS = 1000;

/**
 * One received publication whose PUBACK is held until settle() is called. A class, so a delivery costs no closure:
 * one is made per message.
 */
export class Held {
  private settled = false;

  constructor(
    /** The partition or retry topic it came on: its message topic without the message-id level. */
    readonly resource: string,
    readonly messageId: string,
    readonly packet: IPublishPacket,
    private readonly done: (error: Error | number) => void,
    private readonly cork: TurnCork | undefined,
  ) {}

  /** Send the PUBACK (success reason code); only the first call counts, as the client takes one per packet. */
  settle(): void {
    if (this.settled) return;
    this.settled = true;
    this.cork?.hold();
    this.done(0);
  }
}

/**
 * The MQTT client of one group instance. It is opened by declare() with a persistent session and subscribed to its
 * group's shared filters there, so a publication made after declare() is queued by Mosquitto for the group even
 * before subscribe() attaches a handler; until then the first one waits here (see `customHandleAcks` below).
 *
 * Acks are manual: the `mqtt` client calls `customHandleAcks` for each QoS 1 PUBLISH and sends the PUBACK only when
 * its callback runs, which is when Eventflow acks. The client reads no further packet of this connection until
 * then, so an instance has one delivery in flight at a time (Mosquitto queues the rest for it) — which is how an
 * Eventflow instance consumes anyway. A delivery held longer than the keep-alive (60 s) makes the client miss its
 * PINGRESP and the connection counts as lost.
 */
export class InstanceClient {
  /** By resource: an instance may consume several partitions over one client, each with its own handler. */
  private readonly handlers = new Map<string, (held: Held) => void>();
  private readonly waiting: Held[] = [];
  private closing = false;

  private constructor(
    private readonly url: string,
    readonly clientId: string,
    private readonly client: MqttClient,
  ) {}

  static async open(
    url: string,
    clientId: string,
    filters: readonly string[],
    onLost: (error: Error) => void,
  ): Promise<InstanceClient> {
    // The client may hand over a message before the InstanceClient around it exists; it waits in `early`.
    const early: Held[] = [];
    const inbox: { receive: (held: Held) => void; cork?: TurnCork } = {
      receive: (held) => {
        early.push(held);
      },
    };
    const client = await openMqtt(url, {
      clientId,
      clean: false,
      keepalive: 60,
      properties: { sessionExpiryInterval: SESSION_EXPIRY_S },
      customHandleAcks: (topic: string, _payload: Buffer, packet: IPublishPacket, done) => {
        const { resource, messageId } = splitMessageTopic(topic);
        inbox.receive(new Held(resource, messageId, packet, done, inbox.cork));
      },
    });
    const self = new InstanceClient(url, clientId, client);
    self.waiting.push(...early.splice(0));
    inbox.receive = (held) => self.receive(held);
    inbox.cork = new TurnCork(client);
    client.on('close', () => {
      if (!self.closing) onLost(new Error(`the connection of ${clientId} closed`));
    });
    await client.subscribeAsync([...filters], { qos: 1 });
    return self;
  }

  private receive(held: Held): void {
    const handler = this.handlers.get(held.resource);
    if (handler) handler(held);
    else this.waiting.push(held);
  }

  async subscribe(filters: readonly string[]): Promise<void> {
    await this.client.subscribeAsync([...filters], { qos: 1 });
  }

  /** Start handing deliveries of these resources to the handler, first any that arrived since declare(). */
  attach(resources: readonly string[], handler: (held: Held) => void): void {
    for (const resource of resources) this.handlers.set(resource, handler);
    const now = this.waiting.splice(0);
    for (const held of now) this.receive(held);
  }

  /**
   * End the connection; unless keep, end the session too (MQTT 5 DISCONNECT with session expiry 0). Should that
   * DISCONNECT not go out in time, a clean-start connection under the same client id discards the session instead.
   */
  async close(keep: boolean): Promise<void> {
    this.closing = true;
    // Kept sessions keep unhandled messages for a later reader; otherwise acking them lets the client drain.
    if (!keep) for (const held of this.waiting.splice(0)) held.settle();
    const opts = keep ? {} : { properties: { sessionExpiryInterval: 0 } };
    const graceful = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.client.end(true);
        resolve(false);
      }, END_TIMEOUT_MS);
      this.client.end(false, opts, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!graceful && !keep) await this.forget().catch(() => undefined);
  }

  private async forget(): Promise<void> {
    const client = await openMqtt(this.url, { clientId: this.clientId, clean: true });
    await client.endAsync();
  }

  get connected(): boolean {
    return this.client.connected;
  }
}
