import { useReactFlow, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, type MouseEvent as ReactMouseEvent } from 'react';
import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';

/**
 * The canvas's part in a workshop. An attendee's view follows the presenter's pan and zoom until the
 * attendee moves it; the presenter's view and pointer go to the room (the session throttles them).
 */
export function useWorkshopView() {
  const rf = useReactFlow();
  const session = useSession();
  const role = useAppStore((s) => (s.room && !s.room.ended ? s.room.role : null));
  const following = useAppStore((s) => s.room?.me?.mode === 'following');
  const viewport = useAppStore((s) => (s.room?.role === 'attendee' ? s.room.follow.viewport : null));
  const docEpoch = useAppStore((s) => s.docEpoch);
  useEffect(() => {
    if (!following || !viewport) return;
    // After the frame that a freshly loaded flow gets (FlowCanvas frames it on the next frame).
    let inner = 0;
    const outer = window.requestAnimationFrame(() => {
      inner = window.requestAnimationFrame(() => void rf.setViewport(viewport));
    });
    return () => {
      window.cancelAnimationFrame(outer);
      window.cancelAnimationFrame(inner);
    };
  }, [following, viewport, docEpoch, rf]);

  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      // Only the attendee's own gesture stops following (programmatic moves have no event).
      if (event && role === 'attendee' && following) session.panned();
    },
    [role, following, session],
  );
  const onMoveEnd = useCallback(
    (_event: MouseEvent | TouchEvent | null, v: Viewport) => {
      if (role === 'presenter') session.presenterViewport({ x: v.x, y: v.y, zoom: v.zoom });
    },
    [role, session],
  );
  const onPointerMove = useCallback(
    (e: ReactMouseEvent) => {
      if (role !== 'presenter') return;
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      session.presenterPointer({ x: Math.round(p.x), y: Math.round(p.y) });
    },
    [role, rf, session],
  );
  const onPointerLeave = useCallback(() => {
    if (role === 'presenter') session.presenterPointer(null);
  }, [role, session]);
  return { onMoveStart, onMoveEnd, onPointerMove, onPointerLeave };
}
