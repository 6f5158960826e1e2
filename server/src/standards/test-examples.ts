import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlow, type FlowDoc } from '@eventflow/shared';

/** Every shipped example, parsed (tests run from the repository root, as the CLI tests do). */
export function loadExampleFlows(): { file: string; flow: FlowDoc }[] {
  return readdirSync('examples')
    .filter((f) => f.endsWith('.flow.json'))
    .sort()
    .map((file) => {
      const r = parseFlow(JSON.parse(readFileSync(join('examples', file), 'utf8')));
      if (!r.ok) throw new Error(`${file} is invalid`);
      return { file, flow: r.flow };
    });
}
