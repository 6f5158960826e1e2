import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chainFlow } from '../transport/test-support.js';
import { createDiskFlowRepo, type LibraryFiles } from './disk-flow-repo.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eventflow-repo-'));
  dirs.push(dir);
  return dir;
}

/** The real file system, counting every read. */
function countingFiles() {
  const counts = { readdir: 0, readFile: 0 };
  const files: LibraryFiles = {
    readdir: (dir) => (counts.readdir++, readdir(dir)),
    readFile: (file) => (counts.readFile++, readFile(file, 'utf8')),
  };
  return { counts, files };
}

const stored = (id: string, revision: number, updated: number) =>
  JSON.stringify({ id, name: `Flow ${id}`, revision, created: 1, updated, flow: chainFlow });

describe('disk flow repo', () => {
  it('reads 1,000 stored flows once at start and lists them without reading a file', async () => {
    const dir = await scratch();
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) => writeFile(path.join(dir, `f${i}.json`), stored(`f${i}`, 1, i))),
    );
    const { counts, files } = countingFiles();
    const repo = await createDiskFlowRepo({
      dir,
      now: () => 5000,
      newId: () => 'new',
      files,
      maxFlows: 2000,
    });
    expect(counts.readFile).toBe(1000);
    const atStart = { ...counts };
    for (let i = 0; i < 10; i++) expect(await repo.list()).toHaveLength(1000);
    expect(counts).toEqual(atStart);
    expect((await repo.list())[0]).toEqual({ id: 'f999', name: 'Flow f999', revision: 1, updated: 999 });
  });

  it('keeps the index true to the disk through creates, updates and deletes', async () => {
    const dir = await scratch();
    let n = 0;
    const opts = { dir, now: () => 100 + n, newId: () => `id-${++n}` };
    const repo = await createDiskFlowRepo(opts);
    const a = await repo.create(chainFlow, { name: 'A' });
    const b = await repo.create(chainFlow, { name: 'B', description: 'second' });
    if (!a.ok || !b.ok) throw new Error('create failed');
    expect(await repo.update(a.id, 1, chainFlow, { name: 'A2' })).toMatchObject({ ok: true, revision: 2 });
    expect(await repo.update(a.id, 1, chainFlow, { name: 'A3' })).toEqual({
      ok: false,
      code: 'conflict',
      revision: 2,
    });
    expect(await repo.remove(b.id, 2)).toEqual({ ok: false, code: 'conflict', revision: 1 });
    const listed = await repo.list();
    expect(listed.map((f) => [f.id, f.name, f.revision])).toEqual([
      [a.id, 'A2', 2],
      [b.id, 'B', 1],
    ]);
    expect(await (await createDiskFlowRepo(opts)).list()).toEqual(listed);
    expect(await repo.remove(b.id, 1)).toMatchObject({ ok: true });
    expect((await repo.list()).map((f) => f.id)).toEqual([a.id]);
    expect(await readdir(dir)).toEqual([`${a.id}.json`]);
  });

  it('lets concurrent creates fill the library exactly to its count', async () => {
    const dir = await scratch();
    let n = 0;
    const repo = await createDiskFlowRepo({ dir, now: () => 1, newId: () => `c${++n}`, maxFlows: 5 });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => repo.create(chainFlow, { name: 'X' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === 'quota-exceeded')).toHaveLength(7);
    expect(await readdir(dir)).toHaveLength(5);
  });
});
