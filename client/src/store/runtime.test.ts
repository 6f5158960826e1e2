import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';

const nats = { id: 'nats' as const, label: 'NATS JetStream', address: 'nats://127.0.0.1:4222', limits: [] };
const simulator = { id: 'simulator' as const, label: 'Simulator', limits: [] };

describe('runtime choice', () => {
  it('starts on the simulator and keeps a broker the server offers', () => {
    const store = createAppStore();
    expect(store.getState().runtime).toBe('simulator');
    store.getState().setRuntimes([simulator, nats]);
    store.getState().setRuntime('nats');
    store.getState().setRuntimes([simulator, nats]);
    expect(store.getState().runtime).toBe('nats');
  });

  it('falls back to the simulator when the server stops offering the picked broker', () => {
    const store = createAppStore();
    store.getState().setRuntimes([simulator, nats]);
    store.getState().setRuntime('nats');
    store.getState().setRuntimes([simulator]);
    expect(store.getState().runtime).toBe('simulator');
  });
});
