import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFlow, type RecordedStep, type ReplayFileInput } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index.js';
import { applyAndRecord } from '../engine/script.js';
import { runCli } from './main.js';

async function sharedRun(dir: string) {
  const r = parseFlow(JSON.parse(await readFile('examples/retries-dead-letter.flow.json', 'utf8')));
  if (!r.ok) throw new Error('example');
  const live = createEngine({ flow: r.flow, seed: 18 });
  const log: RecordedStep[] = [];
  live.advanceTo(420);
  live.step(2);
  applyAndRecord(live, { op: 'fire', nodeId: 'billing', data: { customerId: 'c1', amount: 5 } }, log);
  applyAndRecord(live, { op: 'update', nodeId: 'charger', config: { maxAttempts: 6 } }, log);
  live.advanceTo(1500);
  const file: ReplayFileInput = {
    format: 'eventflow.replay',
    version: 1,
    flow: live.flow,
    seed: live.seed,
    script: { commands: log, end: live.position() },
    lastSeq: live.trace.lastSeq(),
  };
  const at = path.join(dir, 'charges.replay.json');
  await writeFile(at, JSON.stringify(file));
  live.run();
  return { at, hops: live.trace.read(1, live.trace.lastSeq()) };
}

describe('eventflow run --replay', () => {
  it('replays a shared run and runs on: the trace is the live run’s, byte for byte', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'replay-cli-'));
    const { at, hops } = await sharedRun(dir);
    const out = path.join(dir, 'trace.ndjson');
    const r = await runCli(['run', '--replay', at, '--trace', out, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(hops.map((h) => JSON.stringify(h)).join('\n') + '\n');
  });

  it('names the path of what is wrong with a replay file, and refuses --seed with it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'replay-cli-'));
    const bad = path.join(dir, 'bad.replay.json');
    await writeFile(
      bad,
      JSON.stringify({ format: 'eventflow.replay', version: 1, flow: {}, seed: -1, lastSeq: 0 }),
    );
    const r = await runCli(['run', '--replay', bad]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/seed: /);
    expect(r.stderr).toMatch(/script: /);
    const seeded = await runCli(['run', '--replay', bad, '--seed', '3']);
    expect(seeded).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/--seed cannot be used with --replay/),
    });
  });
});
