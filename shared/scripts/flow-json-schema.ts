import { z } from 'zod';
import { FlowDoc } from '../src/flow/schema.js';

/** The JSON Schema of flow format v1 as a file's text (input side: defaults may be absent). */
export function flowJsonSchemaText(): string {
  const schema = z.toJSONSchema(FlowDoc, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://eventflow.dev/schema/flow.v1.schema.json', title: 'Eventflow flow (format v1)' }, null, 2)}\n`;
}
