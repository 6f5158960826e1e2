import type { FlowDoc } from '@eventflow/shared';
import { createAppStore } from '../../store/store';
import { createSession } from '.';
import { createFakeChannel, type FakeChannel } from './fake-channel';
import { chainDoc, createFakeApi, settle } from './test-docs';

export const PRESENTED = chainDoc('Orders', 'o');

export function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

/** A tab of the app on the fake server: its store, session and sessionStorage. */
export function workshopTab(fake: FakeChannel = createFakeChannel()) {
  const store = createAppStore();
  const memory = memoryStorage();
  const session = createSession({
    channel: fake.channel,
    store,
    api: createFakeApi(),
    layout: () => Promise.resolve({}),
    memory,
  });
  return { fake, store, session, memory };
}

/**
 * A room on the fake server whose presenter is "elsewhere" (driven through `fake.rooms.present`), with
 * the presenter's run `run-1` of `flow` attached, and one attendee tab that joined it.
 */
export async function attendeeInRoom(flow: FlowDoc = PRESENTED) {
  const fake = createFakeChannel();
  const created = await fake.channel.send('room:create', { flow, presenterName: 'Ada' });
  if (!created.ok) throw new Error(created.message);
  const code = created.value.code;
  const started = await fake.channel.send('run:start', { flow });
  if (!started.ok) throw new Error(started.message);
  fake.streamHops('run-1', 3);
  fake.rooms.present(code, { runId: 'run-1' });
  const tab = workshopTab(fake);
  const joined = await tab.session.joinWorkshop(code.toLowerCase(), '  Grace ');
  if (!joined.ok) throw new Error(joined.message);
  await settle();
  return { ...tab, code, runId: 'run-1' };
}
