import type { NodeOf } from '@eventflow/shared';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';

const meta: Record<string, FieldMeta> = {
  expression: {
    label: 'Expression',
    cel: 'filter',
    help: 'CEL over event, data and key; true lets the event pass',
  },
};

export function FilterInspector({ node }: { node: NodeOf<'filter'> }) {
  return <ConfigForm node={node} meta={meta} />;
}
