import { NODE_KINDS } from '@eventflow/shared';
import { kindMeta } from './kind-meta';

// Built once: the colours live in each kind's meta.ts, and CSS reads them as `--<kind>` (and `--kind` on a
// node or a `.ef-kind--<kind>` element), so no stylesheet repeats a kind's colour.
const CSS = [
  `:root { ${NODE_KINDS.map((k) => `--${k}: ${kindMeta[k].colour.light};`).join(' ')} }`,
  `[data-theme='dark'] { ${NODE_KINDS.map((k) => `--${k}: ${kindMeta[k].colour.dark};`).join(' ')} }`,
  ...NODE_KINDS.map((k) => `.ef-node.ef-node--${k}, .ef-kind--${k} { --kind: var(--${k}); }`),
].join('\n');

/** The per-kind colour variables, rendered once at the top of the app. */
export function KindColours() {
  return <style data-kind-colours>{CSS}</style>;
}
