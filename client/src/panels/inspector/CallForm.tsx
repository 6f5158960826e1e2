import { CallConfig } from '@eventflow/shared';
import { useMemo } from 'react';
import { useAppStore } from '../../app/use-app-store';
import type { CanvasEdge } from '../../model/types';
import { selectProblems } from '../../store/selectors';
import { FieldEditor } from './FieldEditor';
import { describeSchema, type FieldMeta, type FieldSpec } from './schema-fields';

// Built once: the schema never changes at run time.
const spec = describeSchema(CallConfig);
const FIELDS: FieldSpec[] = spec.type === 'object' ? spec.fields : [];

const META: Record<string, FieldMeta> = {
  latencyMs: {
    label: 'Network latency',
    unit: 'ms',
    help: "Both ways, on top of the called consumer's processing time.",
  },
  timeoutMs: {
    label: 'Timeout',
    unit: 'ms',
    help: 'The caller stops waiting (queueing included) and its processing fails with call-timeout.',
  },
  failureRate: {
    label: 'Failure rate',
    step: 0.01,
    help: 'Chance that an answered call fails: the caller fails with call-failed.',
  },
};

/** The settings of a service-call edge, generated from `CallConfig` like a node's config form. */
export function CallForm({ edge }: { edge: CanvasEdge }) {
  const update = useAppStore((s) => s.updateEdgeCall);
  const problems = useAppStore(selectProblems);
  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const p of problems) {
      if (p.edgeId !== edge.id || !p.field?.startsWith('call.')) continue;
      out[p.field.slice('call.'.length)] ??= p.message;
    }
    return out;
  }, [problems, edge.id]);
  const call: Record<string, unknown> = { ...CallConfig.parse({}), ...edge.data?.call };
  return (
    <div className="ef-form">
      {FIELDS.map((f) => (
        <FieldEditor
          key={f.name}
          spec={f}
          path={f.name}
          metaPath={f.name}
          value={call[f.name]}
          ctx={{ meta: META, errors }}
          onChange={(v) => {
            const next = CallConfig.safeParse({ ...call, [f.name]: v });
            if (next.success) update(edge.id, next.data);
          }}
        />
      ))}
    </div>
  );
}
