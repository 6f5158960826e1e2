import { describe, expect, test } from 'vitest';
import { formatProblem } from '../flow/format-problems.js';
import { parseFlow } from '../flow/parse.js';

const v1 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, amount: { type: 'number' } },
  required: ['orderId', 'amount'],
};
const v2 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'number' } },
  required: ['orderId', 'total'],
};
const V2_PAYLOAD = '{"orderId": "o" + string(seq), "total": 10}';

type Doc = Record<string, unknown>;
function flow(opts: { producer?: Doc; billing?: Doc; schemas?: unknown } = {}): Doc {
  return {
    format: 'eventflow.flow',
    version: 1,
    name: 'schemas',
    schemas: opts.schemas ?? [
      {
        eventType: 'OrderPlaced',
        versions: [
          { version: 1, schema: v1 },
          { version: 2, schema: v2 },
        ],
      },
    ],
    nodes: [
      {
        id: 'shop',
        kind: 'producer',
        config: { eventType: 'OrderPlaced', schemaVersion: 2, payload: V2_PAYLOAD, ...opts.producer },
      },
      { id: 'orders', kind: 'topic', config: {} },
      {
        id: 'billing',
        kind: 'consumer',
        config: { reads: [{ eventType: 'OrderPlaced', versions: [1] }], ...opts.billing },
      },
      { id: 'shipping', kind: 'consumer', config: { reads: [{ eventType: 'OrderPlaced', versions: [2] }] } },
    ],
    edges: [
      { id: 'e1', source: 'shop', target: 'orders' },
      { id: 'e2', source: 'orders', target: 'billing' },
      { id: 'e3', source: 'orders', target: 'shipping' },
    ],
  };
}
const problems = (doc: Doc) => {
  const r = parseFlow(doc);
  return (r.ok ? r.warnings : r.problems).map(formatProblem);
};

describe('design-time schema checks', () => {
  test('an incompatible v2 names the registry version and the one consumer it breaks', () => {
    expect(problems(flow())).toEqual([
      'schemas[0].versions[1].schema: OrderPlaced v2 is not backward compatible with v1: data.total is required by v2, v1 does not have it (warning)',
      "nodes[2].config.reads[0]: consumer 'billing' cannot read OrderPlaced v2 read as v1 from 'shop': data.amount is required by v1, v2 does not have it (warning)",
    ]);
  });

  test('a compatible change (v2 keeps amount beside total) breaks nobody', () => {
    const both = {
      ...v2,
      properties: { ...v2.properties, amount: { type: 'number' } },
      required: ['orderId', 'amount'],
    };
    const schemas = [
      {
        eventType: 'OrderPlaced',
        compatibility: 'full',
        versions: [
          { version: 1, schema: v1 },
          { version: 2, schema: both },
        ],
      },
    ];
    expect(
      problems(flow({ schemas, producer: { payload: '{"orderId": "o", "amount": 1, "total": 1}' } })),
    ).toEqual([]);
  });

  test('an upcaster that builds v1 silences the consumer warning; one that does not is named', () => {
    const up = (payload: string) => ({ upcasters: [{ eventType: 'OrderPlaced', from: 2, payload }] });
    const good = problems(flow({ billing: up('{"orderId": data.orderId, "amount": data.total}') }));
    expect(good.filter((p) => p.includes('billing'))).toEqual([]);
    expect(problems(flow({ billing: up('{"orderId": data.orderId}') }))).toContain(
      "nodes[2].config.upcasters[0].payload: consumer 'billing' cannot read OrderPlaced v2 read as v1 through upcasters[0] from 'shop': the upcaster builds data.amount is required (warning)",
    );
  });

  test('a producer whose payload cannot satisfy its own schema is an error at its payload', () => {
    const r = parseFlow(flow({ producer: { payload: '{"orderId": seq, "total": 10}' } }));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
      'nodes[0].config.payload: the payload does not satisfy OrderPlaced v2 (event seq 1): data.orderId must be string, not number',
    ]);
  });

  test('versions that are not registered are errors at the field naming them', () => {
    const r = parseFlow(
      flow({
        producer: { schemaVersion: 3 },
        billing: { reads: [{ eventType: 'OrderPlaced', versions: [1, 4] }] },
      }),
    );
    expect(r.ok ? [] : r.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
      'nodes[0].config.schemaVersion: OrderPlaced has no version 3 (registered: v1, v2)',
      'nodes[2].config.reads[0].versions: OrderPlaced has no version 4 (registered: v1, v2)',
    ]);
  });

  test('a malformed schema and a version out of order are reported at their paths', () => {
    const paths = (versions: unknown[]) => {
      const r = parseFlow(
        flow({ schemas: [{ eventType: 'OrderPlaced', versions }], producer: { schemaVersion: 1 } }),
      );
      return r.ok ? [] : r.problems.map((p) => p.path);
    };
    expect(paths([{ version: 1, schema: { type: 'text' } }])).toContain('schemas[0].versions[0].schema.type');
    expect(
      paths([
        { version: 2, schema: v2 },
        { version: 1, schema: v1 },
      ]),
    ).toContain('schemas[0].versions[1].version');
  });

  test('without schemas nothing is checked but reads that name an unregistered type', () => {
    expect(problems({ ...flow(), schemas: undefined })).toEqual([
      "nodes[2].config.reads[0].eventType: no schema is registered for 'OrderPlaced' (warning)",
      "nodes[3].config.reads[0].eventType: no schema is registered for 'OrderPlaced' (warning)",
    ]);
  });
});
