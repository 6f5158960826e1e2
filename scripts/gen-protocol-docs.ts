/**
 * Writes docs/protocol.md from the protocol table in shared/ (see scripts/protocol-docs/render.ts).
 *
 *   npm run docs:protocol
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderProtocolDocs } from './protocol-docs/render.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/protocol.md');
writeFileSync(target, await renderProtocolDocs(target));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
