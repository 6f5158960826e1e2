import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useAppStoreApi } from '../app/use-app-store';

/** How the canvas is being looked at: view-only state that is neither document nor run. */
export interface ViewState {
  /** The user has panned or zoomed since the flow was last framed: a resize then leaves the view alone. */
  userMoved: boolean;
  minimapOpen: boolean;
  setMinimapOpen: (open: boolean) => void;
}

// One per app store (one per tab, and one per test), created on first use.
const views = new WeakMap<object, StoreApi<ViewState>>();
export function viewStateOf(appStore: object): StoreApi<ViewState> {
  let v = views.get(appStore);
  if (!v) {
    v = createStore<ViewState>()((set) => ({
      userMoved: false,
      minimapOpen: true,
      setMinimapOpen: (minimapOpen) => set({ minimapOpen }),
    }));
    views.set(appStore, v);
  }
  return v;
}

export function useViewStateApi(): StoreApi<ViewState> {
  return viewStateOf(useAppStoreApi());
}

export function useViewState<T>(select: (s: ViewState) => T): T {
  return useStore(useViewStateApi(), select);
}
