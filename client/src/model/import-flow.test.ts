import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportFileName, parseImport, serializeFlow } from './import-flow';
import { createAppStore } from '../store/store';
import { validateDoc } from '../store/validate';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

describe('import parsing', () => {
  it('reports bad JSON as one problem', () => {
    const r = parseImport('{ nope');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toHaveLength(1);
  });

  it('lists every schema problem with its path', () => {
    const r = parseImport(
      JSON.stringify({
        format: 'eventflow.flow',
        version: 1,
        name: '',
        nodes: [{ id: 't', kind: 'topic', config: { partitions: 0 } }],
        edges: [],
      }),
    );
    expect(r.ok).toBe(false);
    const paths = !r.ok ? r.problems.map((p) => p.path.replace(/\[(\d+)\]/g, '.$1')) : [];
    expect(paths).toEqual(expect.arrayContaining(['name', 'nodes.0.config.partitions']));
  });

  it('refuses a newer format version with a message that says so', () => {
    const r = parseImport(
      JSON.stringify({ format: 'eventflow.flow', version: 2, name: 'x', nodes: [], edges: [] }),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.title).toMatch(/newer Eventflow/);
    expect(!r.ok && r.problems[0]).toMatchObject({
      path: 'version',
      message: expect.stringMatching(/version 2/),
    });
  });

  it('export → import round-trips the store document exactly', () => {
    const store = createAppStore();
    const p = store.getState().addNode('producer', { x: 12.5, y: 7 });
    const t = store.getState().addNode('topic', { x: 300, y: 7 });
    store.getState().onConnect({ source: p, target: t, sourceHandle: null, targetHandle: null });
    const exported = serializeFlow(store.getState().present);
    const r = parseImport(exported);
    expect(r.ok && r.doc).toEqual(store.getState().present);
    const other = createAppStore();
    if (r.ok) other.getState().loadDoc(r.doc, { flowId: null, revision: null, saved: false });
    expect(other.getState().presentJson).toBe(store.getState().presentJson);
  });

  it("loads an imported flow with the import's own check: the problems a fresh validation finds", () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.flow.json'));
    // A flow without positions (filled in on loading) and one whose filters warn.
    const unplaced = {
      format: 'eventflow.flow',
      version: 1,
      name: 'Unplaced',
      nodes: [
        { id: 'p', kind: 'producer', config: { eventType: 'A', payload: '{"id": 1}' } },
        { id: 't', kind: 'topic', config: {} },
        { id: 'f', kind: 'filter', config: { expression: 'data.total > 1' } },
        { id: 'g', kind: 'filter', config: { expression: 'data.total > 1' } },
        { id: 'c', kind: 'consumer', config: {} },
      ],
      edges: [
        { id: 'e0', source: 'p', target: 't' },
        { id: 'e1', source: 't', target: 'f' },
        { id: 'e2', source: 't', target: 'g' },
        { id: 'e3', source: 'f', target: 'c' },
        { id: 'e4', source: 'g', target: 'c' },
      ],
    };
    const texts = [...files.map((f) => readFileSync(EXAMPLES + f, 'utf8')), JSON.stringify(unplaced)];
    for (const text of texts) {
      const r = parseImport(text);
      if (!r.ok) throw new Error(`${r.title}: ${r.problems.map((p) => p.message).join('; ')}`);
      const store = createAppStore();
      store.getState().loadDoc(r.doc, { flowId: null, revision: null, saved: false }, r.checked);
      expect(store.getState().validation).toEqual(validateDoc(store.getState().present));
      if (r.doc.name === 'Unplaced') expect(store.getState().validation.problems.length).toBeGreaterThan(1);
    }
  });

  it('names export files after the flow', () => {
    expect(exportFileName('Checkout Flow!')).toBe('checkout-flow.flow.json');
    expect(exportFileName('  ')).toBe('flow.flow.json');
    expect(exportFileName('Fan out', 'png')).toBe('fan-out.png');
  });
});

describe('importing unfinished work', () => {
  it('refuses a schema-valid flow with graph problems but keeps it for "Open anyway"', () => {
    const r = parseImport(
      JSON.stringify({
        format: 'eventflow.flow',
        version: 1,
        name: 'wip',
        nodes: [{ id: 'f', kind: 'filter', config: { expression: 'true' } }],
        edges: [],
      }),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['nodes[0]', 'nodes[0]']);
    expect(!r.ok && r.doc?.nodes.map((n) => n.id)).toEqual(['f']);
  });

  it('reports a dangling edge by path and does not offer a document that misses the schema', () => {
    const dangling = parseImport(
      JSON.stringify({
        format: 'eventflow.flow',
        version: 1,
        name: 'dangling',
        nodes: [{ id: 't', kind: 'topic', config: {} }],
        edges: [{ id: 'e', source: 't', target: 'ghost' }],
      }),
    );
    expect(!dangling.ok && dangling.problems).toContainEqual(
      expect.objectContaining({ path: 'edges[0].target', message: "no node 'ghost'" }),
    );
    expect(!dangling.ok && dangling.doc).toBeTruthy();
    const broken = parseImport(JSON.stringify({ format: 'eventflow.flow', version: 1, name: '', nodes: [] }));
    expect(!broken.ok && broken.doc).toBeUndefined();
  });

  it('keeps warnings alone from stopping an import', () => {
    const r = parseImport(
      JSON.stringify({
        format: 'eventflow.flow',
        version: 1,
        name: 'lonely topic',
        nodes: [{ id: 't', kind: 'topic', config: {} }],
        edges: [],
      }),
    );
    expect(r.ok && r.warnings.map((w) => w.severity)).toEqual(['warning']);
  });

  it('migrates a version 0 file', () => {
    const r = parseImport(JSON.stringify({ version: 0, name: 'old', nodes: [], edges: [] }));
    expect(r.ok && r.doc).toMatchObject({ format: 'eventflow.flow', version: 1, name: 'old' });
  });
});
