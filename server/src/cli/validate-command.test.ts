import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineColumn } from './load-flow.js';
import { runCli } from './main.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-cli-'));
  await writeFile(join(dir, 'broken.json'), '{\n  "format": "eventflow.flow",\n  "version": 1,\n}\n');
  await writeFile(
    join(dir, 'bad-flow.json'),
    JSON.stringify({
      format: 'eventflow.flow',
      version: 1,
      name: 'Bad',
      nodes: [{ id: 't', kind: 'topic', config: { partitions: 0 } }],
      edges: [],
    }),
  );
  // Two message types for one sender: valid AsyncAPI, but a producer carries only one event type.
  await writeFile(
    join(dir, 'two-types.yaml'),
    [
      'asyncapi: 3.0.0',
      'info: { title: Two types, version: 1.0.0 }',
      'channels:',
      '  orders:',
      '    address: orders',
      '    messages:',
      '      placed: { name: OrderPlaced, payload: { type: object } }',
      '      cancelled: { name: OrderCancelled, payload: { type: object } }',
      'operations:',
      '  shop:',
      '    action: send',
      "    channel: { $ref: '#/channels/orders' }",
      '    messages:',
      "      - $ref: '#/channels/orders/messages/placed'",
      "      - $ref: '#/channels/orders/messages/cancelled'",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'broken.asyncapi.yaml'),
    [
      'asyncapi: 3.0.0',
      'info: { title: Broken, version: 1.0.0 }',
      'channels:',
      '  orders:',
      '    address: orders',
      '    messages:',
      "      m: { $ref: '#/components/messages/nope' }",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'empty.asyncapi.yaml'),
    'asyncapi: 3.0.0\ninfo: { title: Empty, version: 1.0.0 }\n',
  );
  await writeFile(join(dir, 'other.yaml'), 'name: not an AsyncAPI document\n');
});

describe('eventflow validate', () => {
  it('accepts a valid example and names it', async () => {
    const r = await runCli(['validate', 'examples/fan-out.flow.json']);
    expect(r).toEqual({ exitCode: 0, stdout: '✓ Fan-out to independent groups: valid\n', stderr: '' });
  });

  it('prints each problem of an invalid flow as "path: message"', async () => {
    const r = await runCli(['validate', 'bad-flow.json'], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    // The real validator writes nodes[0]; the zod-only placeholder writes nodes.0.
    expect(r.stderr).toMatch(/^nodes(\.0|\[0\])\.config\.partitions: must be an integer ≥ 1$/m);
  });

  it('reports a JSON syntax error with its line and column', async () => {
    const r = await runCli(['validate', 'broken.json'], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^broken\.json: invalid JSON at line 4, column 1: /);
  });

  it('reports a missing file clearly', async () => {
    const r = await runCli(['validate', 'nope.flow.json'], dir);
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: 'cannot read nope.flow.json: no such file\n' });
  });

  it('reports a missing argument and points at help', async () => {
    const r = await runCli(['validate']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'validate needs a flow file: eventflow validate FILE\nsee: eventflow validate --help\n',
    );
  });
});

describe('eventflow validate on an AsyncAPI document', () => {
  it('accepts an exported example (YAML) and says how it maps back to a flow', async () => {
    const out = join(dir, 'saga.asyncapi.yaml');
    const exported = await runCli([
      'export',
      'examples/compensated-saga.flow.json',
      '--format',
      'asyncapi-yaml',
      '-o',
      out,
    ]);
    expect(exported.exitCode).toBe(0);
    const r = await runCli(['validate', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '✓ Compensation: releasing stock when a payment gives up: valid AsyncAPI 3.0.0',
        // The parser's information that 3.1.0 exists: the export writes 3.0.0 for the widest tool support.
        'info: asyncapi: The latest version of AsyncAPi is not used. It is recommended update to the "3.1.0" version. (line 1)',
        'maps to a flow of 10 nodes (4 topics, 1 producer, 5 consumers) and 9 edges',
        '',
      ].join('\n'),
    );
  });

  it('accepts a JSON AsyncAPI document too', async () => {
    const out = join(dir, 'hook.asyncapi.json');
    await runCli(['export', 'examples/flaky-webhook.flow.json', '--format', 'asyncapi', '-o', out]);
    const r = await runCli(['validate', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^✓ A flaky webhook: .*: valid AsyncAPI 3\.0\.0$/m);
    expect(r.stdout).toMatch(/^maps to a flow of 5 nodes \(2 topics, 1 producer, 1 webhook, 1 consumer\)/m);
  });

  it("prints the mapping's warnings", async () => {
    const r = await runCli(['validate', 'two-types.yaml'], dir);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^maps to a flow of 2 nodes \(1 topic, 1 producer\) and 1 edge$/m);
    expect(r.stdout).toMatch(
      /^warning: shop: a producer publishes one event type; kept OrderPlaced, not OrderCancelled$/m,
    );
  });

  it('fails on errors and prints each diagnostic as "severity: path: message (line N)"', async () => {
    const r = await runCli(['validate', 'broken.asyncapi.yaml'], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const [first, second] = r.stderr.split('\n');
    expect(first).toBe('broken.asyncapi.yaml: invalid AsyncAPI document');
    expect(second).toBe(
      "error: channels.orders.messages.m.$ref: '#/components/messages/nope' does not exist (line 7)",
    );
  });

  it('calls a valid document that makes no flow valid, with the reason as a warning', async () => {
    const r = await runCli(['validate', 'empty.asyncapi.yaml'], dir);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^✓ Empty: valid AsyncAPI 3\.0\.0$/m);
    expect(r.stdout).toMatch(
      /^warning: does not map to a flow: channels: the document has no channel to make a topic of$/m,
    );
  });

  it('refuses YAML that is not an AsyncAPI document', async () => {
    const r = await runCli(['validate', 'other.yaml'], dir);
    expect(r).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'other.yaml: not an AsyncAPI document (YAML with an "asyncapi" field)\n',
    });
  });
});

describe('eventflow help', () => {
  it('prints the overview for --help, help and no arguments', async () => {
    for (const argv of [['--help'], ['help'], []]) {
      const r = await runCli(argv);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^eventflow: /);
    }
  });

  it('prints per-command help', async () => {
    expect((await runCli(['run', '--help'])).stdout).toMatch(/^Usage: eventflow run FILE/);
    expect((await runCli(['help', 'validate'])).stdout).toMatch(/^Usage: eventflow validate FILE/);
  });

  it('rejects an unknown command with exit 1', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^unknown command 'frobnicate'/);
  });
});

describe('lineColumn', () => {
  it('counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
