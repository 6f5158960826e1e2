import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseExportArgs } from './args.js';
import { runCli } from './main.js';

const EXAMPLE = 'examples/retries-dead-letter.flow.json';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-export-'));
});

describe('eventflow export', () => {
  it('lists on stderr what AsyncAPI cannot carry, and writes service calls as request-reply', async () => {
    const ledger = await runCli(['export', 'examples/order-ledger.flow.json', '-f', 'asyncapi']);
    expect(ledger.exitCode).toBe(0);
    expect(ledger.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^warning: nodes\.ledger: .*event store is not a channel/) as unknown,
      expect.stringMatching(/^warning: nodes\.order-status: .*projection/) as unknown,
    ]);
    const calls = await runCli(['export', 'examples/request-response-vs-events.flow.json', '-f', 'asyncapi']);
    expect(calls.stderr).toBe('');
    const doc = JSON.parse(calls.stdout) as {
      operations: Record<string, { action: string; reply?: object }>;
    };
    expect(doc.operations['checkout-rr.call.payment-rr']).toMatchObject({ action: 'send', reply: {} });
    expect(doc.operations['payment-rr.answer']).toMatchObject({ action: 'receive', reply: {} });
  });

  it('prints a Mermaid flowchart to stdout', async () => {
    const r = await runCli(['export', EXAMPLE, '--format', 'mermaid']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('flowchart LR\n');
    expect(r.stdout).toContain('  n_charger -.->|"dead-letter"| n_charges_dlq\n');
  });

  it('prints an AsyncAPI document as JSON, and the same document as YAML', async () => {
    const json = await runCli(['export', EXAMPLE, '--format', 'asyncapi', '--server', 'kafka']);
    const yaml = await runCli(['export', EXAMPLE, '-f', 'asyncapi-yaml', '--server', 'kafka']);
    expect(json.exitCode).toBe(0);
    expect(yaml.exitCode).toBe(0);
    const doc = JSON.parse(json.stdout) as { asyncapi: string; servers: object; channels: object };
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.servers)).toEqual(['kafka']);
    expect(Object.keys(doc.channels)).toEqual(['charges', 'charges-dlq']);
    expect(parse(yaml.stdout)).toEqual(doc);
    expect(yaml.stdout).not.toMatch(/[&*]a\d/);
  });

  it('writes to the -o file and says so', async () => {
    const out = join(dir, 'api.yaml');
    const r = await runCli(['export', EXAMPLE, '-f', 'asyncapi-yaml', '-o', out, '--node', 'charger']);
    expect(r).toEqual({
      exitCode: 0,
      stdout: `✓ Retries with backoff, then a dead-letter queue: asyncapi-yaml written to ${out}\n`,
      stderr: '',
    });
    const doc = parse(await readFile(out, 'utf8')) as { info: { title: string }; operations: object };
    expect(doc.info.title).toBe('Retries with backoff, then a dead-letter queue: Card Charger');
    expect(Object.keys(doc.operations)).toEqual([
      'charger.dead-letter.charges-dlq',
      'charger.receive.charges',
    ]);
  });

  it('refuses a --node that is no application', async () => {
    const r = await runCli(['export', EXAMPLE, '-f', 'asyncapi', '--node', 'charges']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^--node charges: no producer, consumer or webhook/);
  });

  it('reports an invalid flow file like validate does', async () => {
    const r = await runCli(['export', join(dir, 'missing.flow.json'), '-f', 'mermaid']);
    expect(r).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `cannot read ${join(dir, 'missing.flow.json')}: no such file\n`,
    });
  });

  it('has help of its own', async () => {
    expect((await runCli(['export', '--help'])).stdout).toMatch(
      /^Usage: eventflow export FILE --format FORMAT/,
    );
    expect((await runCli(['help', 'export'])).stdout).toMatch(/^Usage: eventflow export/);
    expect((await runCli(['help'])).stdout).toContain('eventflow export FILE -f FORMAT');
  });
});

describe('parseExportArgs', () => {
  it('reads every option', () => {
    expect(
      parseExportArgs(['f.json', '-f', 'asyncapi', '-o', 'x.json', '--server', 'nats', '--node', 'c']),
    ).toEqual({
      ok: true,
      help: false,
      args: { file: 'f.json', format: 'asyncapi', out: 'x.json', server: 'nats', node: 'c' },
    });
  });

  it.each([
    [['f.json'], 'export needs --format: one of asyncapi, asyncapi-yaml, mermaid'],
    [['f.json', '-f', 'openapi'], '--format must be one of asyncapi, asyncapi-yaml, mermaid'],
    [['f.json', '-f', 'asyncapi', '--server', 'redis'], '--server must be one of kafka, amqp, mqtt, nats'],
    [
      ['f.json', '-f', 'mermaid', '--server', 'kafka'],
      '--server and --node apply to the AsyncAPI formats only',
    ],
    [['-f', 'mermaid'], 'export needs a flow file: eventflow export FILE --format FORMAT'],
    [
      ['a.json', 'b.json', '-f', 'mermaid'],
      "unexpected argument 'b.json': eventflow export FILE --format FORMAT [-o OUT]",
    ],
  ])('%j is refused: %s', (argv, message) => {
    expect(parseExportArgs(argv)).toEqual({ ok: false, errors: [message] });
  });

  it('refuses unknown flags', () => {
    const r = parseExportArgs(['f.json', '-f', 'mermaid', '--bogus']);
    expect(r.ok).toBe(false);
  });
});
