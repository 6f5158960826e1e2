/**
 * Mosquitto's default per-client limits (mosquitto.conf `max_queued_messages`, `max_inflight_messages`), which
 * the broker on 127.0.0.1:1883 keeps. Mosquitto 2.0.11 queues a QoS 1 message for a client while the client's
 * messages in flight plus queued, less the in-flight maximum, are under `max_queued_messages`
 * (`db__ready_for_queue`), and drops it otherwise: so one client holds at most their sum, whatever part of it is
 * in flight.
 */
export const MAX_QUEUED_MESSAGES = 1000;
export const MAX_INFLIGHT_MESSAGES = 20;
export const CLIENT_HOLDS_AT_MOST = MAX_QUEUED_MESSAGES + MAX_INFLIGHT_MESSAGES;
