import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseFlow } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_FILE, FLOW_SCHEMA_ID, flowJsonSchemaText } from './flow-json-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const committed = readFileSync(path.join(root, FLOW_SCHEMA_FILE), 'utf8');
const schema = JSON.parse(committed) as { $id: string; $schema: string };

// Strict: an unknown keyword or a type mistake in the generated schema fails here rather than being ignored.
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

const EXAMPLES = readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.flow.json'))
  .sort();
const readExample = (file: string): unknown =>
  JSON.parse(readFileSync(path.join(root, 'examples', file), 'utf8'));
const errorsOf = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => e.instancePath));

const topic = (config: Record<string, unknown>) => ({
  format: 'eventflow.flow',
  version: 1,
  name: 'One topic',
  nodes: [{ id: 't', kind: 'topic', label: 'T', position: { x: 0, y: 0 }, config }],
  edges: [],
});

describe(FLOW_SCHEMA_FILE, () => {
  it('is what `npm run schema` generates from the zod schema now (run it when this fails)', () => {
    expect(committed).toBe(flowJsonSchemaText());
  });

  it('is a draft 2020-12 schema published under a versioned $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(FLOW_SCHEMA_ID);
    expect(schema.$id).toMatch(/\.v1\.schema\.json$/);
  });

  it.each(EXAMPLES)('accepts %s (ajv, draft 2020-12)', (file) => {
    expect(errorsOf(readExample(file))).toEqual([]);
  });

  it('rejects what the format forbids (the check can fail)', () => {
    expect(errorsOf(topic({}))).toEqual([]);
    expect(errorsOf(topic({ partitions: 0 }))).toContain('/nodes/0/config/partitions');
    expect(errorsOf({ ...topic({}), version: 2 })).toContain('/version');
    expect(errorsOf({ ...topic({}), extra: true })).not.toEqual([]);
    const { name: _name, ...nameless } = topic({});
    expect(errorsOf(nameless)).not.toEqual([]);
  });

  it('cannot see refinements: they stay with parseFlow (docs/standards.md)', () => {
    const minOverMax = {
      ...topic({}),
      nodes: [
        {
          id: 'c',
          kind: 'consumer',
          label: 'C',
          position: { x: 0, y: 0 },
          config: { processingMs: { min: 50, max: 10 } },
        },
      ],
    };
    expect(errorsOf(minOverMax)).toEqual([]);
    const parsed = parseFlow(minOverMax);
    expect(parsed.ok ? [] : parsed.problems).toContainEqual(
      expect.objectContaining({ path: 'nodes[0].config.processingMs.max', message: 'max must be ≥ min' }),
    );
  });
});
