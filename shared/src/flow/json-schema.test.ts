import { expect, test } from 'vitest';
import { flowJsonSchemaText } from '../../scripts/flow-json-schema.js';
import checkedIn from '../../schema/flow.v1.schema.json';

test('the checked-in JSON Schema equals the one generated from the zod schema (run shared/scripts/gen-json-schema.ts)', () => {
  expect(checkedIn).toEqual(JSON.parse(flowJsonSchemaText()));
});
