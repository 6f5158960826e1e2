import { DisplayName, PresenterKey, RoomCode } from '@eventflow/shared';

/** Per tab (sessionStorage), never in the URL: the presenter's key, or the attendee's code and name. */
export const WORKSHOP_STORAGE_KEY = 'eventflow.workshop';
export type WorkshopMemory = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type RememberedWorkshop =
  /** The key claims the role back after a reconnect or reload, under the same session or a new one. */
  | { role: 'presenter'; code: string; presenterKey: string }
  | { role: 'attendee'; code: string; name: string };

// Written by this tab, but storage is outside input all the same: each field is parsed with its schema.
function parseRemembered(value: unknown): RememberedWorkshop | null {
  const v = (value ?? {}) as Record<string, unknown>;
  const code = RoomCode.safeParse(v.code);
  if (!code.success) return null;
  if (v.role === 'presenter') {
    const key = PresenterKey.safeParse(v.presenterKey);
    return key.success ? { role: 'presenter', code: code.data, presenterKey: key.data } : null;
  }
  const name = DisplayName.safeParse(v.name);
  return v.role === 'attendee' && name.success
    ? { role: 'attendee', code: code.data, name: name.data }
    : null;
}

export function readWorkshop(memory: WorkshopMemory | null): RememberedWorkshop | null {
  try {
    const raw = memory?.getItem(WORKSHOP_STORAGE_KEY);
    return raw ? parseRemembered(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

// Storage may be disabled or full: the workshop then lasts as long as the page, which is still usable.
export function rememberWorkshop(memory: WorkshopMemory | null, value: RememberedWorkshop | null): void {
  try {
    if (value) memory?.setItem(WORKSHOP_STORAGE_KEY, JSON.stringify(value));
    else memory?.removeItem(WORKSHOP_STORAGE_KEY);
  } catch {
    // nothing to do
  }
}
