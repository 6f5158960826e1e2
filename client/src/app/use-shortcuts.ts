import { useEffect, useRef } from 'react';
import { useAutoLayout } from '../canvas/use-auto-layout';
import { useFrameFlow } from '../canvas/use-frame-flow';
import { serializeFlow } from '../model/import-flow';
import { selectWatchesPresenter } from '../store/room-slice';
import type { AppStore } from '../store/store';
import type { Session } from '../transport/session';

const isEditable = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
// Space already means "press" on a focused control: the run shortcut must not steal it.
const PRESSABLE =
  'button, a[href], summary, [role="button"], [role="tab"], [role="option"], [role="menuitem"]';
const isPressable = (t: EventTarget | null) => t instanceof HTMLElement && t.closest(PRESSABLE) !== null;

/** Global keyboard shortcuts (see HelpDialog) and copy/paste of selections as flow JSON. */
export function useShortcuts(store: AppStore, actions: Session): void {
  const autoLayout = useAutoLayout();
  const frame = useFrameFlow();
  const pasteCount = useRef(0);
  useEffect(() => {
    const s = () => store.getState();
    const copy = () => {
      const doc = s().selectionAsDoc();
      if (!doc) return false;
      const text = serializeFlow(doc);
      pasteCount.current = 0;
      // The async clipboard reaches other tabs; the copy event below covers browsers that refuse it.
      void navigator.clipboard?.writeText(text).catch(() => undefined);
      return text;
    };
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = (f: () => void) => {
        e.preventDefault();
        f();
      };
      // A followed presenter's flow is read-only and its run the presenter's: only help stays.
      if (selectWatchesPresenter(s()) && e.key !== '?') return;
      // Save and open work from inside a field too; everything else leaves text editing alone.
      if (mod && key === 's' && !s().dialog) return run(() => void actions.save());
      if (isEditable(e.target) || s().dialog) return;
      if (mod && key === 'z' && !e.shiftKey) return run(s().undo);
      if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) return run(s().redo);
      if (mod && key === 'd') return run(s().duplicateSelection);
      if (mod && key === 'a') return run(s().selectAll);
      if (mod && key === 'o') return run(() => s().openDialog({ type: 'files', tab: 'library' }));
      if (mod) return;
      if (key === 'delete' || key === 'backspace') return run(s().deleteSelection);
      if (e.key === '?') return run(() => s().openDialog({ type: 'help' }));
      if (key === 'escape') return run(() => s().selectOnly({}));
      if (key === 'f') return run(() => frame(300, true));
      if (key === 'l' && e.shiftKey) return run(() => s().toggleLessons());
      if (key === 'l') return run(() => void autoLayout());
      if (key === 'g') return run(s().toggleSnap);
      if (e.key === ' ' && !e.repeat && !isPressable(e.target))
        return run(() => void (s().run.phase === 'running' ? actions.pause() : actions.play()));
      if (e.key === '.') return run(() => void actions.step());
      if (e.key === ',') return run(actions.stepBack);
    };
    const onCopy = (e: ClipboardEvent) => {
      if (isEditable(e.target) || s().dialog) return;
      const text = copy();
      if (text && e.clipboardData) {
        e.clipboardData.setData('text/plain', text);
        e.preventDefault();
      }
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isEditable(e.target) || s().dialog) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!text.trim().startsWith('{')) return;
      e.preventDefault();
      const shift = 40 * (pasteCount.current + 1);
      if (actions.pasteText(text, { x: shift, y: shift })) pasteCount.current += 1;
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, actions, frame, autoLayout]);
}
