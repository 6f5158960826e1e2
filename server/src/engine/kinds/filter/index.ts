import { ok } from '@eventflow/shared';
import { readsEnvelope } from '../../event-view.js';
import type { State } from '../../model.js';
import { compileOrThrow } from '../../state.js';
import type { EngineKind } from '../kind.js';
import { receiveAtFilter } from './evaluate.js';

function compileFilter(s: State, i: number, expression: string, where: string) {
  s.filters[i] = compileOrThrow(expression, 'filter', `${where}.expression`);
  s.filterReadsEnvelope[i] = readsEnvelope(expression);
}

/** A CEL predicate on a publish path (evaluated on arrival) or a subscription path (evaluated per group). */
export const filter: EngineKind<'filter'> = {
  compile: (s, i, n, { where }) => compileFilter(s, i, n.config.expression, where),
  applyConfig(s, i, config) {
    compileFilter(s, i, config.expression, 'config');
    return ok(null);
  },
  receive: receiveAtFilter,
  stats: (s, i) => ({
    in: s.counters.nodeIn[i]!,
    out: s.counters.nodeOut[i]!,
    filtered: s.counters.nodeFiltered[i]!,
    filterErrors: s.counters.nodeFilterErrors[i]!,
  }),
  metrics(s, i, m) {
    m.filtered = s.counters.nodeFiltered[i]!;
    m.filterErrors = s.counters.nodeFilterErrors[i]!;
  },
  latency: false,
};
