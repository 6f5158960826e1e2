import type { AppStore } from '../store/store';
import { api } from './api';
import { createSession, type LayoutFn, type Session } from './session';
import { getChannel } from './socket';

// One session per store: StrictMode mounts twice, and a second session would bind the socket's facts twice.
const sessions = new WeakMap<AppStore, Session>();

/** The session of this browser tab: its socket, the REST client, and the canvas's layout. */
export function tabSessionFor(store: AppStore, layout: LayoutFn): Session {
  let session = sessions.get(store);
  if (!session) {
    session = createSession({
      channel: getChannel(),
      store,
      api,
      layout,
      memory: typeof sessionStorage === 'undefined' ? null : sessionStorage,
    });
    sessions.set(store, session);
  }
  return session;
}
