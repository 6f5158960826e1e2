import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

// The one test that spawns a process: it proves bin/eventflow.mjs loads the TypeScript CLI through tsx.
it('bin/eventflow.mjs validates an example from the repo root', async () => {
  const { stdout } = await promisify(execFile)('node', [
    'server/bin/eventflow.mjs',
    'validate',
    'examples/saga.flow.json',
  ]);
  expect(stdout).toBe('✓ A saga of chained events: valid\n');
});
