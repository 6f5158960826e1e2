const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const MAX_DEPTH = 6;

/**
 * A CEL literal of the shape a JSON Schema describes, for an imported producer's payload: each property gets a
 * neutral value of its type (`""`, `0.0`, `0`, `false`, `[]`), so the flow's checker knows the fields
 * downstream expressions may use. Undefined when the schema says nothing usable (no type, `anyOf`, …).
 */
export function schemaToCel(schema: unknown, depth = 0): string | undefined {
  if (!isObject(schema) || depth > MAX_DEPTH) return undefined;
  if (typeof schema.const === 'string') return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return '""';
    case 'number':
      return '0.0';
    case 'integer':
      return '0';
    case 'boolean':
      return 'false';
    case 'null':
      return 'null';
    case 'array': {
      const item = schemaToCel(schema.items, depth + 1);
      return item === undefined ? '[]' : `[${item}]`;
    }
    case 'object': {
      const props = isObject(schema.properties) ? schema.properties : {};
      const fields = Object.entries(props).flatMap(([k, v]) => {
        const value = schemaToCel(v, depth + 1);
        return value === undefined ? [] : [`${JSON.stringify(k)}: ${value}`];
      });
      return `{${fields.join(', ')}}`;
    }
    default:
      return undefined;
  }
}
