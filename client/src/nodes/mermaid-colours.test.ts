import { MERMAID_KIND_COLOURS, NODE_KINDS } from '@eventflow/shared';
import { expect, it } from 'vitest';
import { kindMeta } from './kind-meta';

it('colours Mermaid exports with the canvas kind colours', () => {
  for (const k of NODE_KINDS) expect(MERMAID_KIND_COLOURS[k]).toBe(kindMeta[k].colour.light);
});
