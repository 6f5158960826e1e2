import { defaultQuery } from '@eventflow/shared';
import { useMemo } from 'react';
import { useAppStore } from '../../app/use-app-store';
import type { CanvasEdge } from '../../model/types';
import { selectProblems } from '../../store/selectors';

/** The key of a query edge: the CEL over the consumed event that names the row the consumer reads. */
export function QueryForm({ edge }: { edge: CanvasEdge }) {
  const update = useAppStore((s) => s.updateEdgeQuery);
  const problems = useAppStore(selectProblems);
  const error = useMemo(
    () => problems.find((p) => p.edgeId === edge.id && p.field === 'query.key')?.message,
    [problems, edge.id],
  );
  const key = edge.data?.query?.key ?? defaultQuery().key;
  return (
    <div className="ef-form">
      <div className="ef-field">
        <label className="ef-field__label" htmlFor="edge-query-key">
          Row key (CEL)
        </label>
        <input
          id="edge-query-key"
          className={`ef-input ef-input--mono${error ? ' is-invalid' : ''}`}
          value={key}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby="edge-query-key-help"
          onChange={(e) => update(edge.id, { key: e.target.value })}
        />
        <div id="edge-query-key-help" className={error ? 'ef-field__error' : 'ef-field__help'}>
          {error ??
            'Over the consumed event, data and key, e.g. data.orderId. The row read is `row` in the emits (null when there is none).'}
        </div>
      </div>
    </div>
  );
}
