import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDiskFlowRepo } from '../../server/src/library/disk-flow-repo.js';
import { median, nowNs } from '../lib.js';
import { loadReferenceFlow } from '../reference.js';
import type { BenchSection } from './section.js';

const FLOWS = 1000;

/** What `GET /api/flows` did before the index: read and parse every stored file on each call. */
async function listByParsingAll(dir: string): Promise<number> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  let found = 0;
  for (const name of names) {
    const stored = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as { id?: string };
    if (stored.id) found++;
  }
  return found;
}

/**
 * `GET /api/flows` over a library of 1,000 copies of the reference flow: parsing every file per call (the old
 * listing) against the in-memory index, in the same run, plus the one-off cost of building the index.
 */
export const libraryList: BenchSection = {
  name: 'libraryList',
  async run({ reps }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'eventflow-bench-library-'));
    try {
      const flow = loadReferenceFlow();
      for (let i = 0; i < FLOWS; i++) {
        const stored = { id: `f${i}`, name: `Flow ${i}`, revision: 1, created: i, updated: i, flow };
        await writeFile(path.join(dir, `f${i}.json`), `${JSON.stringify(stored, null, 2)}\n`);
      }
      const t0 = nowNs();
      const repo = await createDiskFlowRepo({ dir, now: () => 0, newId: () => 'x', maxFlows: FLOWS });
      const buildMs = Number(nowNs() - t0) / 1e6;
      const before: number[] = [];
      const after: number[] = [];
      for (let r = 0; r <= reps; r++) {
        const a = nowNs();
        if ((await listByParsingAll(dir)) !== FLOWS) throw new Error('listing lost flows');
        const b = nowNs();
        if ((await repo.list()).length !== FLOWS) throw new Error('index lost flows');
        const c = nowNs();
        if (r === 0) continue; // warm-up
        before.push(Number(b - a) / 1e6);
        after.push(Number(c - b) / 1e6);
      }
      const parseMs = median(before);
      const indexMs = median(after);
      return {
        rows: [
          { metric: `list ${FLOWS} flows, parsing every file`, value: `${parseMs.toFixed(1)} ms` },
          { metric: `list ${FLOWS} flows, from the index`, value: `${indexMs.toFixed(3)} ms` },
          { metric: 'index built once at startup', value: `${buildMs.toFixed(0)} ms` },
        ],
        metrics: { flows: FLOWS, parseAllMs: parseMs, indexMs, buildMs },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
