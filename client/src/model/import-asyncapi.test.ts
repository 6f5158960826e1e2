import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flowToAsyncApi, parseFlow } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { parseImport } from './import-flow';
import { exportStandard } from './standards-export';

const parsed = parseFlow(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../../examples/retries-dead-letter.flow.json', import.meta.url)),
      'utf8',
    ),
  ),
);
if (!parsed.ok) throw new Error('the example is invalid');
const flow = parsed.flow;
const STREETLIGHTS = new URL('../../../shared/fixtures/asyncapi/streetlights-2.6.yaml', import.meta.url);
const ids = (r: ReturnType<typeof parseImport>) => (r.ok ? r.doc.nodes.map((n) => n.id).sort() : []);

describe('importing an AsyncAPI document', () => {
  it('reads the exported YAML and JSON back into the same nodes', () => {
    const want = flow.nodes.map((n) => n.id).sort();
    for (const format of ['asyncapi-yaml', 'asyncapi-json'] as const) {
      const r = parseImport(exportStandard(flow, format).text);
      expect(r.ok).toBe(true);
      expect(ids(r)).toEqual(want);
    }
  });

  it('says why a document cannot become a flow', () => {
    const doc = { ...flowToAsyncApi(flow), asyncapi: '1.2.0' };
    expect(parseImport(JSON.stringify(doc))).toEqual({
      ok: false,
      title: 'This AsyncAPI document cannot be imported',
      problems: [
        { path: '', message: 'asyncapi: only AsyncAPI 3.x documents can be imported', severity: 'error' },
      ],
    });
  });

  it('converts a real AsyncAPI 2.6 document (Streetlights, YAML) to 3.0 and imports it', () => {
    const r = parseImport(readFileSync(fileURLToPath(STREETLIGHTS), 'utf8'));
    expect(r.ok && r.doc.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual([
      'smartylighting.streetlights.1.0.event.-streetlightId-.lighti:topic',
      'smartylighting.streetlights.1.0.action.-streetlightId-.dim:topic',
      'receiveLightMeasurement:producer',
      'dimLight:consumer',
    ]);
  });

  it('still calls other text no JSON file', () => {
    const r = parseImport('name: not a flow\n');
    expect(r.ok === false && r.title).toBe('This is not a JSON file');
  });
});
