import { describe, expect, it } from 'vitest';
import type { FlowDoc } from '@eventflow/shared';
import { freeName } from './save-as';
import { chainDoc, createHarness } from './test-docs';

const A = chainDoc('Orders', 'a');
const names = (h: ReturnType<typeof createHarness>) =>
  [...h.api.flows.values()].map((f) => (f.flow as FlowDoc).name).sort();

async function withOrdersSaved() {
  const h = createHarness(A);
  await h.api.createFlow({ ...A, name: 'Orders' });
  return h;
}

describe('saving under a name the library already has', () => {
  it('asks first and saves nothing', async () => {
    const h = await withOrdersSaved();
    const r = await h.session.saveAs('orders ');
    expect(r).toMatchObject({ taken: { id: 'flow-1', name: 'Orders' } });
    expect(names(h)).toEqual(['Orders']);
  });

  it('Replace overwrites that flow, and the document becomes it', async () => {
    const h = await withOrdersSaved();
    h.store.getState().setName('Orders');
    expect(await h.session.saveAs('Orders', 'replace')).toEqual({ saved: 'Orders' });
    expect(names(h)).toEqual(['Orders']);
    expect(h.api.flows.get('flow-1')?.revision).toBe(2);
    expect(h.store.getState()).toMatchObject({ flowId: 'flow-1', revision: 2, dirty: false });
  });

  it('Keep both saves this one under the first free name', async () => {
    const h = await withOrdersSaved();
    await h.api.createFlow({ ...A, name: 'Orders (2)' });
    expect(await h.session.saveAs('Orders', 'keep-both')).toEqual({ saved: 'Orders (3)' });
    expect(names(h)).toEqual(['Orders', 'Orders (2)', 'Orders (3)']);
    expect(h.store.getState().meta.name).toBe('Orders (3)');
  });

  it('a free name is saved at once, and a first Save of a taken name asks in Save as', async () => {
    const h = await withOrdersSaved();
    expect(await h.session.saveAs('Payments')).toEqual({ saved: 'Payments' });
    const fresh = createHarness(A);
    await fresh.api.createFlow(A);
    expect(await fresh.session.save()).toBe(false);
    expect(fresh.store.getState().dialog).toEqual({ type: 'save-as' });
    expect(names(fresh)).toEqual(['Orders']);
  });

  it('freeName skips every suffix already used', () => {
    expect(freeName('A', [{ name: 'A' }, { name: 'a (2)' }])).toBe('A (3)');
  });
});
