import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import type { CommandArgs } from '@eventflow/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createSocketChannel, SESSION_STORAGE_KEY, type AppSocket } from './socket';

type Hello = CommandArgs<'session:hello'>;
type HelloAnswer = (m: Hello) => unknown;

let http: HttpServer | null = null;
let server: Server | null = null;
const clients: AppSocket[] = [];

/** A real socket.io server on an ephemeral port that answers hello as told and records what it heard, in order. */
async function startServer(answer: HelloAnswer) {
  http = createServer();
  server = new Server(http);
  const heard: { event: string; payload: unknown }[] = [];
  server.on('connection', (socket) => {
    socket.on('session:hello', (m: Hello, ack: (r: unknown) => void) => {
      heard.push({ event: 'session:hello', payload: m });
      // Answered late on purpose: a command sent meanwhile must wait for it.
      setTimeout(() => {
        heard.push({ event: 'answered', payload: null });
        ack(answer(m));
      }, 30);
    });
    socket.on('run:pause', (m: unknown, ack: (r: unknown) => void) => {
      heard.push({ event: 'run:pause', payload: m });
      ack({ ok: true, value: null });
    });
  });
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, heard };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

function connect(url: string): AppSocket {
  const socket: AppSocket = io(url, { transports: ['websocket'], forceNew: true });
  clients.push(socket);
  return socket;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  http = null;
});

const TOKEN = 'tok_0123456789abcdef';

describe('the socket channel (protocol v2 on the client)', () => {
  it('says hello first, holds commands until it is answered, and keeps the issued token', async () => {
    const { url, heard } = await startServer(() => ({
      ok: true,
      value: { protocolVersion: 2, sessionToken: TOKEN },
    }));
    const storage = memoryStorage();
    const channel = createSocketChannel(connect(url), storage);
    const r = await channel.send('run:pause', { runId: 'r1' });
    expect(r).toEqual({ ok: true, value: null });
    expect(heard.map((h) => h.event)).toEqual(['session:hello', 'answered', 'run:pause']);
    expect(heard[0]?.payload).toEqual({ protocolVersion: 2 });
    expect(channel.token()).toBe(TOKEN);
    expect(storage.data.get(SESSION_STORAGE_KEY)).toBe(TOKEN);
  });

  it('resumes the session of this tab with the token kept in storage', async () => {
    const { url, heard } = await startServer((m) => ({
      ok: true,
      value: { protocolVersion: 2, sessionToken: m.sessionToken ?? 'tok_fresh_0123456789' },
    }));
    const channel = createSocketChannel(connect(url), memoryStorage({ [SESSION_STORAGE_KEY]: TOKEN }));
    await channel.send('run:pause', { runId: 'r1' });
    expect(heard[0]?.payload).toEqual({ protocolVersion: 2, sessionToken: TOKEN });
    expect(channel.token()).toBe(TOKEN);
  });

  it('tolerates a server that answers hello without a token (and one that refuses the token)', async () => {
    const { url, heard } = await startServer((m) =>
      m.sessionToken
        ? { ok: false, code: 'invalid-payload', message: 'unrecognized key sessionToken' }
        : { ok: true, value: { protocolVersion: 2 } },
    );
    const storage = memoryStorage({ [SESSION_STORAGE_KEY]: TOKEN });
    const channel = createSocketChannel(connect(url), storage);
    expect(await channel.send('run:pause', { runId: 'r1' })).toEqual({ ok: true, value: null });
    expect(heard.filter((h) => h.event !== 'answered').map((h) => h.payload)).toEqual([
      { protocolVersion: 2, sessionToken: TOKEN },
      { protocolVersion: 2 },
      { runId: 'r1' },
    ]);
    expect(channel.token()).toBeNull();
    expect(storage.data.has(SESSION_STORAGE_KEY)).toBe(false);
  });

  it('says hello again after a reconnect, then tells the session to resync', async () => {
    const { url, heard } = await startServer(() => ({
      ok: true,
      value: { protocolVersion: 2, sessionToken: TOKEN },
    }));
    const socket = connect(url);
    const channel = createSocketChannel(socket, memoryStorage());
    await channel.send('run:pause', { runId: 'r1' });
    const resynced = new Promise<void>((resolve) => channel.onReconnect(resolve));
    socket.disconnect().connect();
    await resynced;
    expect(heard.filter((h) => h.event === 'session:hello').map((h) => h.payload)).toEqual([
      { protocolVersion: 2 },
      { protocolVersion: 2, sessionToken: TOKEN },
    ]);
  });
});
