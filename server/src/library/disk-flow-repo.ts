import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  FLOW_ID_PATTERN,
  type FlowListItem,
  type FlowRepo,
  type StoredFlow,
  type WriteOutcome,
} from '../ports/flow-repo.js';
import { writeFileAtomic } from './atomic-write.js';

export interface DiskFlowRepoOptions {
  dir: string;
  /** Epoch ms; injected so tests can pin it. */
  now: () => number;
  newId: () => string;
}

/** One JSON file per flow (`<id>.json`), each write atomic; writes to one id are serialised in-process. */
export async function createDiskFlowRepo(opts: DiskFlowRepoOptions): Promise<FlowRepo> {
  await mkdir(opts.dir, { recursive: true });
  // Temp files are only left behind by a crash mid-write; the previous version is intact beside them.
  for (const name of await readdir(opts.dir)) {
    if (name.startsWith('.') && name.endsWith('.tmp'))
      await unlink(path.join(opts.dir, name)).catch(() => undefined);
  }
  const locks = new Map<string, Promise<unknown>>();

  const fileOf = (id: string) => {
    if (!FLOW_ID_PATTERN.test(id)) throw new Error(`bad flow id ${JSON.stringify(id)}`);
    return path.join(opts.dir, `${id}.json`);
  };

  async function read(id: string): Promise<StoredFlow | undefined> {
    if (!FLOW_ID_PATTERN.test(id)) return undefined;
    try {
      return JSON.parse(await readFile(fileOf(id), 'utf8')) as StoredFlow;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  function withLock<T>(id: string, work: () => Promise<T>): Promise<T> {
    const prev = locks.get(id) ?? Promise.resolve();
    const next = prev.then(work, work);
    const settled = next.catch(() => undefined);
    locks.set(id, settled);
    void settled.then(() => {
      if (locks.get(id) === settled) locks.delete(id);
    });
    return next;
  }

  const write = (stored: StoredFlow) =>
    writeFileAtomic(fileOf(stored.id), `${JSON.stringify(stored, null, 2)}\n`);

  return {
    async list() {
      const names = (await readdir(opts.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
      const items: FlowListItem[] = [];
      for (const name of names) {
        const stored = await read(name.slice(0, -'.json'.length)).catch(() => undefined);
        if (!stored) continue;
        const { id, name: flowName, description, revision, updated } = stored;
        items.push(
          description === undefined
            ? { id, name: flowName, revision, updated }
            : { id, name: flowName, description, revision, updated },
        );
      }
      return items.sort((a, b) => b.updated - a.updated || a.id.localeCompare(b.id));
    },
    get: read,
    async create(flow, meta) {
      const id = opts.newId();
      const at = opts.now();
      await withLock(id, () => write({ id, ...meta, revision: 1, created: at, updated: at, flow }));
      return { id, revision: 1 };
    },
    update(id, baseRevision, flow, meta) {
      return withLock(id, async (): Promise<WriteOutcome> => {
        const current = await read(id);
        if (!current) return { ok: false, code: 'not-found' };
        if (current.revision !== baseRevision)
          return { ok: false, code: 'conflict', revision: current.revision };
        const revision = current.revision + 1;
        await write({ id, ...meta, revision, created: current.created, updated: opts.now(), flow });
        return { ok: true, id, revision };
      });
    },
    remove(id, baseRevision) {
      return withLock(id, async (): Promise<WriteOutcome> => {
        const current = await read(id);
        if (!current) return { ok: false, code: 'not-found' };
        if (baseRevision !== undefined && current.revision !== baseRevision) {
          return { ok: false, code: 'conflict', revision: current.revision };
        }
        await unlink(fileOf(id));
        return { ok: true, id, revision: current.revision };
      });
    },
  };
}
