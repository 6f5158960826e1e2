import { DEFAULT_ROUTE, type RouterConfig } from '@eventflow/shared';
import { readsEnvelope } from '../../event-view.js';
import type { RtRouter, RtRoute, State } from '../../model.js';
import { compileOrThrow, reasonCode } from '../../state.js';

const describe = (r: RouterConfig['rules'][number]) =>
  `'${r.label}' (${r.match === 'cel' ? r.condition : r.pattern})`;

/**
 * Compiles a router's rules against its out-edges (in edge-id order, so the order an event is published in
 * never depends on drawing order), grouped by the handle each edge leaves from.
 */
export function compileRouter(
  s: State,
  i: number,
  config: RouterConfig,
  edges: RtRouter['edges'],
  where: string,
): RtRouter {
  const outsOf = (handle: string) =>
    edges.filter((e) => e.handle === handle).map(({ edge, target }) => ({ edge, target }));
  const rules: RtRoute[] = config.rules.map((r, j) => ({
    label: r.label,
    cel:
      r.match === 'cel' ? compileOrThrow(r.condition, 'filter', `${where}.rules[${j}].condition`) : undefined,
    readsEnvelope: r.match === 'cel' && readsEnvelope(r.condition),
    pattern: r.match === 'pattern' ? r.pattern : undefined,
    outs: outsOf(r.id),
  }));
  const list = config.rules.length ? config.rules.map(describe).join(', ') : 'none';
  const defaults = outsOf(DEFAULT_ROUTE);
  return {
    node: i,
    edges,
    all: config.mode === 'all-matches',
    rules,
    defaults,
    noMatch: reasonCode(
      s,
      `no rule matched: rules were ${list}; ${defaults.length ? 'sent by the default route' : 'no default route, so it was dropped'}`,
    ),
    describe: config.rules.map(describe),
  };
}

/** The reason of a `routed` hop: the rules that matched, by index. */
export function matchedReason(s: State, r: RtRouter, matched: readonly number[]): number {
  const names = matched.map((m) => r.describe[m]!);
  return reasonCode(
    s,
    names.length === 1 ? `rule ${names[0]!} matched` : `rules ${names.join(', ')} matched`,
  );
}
