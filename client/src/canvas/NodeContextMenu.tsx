import { Focus, ScrollText } from 'lucide-react';
import { useCallback, useEffect, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { useAppStore } from '../app/use-app-store';
import { useDismiss } from '../app/use-dismiss';
import { useSession } from '../app/use-session';
import type { CanvasNode } from '../model/types';
import './context-menu.css';

interface MenuAt {
  nodeId: string;
  topic: boolean;
  /** Pixels from the canvas box's top-left corner. */
  x: number;
  y: number;
}

/**
 * Right-click on a topic node offers its console, and on any node a workshop's presenter may spotlight it;
 * otherwise nodes keep the browser's own menu.
 */
export function useNodeContextMenu() {
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const presenting = useAppStore((s) => s.room?.role === 'presenter' && !s.room.ended);
  const close = useCallback(() => setMenu(null), []);
  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: CanvasNode) => {
      const topic = node.type === 'topic';
      if (!topic && !presenting) return;
      e.preventDefault();
      const box = (e.target as HTMLElement).closest('.ef-canvas')?.getBoundingClientRect();
      setMenu({ nodeId: node.id, topic, x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) });
    },
    [presenting],
  );
  return { menu, close, onNodeContextMenu };
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
      {menu.topic && (
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
          autoFocus={!menu.topic}
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
