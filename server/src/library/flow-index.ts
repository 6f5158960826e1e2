import type { FlowListItem } from '../ports/flow-repo.js';

/** What the library keeps in memory per flow: its listing entry, creation time and file size in bytes. */
export interface IndexEntry extends FlowListItem {
  created: number;
  bytes: number;
}

export interface FlowIndex {
  get(id: string): IndexEntry | undefined;
  set(entry: IndexEntry): void;
  delete(id: string): void;
  size(): number;
  /** Sum of every entry's `bytes`. */
  bytes(): number;
  /** Listing entries, newest first (ties by id); the sorted copy is cached until the next change. */
  list(): FlowListItem[];
}

export function createFlowIndex(): FlowIndex {
  const entries = new Map<string, IndexEntry>();
  let total = 0;
  let sorted: FlowListItem[] | undefined;

  return {
    get: (id) => entries.get(id),
    set(entry) {
      total += entry.bytes - (entries.get(entry.id)?.bytes ?? 0);
      entries.set(entry.id, entry);
      sorted = undefined;
    },
    delete(id) {
      total -= entries.get(id)?.bytes ?? 0;
      entries.delete(id);
      sorted = undefined;
    },
    size: () => entries.size,
    bytes: () => total,
    list() {
      sorted ??= [...entries.values()]
        .sort((a, b) => b.updated - a.updated || a.id.localeCompare(b.id))
        .map(({ id, name, description, revision, updated }) =>
          description === undefined
            ? { id, name, revision, updated }
            : { id, name, description, revision, updated },
        );
      // A copy: callers (express's json) must not be able to change the cached listing.
      return sorted.slice();
    },
  };
}
