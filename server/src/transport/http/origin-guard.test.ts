import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, openSocket, startTestServer, type TestServer } from '../test-support.js';
import { createOriginPolicy, parseAllowedOrigins } from './origin-guard.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Answer {
  status: number;
  body: string;
}

/** A real HTTP request with whatever headers a hostile page (or DNS rebinding) would send. */
function get(url: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const hostOf = (url: string) => new URL(url).host;
const portOf = (url: string) => new URL(url).port;

describe('origin and host guard', { timeout: 30_000 }, () => {
  it('refuses a forged Host on the API and on the static page (DNS rebinding), naming the variable to set', async () => {
    server = await startTestServer();
    for (const path of ['/api/flows', '/api/health', '/', '/index.html', '/some/spa/route']) {
      const answer = await get(server.url, path, { host: `evil.example:${portOf(server.url)}` });
      expect(answer.status, path).toBe(403);
      const body = JSON.parse(answer.body) as { code: string; message: string };
      expect(body.code).toBe('forbidden');
      expect(body.message).toContain(`"evil.example:${portOf(server.url)}"`);
      expect(body.message).toContain('EVENTFLOW_ALLOWED_ORIGINS');
    }
    // The same port on another loopback name is the same server; another port is not.
    expect((await get(server.url, '/api/flows', { host: `localhost:${portOf(server.url)}` })).status).toBe(
      200,
    );
    expect((await get(server.url, '/api/flows', { host: '127.0.0.1:1' })).status).toBe(403);
  });

  it('refuses a cross-origin page and serves its own origin and requests without Origin', async () => {
    server = await startTestServer();
    const host = hostOf(server.url);
    const evil = await get(server.url, '/api/flows', { host, origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toEqual({
      code: 'forbidden',
      message: expect.stringContaining('origin "http://evil.example" is not allowed'),
    });
    expect((await get(server.url, '/', { host, origin: 'null' })).status).toBe(403);
    expect((await get(server.url, '/api/flows', { host, origin: server.url })).status).toBe(200);
    expect((await get(server.url, '/', { host })).status).toBe(200);
  });

  it('refuses the socket.io handshake from a forged Origin or Host, with the reason', async () => {
    server = await startTestServer();
    const url = server.url;
    await expect(openSocket(url, { extraHeaders: { origin: 'http://evil.example' } })).rejects.toThrow();
    await expect(openSocket(url, { extraHeaders: { host: 'evil.example' } })).rejects.toThrow();
    // Over polling the refusal is readable: 403 and the message.
    const polled = await get(url, '/socket.io/?EIO=4&transport=polling', {
      host: hostOf(url),
      origin: 'http://evil.example',
    });
    expect(polled.status).toBe(403);
    expect(polled.body).toContain('origin \\"http://evil.example\\" is not allowed');
    const own = await connectClient(url, { extraHeaders: { origin: url } });
    expect(own.connected).toBe(true);
    own.disconnect();
  });

  it('serves the origins of the allow-list and their hosts, and nothing else', async () => {
    const lan = 'http://192.168.1.20:3000';
    server = await startTestServer({ tune: (d) => ({ ...d, allowedOrigins: [lan] }) });
    const ok = await get(server.url, '/api/flows', { host: '192.168.1.20:3000', origin: lan });
    expect(ok.status).toBe(200);
    const lanSocket = await connectClient(server.url, {
      extraHeaders: { origin: lan, host: '192.168.1.20:3000' },
    });
    expect(lanSocket.connected).toBe(true);
    lanSocket.disconnect();
    expect((await get(server.url, '/api/flows', { host: '192.168.1.21:3000' })).status).toBe(403);
    expect(
      (await get(server.url, '/api/flows', { host: hostOf(server.url), origin: 'http://192.168.1.20:3001' }))
        .status,
    ).toBe(403);
  });
});

describe('origin policy', () => {
  const at =
    (address: string, port = 3000) =>
    () => ({ address, family: 'IPv4', port });

  it('allows the loopback names on loopback, only the bound address elsewhere', () => {
    const loop = createOriginPolicy({ address: at('127.0.0.1'), allowedOrigins: [] });
    for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST:3000', '[::1]:3000'])
      expect(loop.check({ host }), host).toBeUndefined();
    expect(loop.check({ host: 'localhost:3000', origin: 'http://localhost:3000' })).toBeUndefined();
    expect(loop.check({ host: 'localhost:3000', origin: 'https://localhost:3000' })).toMatch(/not allowed/);
    expect(loop.check({ host: 'evil@localhost:3000' })).toMatch(/not one this server answers to/);
    expect(loop.check({})).toMatch(/no Host header/);

    const lan = createOriginPolicy({ address: at('192.168.1.20', 80), allowedOrigins: [] });
    expect(lan.check({ host: '192.168.1.20' })).toBeUndefined();
    expect(lan.check({ host: '192.168.1.20:80' })).toBeUndefined();
    expect(lan.check({ host: 'localhost' })).toBeDefined();
  });

  it('parses the allow-list and reports entries that are not origins', () => {
    expect(parseAllowedOrigins(' http://192.168.1.20:3000 ,https://Workshop.local,')).toEqual({
      origins: ['http://192.168.1.20:3000', 'https://workshop.local'],
      problems: [],
    });
    const bad = parseAllowedOrigins('ftp://x,http://x/path,nonsense');
    expect(bad.origins).toEqual([]);
    expect(bad.problems).toHaveLength(3);
  });
});
