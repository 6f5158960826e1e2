import { connect, createServer, type Socket } from 'node:net';

/** A loopback TCP proxy in front of a real broker, whose connections a test can cut (test support). */
export interface CutProxy {
  /** The broker's URL with the proxy's host and port: a client connects through it to the real broker. */
  readonly url: string;
  /** Drops every connection at once, both sides, and refuses new ones: the broker is gone for the client. */
  cut(): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) that forwards each connection to the host and port of `target`. */
export async function cutProxy(target: string): Promise<CutProxy> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  let cut = false;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    // A reset from the other side after a cut is expected; without a listener it would throw.
    s.on('error', () => s.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (cut) return void client.destroy();
    const upstream = connect({ host: to.hostname, port: Number(to.port) });
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString().replace(/\/$/, ''),
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        cut = true;
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
