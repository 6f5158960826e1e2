import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFlow } from '@eventflow/shared';
import { fromFlowDoc } from '../model/flow-doc';

const DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Every shipped example, parsed and converted to canvas nodes and edges (for tests). */
export function loadExamples() {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.flow.json'))
    .sort()
    .map((file) => {
      const parsed = parseFlow(JSON.parse(readFileSync(DIR + file, 'utf8')));
      if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
      return { file, ...fromFlowDoc(parsed.flow) };
    });
}
