import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokerReachable } from '../test-support.js';
import { BrokerUnavailableError } from '../transport.js';
import { mqttTransportFactory } from './mqtt-transport.js';

const MOSQUITTO = '/usr/sbin/mosquitto';
const haveMosquitto = existsSync(MOSQUITTO);
if (!haveMosquitto) console.log(`skipping the MQTT authentication test: no ${MOSQUITTO}`);

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('MQTT connect failures', () => {
  it('gives up after about 2 s on a peer that accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => void sockets.push(s));
    const port = await listening(silent);
    const started = Date.now();
    const error = await mqttTransportFactory
      .connect(`mqtt://127.0.0.1:${port}`, 'r')
      .catch((e: unknown) => e);
    const took = Date.now() - started;
    for (const s of sockets) s.destroy();
    silent.close();
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect((error as BrokerUnavailableError).fix).toMatch(/Mosquitto is running/);
    expect(took).toBeLessThan(3500);
  });

  it.skipIf(!haveMosquitto)('says to check user and password when Mosquitto refuses the client', async () => {
    // A private Mosquitto on a free port that admits nobody anonymous, ended by this test.
    const probe = createServer();
    const port = await listening(probe);
    await new Promise((r) => probe.close(r));
    const dir = mkdtempSync(join(tmpdir(), 'eventflow-mqtt-auth-'));
    const conf = join(dir, 'mosquitto.conf');
    writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous false\npersistence false\n`);
    const broker = spawn(MOSQUITTO, ['-c', conf], { stdio: 'ignore' });
    try {
      const end = Date.now() + 3000;
      while (!(await brokerReachable(`mqtt://127.0.0.1:${port}`))) {
        if (Date.now() > end) throw new Error('the private Mosquitto did not start');
        await new Promise((r) => setTimeout(r, 50));
      }
      const error = await mqttTransportFactory
        .connect(`mqtt://someone:secret@127.0.0.1:${port}`, 'r')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrokerUnavailableError);
      const unavailable = error as BrokerUnavailableError;
      expect(unavailable.fix).toMatch(/check user and password/);
      // The password never reaches the message.
      expect(unavailable.message).not.toContain('secret');
    } finally {
      broker.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
