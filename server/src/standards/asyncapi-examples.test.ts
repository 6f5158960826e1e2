import { Parser, DiagnosticSeverity, type Diagnostic } from '@asyncapi/parser';
import { applicationToAsyncApi, flowToAsyncApi, type AsyncApiBroker } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { loadExampleFlows } from './test-examples.js';

const EXAMPLES = loadExampleFlows();
const parser = new Parser();

/** Every diagnostic but hints: errors, warnings and information all mean the export is not clean. */
async function diagnosticsOf(doc: unknown): Promise<string[]> {
  const { diagnostics } = await parser.parse(JSON.stringify(doc));
  return diagnostics
    .filter((d: Diagnostic) => d.severity !== DiagnosticSeverity.Hint)
    .map(
      (d: Diagnostic) =>
        `${DiagnosticSeverity[d.severity]} ${String(d.code)} at ${d.path.join('.')}: ${d.message}`,
    );
}

// Between them: routers, filters, emits, compensation, dead-letter queues and a webhook.
const VARIED = [
  'compensated-saga.flow.json',
  'flaky-webhook.flow.json',
  'retries-dead-letter.flow.json',
  'routing-by-key.flow.json',
];

describe('AsyncAPI export validated by @asyncapi/parser', () => {
  it('finds errors in a broken document (the check can fail)', async () => {
    const doc = flowToAsyncApi(EXAMPLES[0]!.flow, { version: '3.1.0' });
    const broken = {
      ...doc,
      channels: { x: { address: 'x', messages: { m: { $ref: '#/components/messages/nope' } } } },
    };
    expect((await diagnosticsOf(broken)).some((d) => d.startsWith('Error'))).toBe(true);
  });

  it.each(EXAMPLES)('$file has no diagnostics at all', async ({ flow }) => {
    expect(await diagnosticsOf(flowToAsyncApi(flow, { version: '3.1.0' }))).toEqual([]);
  });

  it.each(['kafka', 'amqp', 'mqtt', 'nats'] satisfies AsyncApiBroker[])(
    'varied examples have no diagnostics with a %s server and its bindings',
    async (server) => {
      for (const file of VARIED) {
        const flow = EXAMPLES.find((x) => x.file === file)?.flow;
        if (!flow) throw new Error(`${file} missing`);
        const problems = await diagnosticsOf(flowToAsyncApi(flow, { server, version: '3.1.0' }));
        expect({ file, problems }).toEqual({ file, problems: [] });
      }
    },
  );

  it('each application of an example is a clean document of its own', async () => {
    const flow = EXAMPLES.find((x) => x.file === 'compensated-saga.flow.json')?.flow;
    if (!flow) throw new Error('example missing');
    for (const n of flow.nodes) {
      const doc = applicationToAsyncApi(flow, n.id, { version: '3.1.0' });
      if (doc)
        expect({ node: n.id, problems: await diagnosticsOf(doc) }).toEqual({ node: n.id, problems: [] });
    }
  });

  it('the default 3.0.0 document differs only by the notice that 3.1.0 exists', async () => {
    const flow = EXAMPLES.find((x) => x.file === 'compensated-saga.flow.json')?.flow;
    if (!flow) throw new Error('example missing');
    const problems = await diagnosticsOf(flowToAsyncApi(flow));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Information asyncapi-latest-version at asyncapi: .*"3\.1\.0"/);
  });
});
