// Regenerates shared/schema/flow.v1.schema.json from the zod schema: npx tsx shared/scripts/gen-json-schema.ts
import { writeFileSync } from 'node:fs';
import { flowJsonSchemaText } from './flow-json-schema.js';

const out = new URL('../schema/flow.v1.schema.json', import.meta.url);
writeFileSync(out, flowJsonSchemaText());
console.log(`wrote ${out.pathname}`);
