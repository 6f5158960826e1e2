import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flowToAsyncApi, parseFlow } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportStandard } from './standards-export';

const parsed = parseFlow(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../examples/fan-out.flow.json', import.meta.url)), 'utf8'),
  ),
);
if (!parsed.ok) throw new Error('the fan-out example is invalid');
const first = { doc: parsed.flow };

describe('exportStandard', () => {
  it('names files after the flow', () => {
    expect(exportStandard(first.doc, 'asyncapi-yaml').fileName).toBe(
      'fan-out-to-independent-groups.asyncapi.yaml',
    );
  });

  it('writes a Mermaid flowchart named after the flow', () => {
    const f = exportStandard(first.doc, 'mermaid');
    expect(f.fileName).toMatch(/^[a-z0-9-]+\.mmd$/);
    expect(f.text).toContain('flowchart LR\n');
  });

  it('writes the AsyncAPI document as JSON and as YAML holding the same document', () => {
    const json = exportStandard(first.doc, 'asyncapi-json');
    const yaml = exportStandard(first.doc, 'asyncapi-yaml');
    expect(json.fileName).toMatch(/\.asyncapi\.json$/);
    expect(yaml.fileName).toMatch(/\.asyncapi\.yaml$/);
    expect(JSON.parse(json.text)).toEqual(flowToAsyncApi(first.doc));
    expect(parse(yaml.text)).toEqual(flowToAsyncApi(first.doc));
  });
});

describe('exportStandard warnings', () => {
  it('lists the event store and projection an AsyncAPI export leaves out; Mermaid carries them', () => {
    const raw = JSON.parse(
      readFileSync(new URL('../../../examples/order-ledger.flow.json', import.meta.url), 'utf8'),
    ) as unknown;
    const parsed = parseFlow(raw);
    if (!parsed.ok) throw new Error('example does not parse');
    const api = exportStandard(parsed.flow, 'asyncapi-yaml');
    expect(api.warnings.map((w) => w.path)).toEqual(['nodes.ledger', 'nodes.order-status']);
    expect(exportStandard(parsed.flow, 'mermaid').warnings).toEqual([]);
  });
});
