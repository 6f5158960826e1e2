import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlow } from '@eventflow/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseImportArgs } from './args.js';
import { runCli } from './main.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-import-'));
  const exported = await runCli(['export', 'examples/retries-dead-letter.flow.json', '-f', 'asyncapi-yaml']);
  await writeFile(join(dir, 'api.yaml'), exported.stdout);
  await writeFile(join(dir, 'old.json'), JSON.stringify({ asyncapi: '1.2.0', info: { title: 'x' } }));
  await writeFile(join(dir, 'broken.yaml'), 'asyncapi: [3.0.0\n');
});

describe('eventflow import', () => {
  it('turns an exported AsyncAPI YAML file back into a valid flow on stdout', async () => {
    const r = await runCli(['import', join(dir, 'api.yaml')]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const parsed = parseFlow(JSON.parse(r.stdout));
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.flow.nodes.map((n) => `${n.id}:${n.kind}`).sort()).toEqual([
        'billing:producer',
        'charger:consumer',
        'charges-dlq:topic',
        'charges:topic',
        'dlq-inspector:consumer',
      ]);
  });

  it('converts a real AsyncAPI 2.6 document to 3.0 first, and says so', async () => {
    const r = await runCli(['import', 'shared/fixtures/asyncapi/streetlights-2.6.yaml']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('warning: asyncapi: converted from 2.6.0 to 3.0.0 first');
    const parsed = parseFlow(JSON.parse(r.stdout));
    expect(parsed.ok && parsed.flow.name).toBe('Streetlights Kafka API');
    expect(parsed.ok && parsed.flow.edges.map((e) => `${e.source} -> ${e.target}`)).toEqual([
      'receiveLightMeasurement -> smartylighting.streetlights.1.0.event.-streetlightId-.lighti',
      'smartylighting.streetlights.1.0.action.-streetlightId-.dim -> dimLight',
    ]);
  });

  it('writes the -o file and summarises it', async () => {
    const out = join(dir, 'flow.json');
    const r = await runCli(['import', join(dir, 'api.yaml'), '-o', out]);
    expect(r.stdout).toBe(
      `✓ Retries with backoff, then a dead-letter queue: 5 nodes, 4 edges written to ${out}\n`,
    );
    expect(parseFlow(JSON.parse(await readFile(out, 'utf8'))).ok).toBe(true);
  });

  it('refuses documents it cannot import, saying why', async () => {
    expect(await runCli(['import', join(dir, 'old.json')])).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'asyncapi: only AsyncAPI 3.x documents can be imported\n',
    });
    const broken = await runCli(['import', join(dir, 'broken.yaml')]);
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toMatch(/broken\.yaml: not YAML or JSON: /);
    const missing = await runCli(['import', join(dir, 'nope.yaml')]);
    expect(missing.stderr).toBe(`cannot read ${join(dir, 'nope.yaml')}: no such file\n`);
  });

  it('has help of its own and checks its arguments', async () => {
    expect((await runCli(['import', '--help'])).stdout).toMatch(/^Usage: eventflow import FILE/);
    expect((await runCli(['help'])).stdout).toContain('eventflow import FILE [-o OUT]');
    expect(parseImportArgs([])).toEqual({
      ok: false,
      errors: ['import needs an AsyncAPI file: eventflow import FILE [-o OUT]'],
    });
    expect(parseImportArgs(['a.yaml', '-o', 'f.json'])).toEqual({
      ok: true,
      help: false,
      args: { file: 'a.yaml', out: 'f.json' },
    });
  });
});
