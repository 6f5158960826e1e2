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
import { createFlowIndex, type IndexEntry } from './flow-index.js';

/** What the repo reads from disk; injected so tests can count the reads a listing makes. */
export interface LibraryFiles {
  readdir(dir: string): Promise<string[]>;
  readFile(file: string): Promise<string>;
}

export interface DiskFlowRepoOptions {
  dir: string;
  /** Epoch ms; injected so tests can pin it. */
  now: () => number;
  newId: () => string;
  /** Most flows the library holds (default 1000). */
  maxFlows?: number;
  /** Most bytes the stored files may add up to (default 100 MB). */
  maxBytes?: number;
  files?: LibraryFiles;
}

export const DEFAULT_MAX_FLOWS = 1000;
export const DEFAULT_MAX_LIBRARY_BYTES = 100 * 2 ** 20;

const nodeFiles: LibraryFiles = {
  readdir: (dir) => readdir(dir),
  readFile: (file) => readFile(file, 'utf8'),
};

const listItem = ({ id, name, description, revision, updated }: StoredFlow): FlowListItem =>
  description === undefined ? { id, name, revision, updated } : { id, name, description, revision, updated };

/**
 * One JSON file per flow (`<id>.json`), each write atomic; writes to one id are serialised in-process. Every
 * file is read once at startup into an index that listings, revision checks and the quota are answered
 * from; this process is the library's only writer.
 */
export async function createDiskFlowRepo(opts: DiskFlowRepoOptions): Promise<FlowRepo> {
  const files = opts.files ?? nodeFiles;
  const maxFlows = opts.maxFlows ?? DEFAULT_MAX_FLOWS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_LIBRARY_BYTES;
  await mkdir(opts.dir, { recursive: true });
  // Temp files are only left behind by a crash mid-write; the previous version is intact beside them.
  for (const name of await files.readdir(opts.dir)) {
    if (name.startsWith('.') && name.endsWith('.tmp'))
      await unlink(path.join(opts.dir, name)).catch(() => undefined);
  }
  const locks = new Map<string, Promise<unknown>>();

  const fileOf = (id: string) => {
    if (!FLOW_ID_PATTERN.test(id)) throw new Error(`bad flow id ${JSON.stringify(id)}`);
    return path.join(opts.dir, `${id}.json`);
  };

  async function read(id: string): Promise<{ stored: StoredFlow; bytes: number } | undefined> {
    if (!FLOW_ID_PATTERN.test(id)) return undefined;
    try {
      const text = await files.readFile(fileOf(id));
      return { stored: JSON.parse(text) as StoredFlow, bytes: Buffer.byteLength(text) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  const index = createFlowIndex();
  for (const name of await files.readdir(opts.dir)) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const found = await read(name.slice(0, -'.json'.length)).catch(() => undefined);
    if (found) index.set({ ...listItem(found.stored), created: found.stored.created, bytes: found.bytes });
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

  const size = (bytes: number) =>
    bytes < 2 ** 20 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const quotaMessage = (bytes: number) =>
    `the flow library is full: storing this flow (${size(bytes)}) would pass the ${size(maxBytes)} ` +
    `the library may hold (${size(index.bytes())} in use); delete some flows first`;

  /**
   * Checks the quota (count for a new flow, bytes for any), updates the index, then writes: the index entry is taken before the write starts, so
   * concurrent writes cannot together pass the quota. A failed write puts the old entry back.
   */
  async function store(stored: StoredFlow, previous: IndexEntry | undefined): Promise<WriteOutcome> {
    if (!previous && index.size() >= maxFlows) {
      return {
        ok: false,
        code: 'quota-exceeded',
        message: `the flow library is full: it holds ${index.size()} flows, at most ${maxFlows}; delete some first`,
      };
    }
    const text = `${JSON.stringify(stored, null, 2)}\n`;
    const bytes = Buffer.byteLength(text);
    if (index.bytes() - (previous?.bytes ?? 0) + bytes > maxBytes)
      return { ok: false, code: 'quota-exceeded', message: quotaMessage(bytes) };
    index.set({ ...listItem(stored), created: stored.created, bytes });
    try {
      await writeFileAtomic(fileOf(stored.id), text);
    } catch (err) {
      if (previous) index.set(previous);
      else index.delete(stored.id);
      throw err;
    }
    return { ok: true, id: stored.id, revision: stored.revision };
  }

  return {
    list: () => Promise.resolve(index.list()),
    get: async (id) => (await read(id))?.stored,
    create(flow, meta) {
      const id = opts.newId();
      const at = opts.now();
      return withLock(id, () =>
        store({ id, ...meta, revision: 1, created: at, updated: at, flow }, undefined),
      );
    },
    update(id, baseRevision, flow, meta) {
      return withLock(id, async (): Promise<WriteOutcome> => {
        const current = index.get(id);
        if (!current) return { ok: false, code: 'not-found' };
        if (current.revision !== baseRevision)
          return { ok: false, code: 'conflict', revision: current.revision };
        const revision = current.revision + 1;
        return store({ id, ...meta, revision, created: current.created, updated: opts.now(), flow }, current);
      });
    },
    remove(id, baseRevision) {
      return withLock(id, async (): Promise<WriteOutcome> => {
        const current = index.get(id);
        if (!current) return { ok: false, code: 'not-found' };
        if (current.revision !== baseRevision)
          return { ok: false, code: 'conflict', revision: current.revision };
        await unlink(fileOf(id));
        index.delete(id);
        return { ok: true, id, revision: current.revision };
      });
    },
  };
}
