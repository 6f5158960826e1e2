import { FlowDoc } from '@eventflow/shared';
import { z } from 'zod';

/** Where the schema is published; the file name carries the format version, so a v2 gets a new `$id`. */
export const FLOW_SCHEMA_ID = 'https://eventflow.dev/schema/eventflow.flow.v1.schema.json';
export const FLOW_SCHEMA_FILE = 'docs/schema/eventflow.flow.v1.schema.json';

/**
 * The JSON Schema of flow format v1, as the file's text. The input side of the zod schema: a file may leave out
 * what has a default. Cross-field rules and CEL are `validateFlow`'s, beyond any JSON Schema (docs/standards.md).
 */
export function flowJsonSchemaText(): string {
  const { $schema, ...rest } = z.toJSONSchema(FlowDoc, { io: 'input', target: 'draft-2020-12' });
  const schema = {
    $schema,
    $id: FLOW_SCHEMA_ID,
    title: 'Eventflow flow (format v1)',
    description:
      'A *.flow.json file. Structure only: graph rules (edges between existing nodes of the right kinds) and CEL expressions are checked by `eventflow validate`.',
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
