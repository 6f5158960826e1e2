import { useAppStoreApi, type AppStore } from '../store/store';
import { getSocket } from '../transport/socket';
import { createRunController, type RunController } from './run-controller';

// One controller per store (one per mounted app): it binds the socket's facts to that store exactly once.
const controllers = new WeakMap<AppStore, RunController>();

export function runControllerFor(store: AppStore): RunController {
  let c = controllers.get(store);
  if (!c) {
    c = createRunController(getSocket(), store);
    controllers.set(store, c);
  }
  return c;
}

export function useRunController(): RunController {
  return runControllerFor(useAppStoreApi());
}
