import { Focus, Power, PowerOff, ScrollText } from 'lucide-react';
import { useCallback, useEffect, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { useAppStore } from '../app/use-app-store';
import { useDismiss } from '../app/use-dismiss';
import { useSession } from '../app/use-session';
import { isAllDown, selectDownState } from '../nodes/consumer/down-state';
import { selectRunTakesCommands } from '../nodes/consumer/MembershipControls';
import type { NodeKind } from '@eventflow/shared';
import type { CanvasNode } from '../model/types';
import './context-menu.css';

interface MenuAt {
  nodeId: string;
  kind: NodeKind;
  /** A consumer during a live run: it may be taken down or brought back. */
  takesDown: boolean;
  /** Pixels from the canvas box's top-left corner. */
  x: number;
  y: number;
}

/**
 * Right-click on a topic node offers its console, on a consumer during a live run taking it down or back,
 * and on any node a workshop's presenter may spotlight it; otherwise nodes keep the browser's own menu.
 */
export function useNodeContextMenu() {
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const presenting = useAppStore((s) => s.room?.role === 'presenter' && !s.room.ended);
  const live = useAppStore(selectRunTakesCommands);
  const close = useCallback(() => setMenu(null), []);
  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: CanvasNode) => {
      const takesDown = node.type === 'consumer' && live;
      if (node.type !== 'topic' && !takesDown && !presenting) return;
      e.preventDefault();
      const box = (e.target as HTMLElement).closest('.ef-canvas')?.getBoundingClientRect();
      setMenu({
        nodeId: node.id,
        kind: node.type,
        takesDown,
        x: e.clientX - (box?.left ?? 0),
        y: e.clientY - (box?.top ?? 0),
      });
    },
    [live, presenting],
  );
  return { menu, close, onNodeContextMenu };
}

function ConsumerItems({ nodeId, onClose }: { nodeId: string; onClose: () => void }) {
  const session = useSession();
  const down = isAllDown(useAppStore(selectDownState(nodeId)));
  return (
    <button
      type="button"
      role="menuitem"
      autoFocus
      data-testid={down ? 'menu.bring-up' : 'menu.take-down'}
      onClick={() => {
        onClose();
        void session.setConsumerDown(nodeId, !down);
      }}
    >
      {down ? <Power size={14} aria-hidden /> : <PowerOff size={14} aria-hidden />}
      {down ? ' Bring back up' : ' Take down'}
    </button>
  );
}

export function NodeContextMenu({ menu, onClose }: { menu: MenuAt | null; onClose: () => void }) {
  const session = useSession();
  const box = useDismiss<HTMLDivElement>(menu !== null, onClose);
  const presenting = useAppStore((s) => s.room?.role === 'presenter' && !s.room.ended);
  const spotlit = useAppStore((s) => s.room?.follow.spotlight ?? null);
  useEffect(() => {
    if (!menu) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menu, onClose]);
  if (!menu) return null;
  return (
    <div
      ref={box}
      className="ef-context-menu"
      role="menu"
      aria-label={`Actions for ${menu.nodeId}`}
      style={{ left: menu.x, top: menu.y }}
    >
      {menu.takesDown && <ConsumerItems nodeId={menu.nodeId} onClose={onClose} />}
      {menu.kind === 'topic' && (
        <button
          type="button"
          role="menuitem"
          autoFocus
          onClick={() => {
            onClose();
            void session.openConsole(menu.nodeId);
          }}
        >
          <ScrollText size={14} aria-hidden /> Open console
        </button>
      )}
      {presenting && (
        <button
          type="button"
          role="menuitem"
          autoFocus={menu.kind !== 'topic' && !menu.takesDown}
          onClick={() => {
            onClose();
            void session.spotlight(spotlit === menu.nodeId ? null : menu.nodeId);
          }}
        >
          <Focus size={14} aria-hidden />{' '}
          {spotlit === menu.nodeId ? 'Clear the spotlight' : 'Spotlight for attendees'}
        </button>
      )}
    </div>
  );
}
