import type { FlowListItem } from '@eventflow/shared';

export type { FlowListItem };

/** A stored flow: the document exactly as the client sent it, plus bookkeeping. */
export interface StoredFlow extends FlowListItem {
  created: number;
  flow: unknown;
}

export type WriteOutcome =
  | { ok: true; id: string; revision: number }
  | { ok: false; code: 'not-found' }
  | { ok: false; code: 'conflict'; revision: number }
  /** The library is full; `message` says which limit and by how much. */
  | { ok: false; code: 'quota-exceeded'; message: string };

/**
 * The flow library. Revisions start at 1 and grow by one per update; an update or delete names the
 * revision it was based on and is refused (`conflict`) when another write came first. Creates and updates
 * that would pass the library's quota (flow count or bytes) are refused with `quota-exceeded`.
 */
export interface FlowRepo {
  /** Served from memory, newest first: listing never reads the stored files. */
  list(): Promise<FlowListItem[]>;
  get(id: string): Promise<StoredFlow | undefined>;
  /** `name`/`description` are taken from the document for listings. */
  create(flow: unknown, meta: { name: string; description?: string }): Promise<WriteOutcome>;
  update(
    id: string,
    baseRevision: number,
    flow: unknown,
    meta: { name: string; description?: string },
  ): Promise<WriteOutcome>;
  remove(id: string, baseRevision: number): Promise<WriteOutcome>;
}

/** Ids are file names on disk, so only this alphabet is accepted anywhere a flow id comes in. */
export const FLOW_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
