import { expect, test } from '../fixtures';
import { RunPanel, TraceClient } from '../pages/run-panel';

// A run starts in a worker thread; on a busy machine that alone can take seconds.
test.setTimeout(120_000);

test('a new user draws a router with two rules, wires each rule handle to a topic with a consumer, runs it and steps an event through the branch it took', async ({
  designer,
  inspector,
  page,
  baseURL,
  pageErrors,
}) => {
  test.slow();
  for (const kind of ['Producer', 'Router', 'Topic', 'Topic', 'Consumer', 'Consumer'] as const)
    await designer.add(kind);
  await expect(designer.nodes()).toHaveCount(6);

  await designer.node('Producer 1').click();
  await inspector.set(/^Rate/, '20');
  await inspector.set(/^Stop after/, '6');

  // The router starts with two rules; make them "Even" and "Odd" CEL conditions over the producer's data.
  await designer.node('Router 1').click();
  for (const [i, name, condition] of [
    [1, 'Even', 'int(data.seq) % 2 == 0'],
    [2, 'Odd', 'int(data.seq) % 2 == 1'],
  ] as const) {
    const rule = inspector.root.getByRole('group', { name: new RegExp(`^Rule ${i}: `) });
    await rule.getByLabel('Matches on').selectOption('cel');
    await rule.getByLabel('Condition').fill(condition);
    await rule.getByLabel('Label').fill(name);
  }
  await expect(designer.node('Router 1').getByText('Even', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Rule Odd of Router 1', { exact: true })).toBeVisible();

  // Every rule handle in view before drawing from it.
  await page.getByRole('button', { name: 'Fit view' }).click();
  await designer.connect('Producer 1', 'Router 1');
  await designer.connectHandle('Rule Even of Router 1', 'Topic 1');
  await designer.connectHandle('Rule Odd of Router 1', 'Topic 2');
  await designer.connect('Topic 1', 'Consumer 1');
  await designer.connect('Topic 2', 'Consumer 2');
  await expect(designer.edges()).toHaveCount(5);
  await expect(designer.status).toContainText('No problems');

  const run = new RunPanel(page);
  await run.setSpeed('10');
  await run.button('Play').click();
  await expect(run.controls).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await run.backToEvents();
  const runId = await run.runId();
  const server = await TraceClient.connect(baseURL ?? '', await run.sessionToken());
  try {
    const hops = await server.allHops(runId);
    const odd = hops.find(
      (h) => h.type === 'routed' && h.node === 'router-1' && /^rule 'Odd'/.test(h.reason ?? ''),
    );
    expect(odd, 'an event the Odd rule routed').toBeTruthy();
    const path = await server.path(runId, odd!.event);
    await run.row(odd!.event).click();
    const nodes = await run.hopNodes();
    // The card names each hop's node by its label: producer → router → the Odd rule's topic → its consumer.
    expect([...new Set(nodes)]).toEqual(['Producer 1', 'Router 1', 'Topic 2', 'Consumer 2']);
    expect(nodes).toHaveLength(path.hops.length);
    // Back at the router's hop, the card says which rule sent it.
    await run.stepper.getByRole('button', { name: 'Previous hop' }).click();
    while (((await page.getByTestId('hop.hop').textContent()) ?? '') !== 'routed')
      await run.stepper.getByRole('button', { name: 'Previous hop' }).click();
    await expect(run.currentNode()).toHaveAttribute('data-node-id', 'router-1');
    await expect(page.getByTestId('hop.reason')).toHaveText("rule 'Odd' (int(data.seq) % 2 == 1) matched");
    // The highlighted path is the branch the event took, and not the other rule's.
    const marked = await run
      .pathNodes()
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id') ?? '').sort());
    expect(marked).toEqual(['consumer-2', 'producer-1', 'router-1', 'topic-2']);
    await expect(page.getByTestId('explain.consumer-1')).toContainText('Router 1 sent it elsewhere');
  } finally {
    server.close();
  }
  expect(pageErrors).toEqual([]);
});
