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
