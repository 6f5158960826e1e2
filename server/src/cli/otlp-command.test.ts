import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OtlpTraceRequest, type RunSummary } from '@eventflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpJson } from '../standards/otlp-proto-support.js';
import { parseRunArgs } from './args.js';
import { runCli } from './main.js';

const FLOW = 'examples/saga.flow.json';

interface Received {
  method?: string;
  url?: string;
  contentType?: string;
  body: string;
}

/** A stand-in OTLP/HTTP receiver on an ephemeral loopback port that records what arrives. */
async function startReceiver(
  status = 200,
): Promise<{ url: string; got: Received[]; close: () => Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        method: req.method,
        url: req.url,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{}' : '{"code":3,"message":"bad trace"}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-otlp-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('eventflow run --otlp / --otlp-endpoint', () => {
  it('--otlp writes an ExportTraceServiceRequest the OpenTelemetry protos decode; --json stays one object', async () => {
    const out = join(dir, 'saga.otlp.json');
    const r = await runCli(['run', FLOW, '--otlp', out, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as RunSummary).flow).toBe('A saga of chained events');
    const json: unknown = JSON.parse(await readFile(out, 'utf8'));
    expect(OtlpTraceRequest.safeParse(json).success).toBe(true);
    expect(decodeOtlpJson(json).object).toEqual(json);
  });

  it('--otlp-endpoint POSTs the same JSON to <endpoint>/v1/traces and reports the status', async () => {
    const receiver = await startReceiver();
    try {
      const out = join(dir, 'sent.otlp.json');
      const r = await runCli(['run', FLOW, '--otlp', out, '--otlp-endpoint', `${receiver.url}/`]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain(`OTLP: POST ${receiver.url}/v1/traces: HTTP 200`);
      expect(receiver.got).toHaveLength(1);
      const [req] = receiver.got;
      expect(req?.method).toBe('POST');
      expect(req?.url).toBe('/v1/traces');
      expect(req?.contentType).toBe('application/json');
      expect(req?.body).toBe(await readFile(out, 'utf8'));
      const sent = OtlpTraceRequest.parse(JSON.parse(req?.body ?? ''));
      const services = sent.resourceSpans.map((rs) =>
        rs.resource.attributes.find((a) => a.key === 'service.name'),
      );
      expect(services).toContainEqual({ key: 'service.name', value: { stringValue: 'Storefront' } });
    } finally {
      await receiver.close();
    }
  });

  it('a collector that refuses the export fails the command with its status', async () => {
    const receiver = await startReceiver(400);
    try {
      const r = await runCli(['run', FLOW, '--otlp-endpoint', receiver.url]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(
        `OTLP: POST ${receiver.url}/v1/traces: HTTP 400: {"code":3,"message":"bad trace"}`,
      );
      expect(r.stdout).toContain('A saga of chained events');
    } finally {
      await receiver.close();
    }
  });

  it('an unreachable endpoint is one clear error line and a non-zero exit, never a stack trace', async () => {
    // A port that was just free: nothing listens there once the receiver is closed.
    const receiver = await startReceiver();
    await receiver.close();
    const r = await runCli(['run', FLOW, '--otlp-endpoint', receiver.url]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^--otlp-endpoint: cannot send to ${receiver.url}/v1/traces: ECONNREFUSED .*\\n$`, 'm'),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--otlp to a folder that does not exist is an error line too', async () => {
    const r = await runCli(['run', FLOW, '--otlp', join(dir, 'missing', 'x.json')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^--otlp: cannot write .*x\.json: /m);
  });

  it('refuses an endpoint that is not an http(s) URL', () => {
    expect(parseRunArgs([FLOW, '--otlp-endpoint', 'localhost:4318'])).toEqual({
      ok: false,
      errors: ['--otlp-endpoint must be an http(s) URL, e.g. http://127.0.0.1:4318'],
    });
    expect(
      parseRunArgs([FLOW, '--otlp', 'o.json', '--otlp-endpoint', 'https://collector:4318']),
    ).toMatchObject({
      ok: true,
      args: { otlp: 'o.json', otlpEndpoint: 'https://collector:4318' },
    });
  });
});
