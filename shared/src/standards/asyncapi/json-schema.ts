import type { CelShape } from '../../cel/shape.js';

/** The JSON Schema subset the AsyncAPI export writes (draft-07, which AsyncAPI 3.0 schemas are based on). */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  const?: string;
  format?: string;
  description?: string;
  /** Any other keyword: a flow's own event schemas (`schemas`) are exported as written. */
  [keyword: string]: unknown;
}
type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/**
 * The JSON Schema of a value whose shape the CEL checker inferred. It says only what is known: an unknown
 * value (`dyn`) is `{}` (anything), a map lists the fields some producer sets without claiming they are
 * required or that no others exist, and several possible types become `anyOf`.
 */
export function shapeToJsonSchema(shape: CelShape): JsonSchema {
  switch (shape.kind) {
    case 'dyn':
      return {};
    case 'null':
      return { type: 'null' };
    case 'bool':
      return { type: 'boolean' };
    case 'int':
    case 'uint':
      return { type: 'integer' };
    case 'double':
      return { type: 'number' };
    case 'string':
    case 'bytes':
      return { type: 'string' };
    case 'list':
      return { type: 'array', items: shapeToJsonSchema(shape.of) };
    case 'union':
      return { anyOf: shape.of.map(shapeToJsonSchema) };
    case 'map': {
      const properties: Record<string, JsonSchema> = {};
      for (const [k, v] of Object.entries(shape.fields)) properties[k] = shapeToJsonSchema(v);
      return { type: 'object', properties };
    }
  }
}
