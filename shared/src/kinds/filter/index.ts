import { z } from 'zod';
import { CelSource, kindNode } from '../../flow/primitives.js';
import type { SharedKind } from '../kind.js';

export const FilterConfig = z.strictObject({
  /** CEL predicate over `event`, `data` and `key`; true lets the event pass. */
  expression: CelSource,
});
export type FilterConfig = z.infer<typeof FilterConfig>;

export const filter = {
  kind: 'filter',
  title: 'Filter',
  config: FilterConfig,
  node: kindNode('filter', FilterConfig),
  starter: { expression: 'event.type == "OrderPlaced"' },
  connects: { to: ['topic', 'consumer', 'filter', 'webhook'] },
  expressions: (c) => [{ field: 'expression', source: c.expression, context: 'filter' }],
} satisfies SharedKind<'filter'>;
