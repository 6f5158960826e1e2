import { connect } from 'node:net';

/** True when something accepts a TCP connection at the URL's host and port within 500 ms. */
export async function brokerReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), timeout: 500 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

export const brokersRequired = process.env.EVENTFLOW_REQUIRE_BROKERS === '1';

/** Waits until `check()` holds, polling every 10 ms; past `ms` it fails the test rather than hang it. */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
