/**
 * Writes the flow format's JSON Schema from the zod schema in shared/ (see scripts/flow-schema/).
 *
 *   npm run schema
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOW_SCHEMA_FILE, flowJsonSchemaText } from './flow-schema/flow-json-schema.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', FLOW_SCHEMA_FILE);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, flowJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
