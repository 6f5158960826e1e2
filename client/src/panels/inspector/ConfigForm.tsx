import { configSchemas, type ConfigOf, type NodeKind, type NodeOf } from '@eventflow/shared';
import { useMemo } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { selectProblems } from '../../store/selectors';
import { FieldEditor } from './FieldEditor';
import { describeSchema, type FieldMeta, type FieldSpec } from './schema-fields';

// Built once per kind: the schemas never change at run time.
const specs = Object.fromEntries(
  (Object.keys(configSchemas) as NodeKind[]).map((k) => {
    const spec = describeSchema(configSchemas[k]);
    return [k, spec.type === 'object' ? spec.fields : []];
  }),
) as Record<NodeKind, FieldSpec[]>;

interface ConfigFormProps<K extends NodeKind> {
  node: NodeOf<K>;
  meta: Record<string, FieldMeta>;
  /** Field order; fields not listed follow in schema order. */
  order?: readonly string[];
}

/** The inspector form for any kind, generated from its config schema in shared. */
export function ConfigForm<K extends NodeKind>({ node, meta, order = [] }: ConfigFormProps<K>) {
  const updateConfig = useAppStore((s) => s.updateConfig);
  const problems = useAppStore(selectProblems);
  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const p of problems) {
      if (p.nodeId !== node.id || !p.field?.startsWith('config.')) continue;
      const key = p.field.slice('config.'.length).replace(/\[(\d+)\]/g, '.$1');
      out[key] ??= p.message;
    }
    return out;
  }, [problems, node.id]);
  const fields = useMemo(() => {
    const all = specs[node.kind];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    return [...all].sort((a, b) => rank(a.name) - rank(b.name));
  }, [node.kind, order]);
  const config = node.config as Record<string, unknown>;
  return (
    <div className="ef-form">
      {fields.map((spec) => (
        <FieldEditor
          key={spec.name}
          spec={spec}
          path={spec.name}
          metaPath={spec.name}
          value={config[spec.name]}
          ctx={{ meta, errors, nodeId: node.id }}
          onChange={(v) => {
            const { [spec.name]: _old, ...rest } = config;
            const next = v === undefined ? rest : { ...rest, [spec.name]: v };
            updateConfig(node.id, next as ConfigOf<K>, spec.name);
          }}
        />
      ))}
    </div>
  );
}
