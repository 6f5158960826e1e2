import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMAND_NAMES, EVENT_NAMES, RoomStateEvent, RunStarted } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { renderProtocolDocs, shapeOf } from './render.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/protocol.md');

describe('docs/protocol.md', () => {
  it('is what `npm run docs:protocol` renders from the protocol table now (run it when this fails)', async () => {
    expect(readFileSync(target, 'utf8')).toBe(await renderProtocolDocs(target));
  });

  it('lists every command and event of the table with its schemas', async () => {
    const doc = await renderProtocolDocs(target);
    for (const name of [...COMMAND_NAMES, ...EVENT_NAMES]) expect(doc).toContain(`#### \`${name}\``);
    expect(shapeOf(RunStarted)).toBe('`{ runId, flowRevision }`');
    expect(shapeOf(RoomStateEvent)).toBe(
      '`{ code, version, kind, snapshot } \\| { code, version, kind, delta }`',
    );
  });
});
