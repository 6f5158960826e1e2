import { FlowDoc } from '@eventflow/shared';
import { useEffect } from 'react';
import type { AppState, AppStore } from '../store/store';
import type { Session } from '../transport/session';

const KEY = 'eventflow.draft.v1';

interface Draft {
  doc: unknown;
  flowId: string | null;
  revision: number | null;
  savedJson: string;
}

export function readDraft(): {
  doc: FlowDoc;
  flowId: string | null;
  revision: number | null;
  savedJson: string;
} | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    const doc = FlowDoc.safeParse(draft.doc);
    if (!doc.success) return null;
    return {
      doc: doc.data,
      flowId: draft.flowId ?? null,
      revision: draft.revision ?? null,
      savedJson: draft.savedJson ?? '',
    };
  } catch {
    return null;
  }
}

export function discardDraft(): void {
  localStorage.removeItem(KEY);
}

/**
 * While the stored draft is still work the user may want back, it is not overwritten: a question about it
 * is open, a join is being typed, or the canvas shows a workshop presenter's flow (not the attendee's work;
 * a fork, the attendee's own, is saved as usual).
 */
const keepsStoredDraft = (s: AppState) =>
  s.dialog?.type === 'restore' ||
  s.dialog?.type === 'unsaved' ||
  s.dialog?.type === 'join' ||
  (s.room?.me != null && s.room.me.mode !== 'sandbox');

/**
 * Autosaves the working draft to localStorage so a closed tab or a server restart loses nothing, and on
 * start offers to restore one. Writing waits until that question is answered, so it cannot clobber the draft.
 * A reload in the middle of a run does not ask: the session puts the draft back and resumes the run.
 */
export function useDraft(store: AppStore, session: Pick<Session, 'resumeAfterReload'>): void {
  useEffect(() => {
    const draft = readDraft();
    let cancelled = false;
    const origin = draft && {
      flowId: draft.flowId,
      revision: draft.revision,
      saved: false,
      savedJson: draft.savedJson,
    };
    // Asked once nothing else is in the way (a join link's dialog, a workshop the tab attends).
    let offer: FlowDoc | null = null;
    const ask = () => {
      const s = store.getState();
      if (!offer || s.dialog || s.room?.me) return;
      s.openDialog({ type: 'restore', draft: offer });
      offer = null;
    };
    void session.resumeAfterReload(draft && origin ? { doc: draft.doc, origin } : null).then((resumed) => {
      if (cancelled || resumed || !draft || draft.doc.nodes.length === 0) return;
      offer = draft.doc;
      ask();
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      const s = store.getState();
      if (keepsStoredDraft(s)) return;
      // An attendee's fork is newer work than a draft they were never asked about: it takes its place.
      if (offer && s.room?.me?.mode !== 'sandbox') return;
      offer = null;
      const value: Draft = { doc: s.present, flowId: s.flowId, revision: s.revision, savedJson: s.savedJson };
      try {
        localStorage.setItem(KEY, JSON.stringify(value));
      } catch {
        // Storage full or disabled: the draft is a convenience, never a reason to fail an edit.
      }
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (offer && (s.dialog !== prev.dialog || s.room !== prev.room)) ask();
      if (s.presentJson === prev.presentJson && s.savedJson === prev.savedJson && s.dialog === prev.dialog)
        return;
      clearTimeout(timer);
      timer = setTimeout(write, 250);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, session]);
}
