import { connect } from 'node:net';

/** True when something accepts a TCP connection at url's host:port within 500 ms (tests skip real brokers otherwise). */
export async function brokerReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** CI sets this so a missing broker fails the run instead of skipping it. */
export const brokersRequired = process.env.EVENTFLOW_REQUIRE_BROKERS === '1';
