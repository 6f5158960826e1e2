import '../panels/workshop/follow.css';
import { ViewportPortal } from '@xyflow/react';
import { MousePointer2 } from 'lucide-react';
import { useAppStore } from '../app/use-app-store';
import { boxOf } from './node-size';

/**
 * In flow coordinates (so they land on the same spot at every zoom): the node the presenter spotlights,
 * and, on attendees' canvases, the presenter's pointer as a small labelled cursor.
 */
export function WorkshopOverlays() {
  const spotlight = useAppStore((s) => s.room?.follow.spotlight ?? null);
  const node = useAppStore((s) => (spotlight ? s.nodes.find((n) => n.id === spotlight) : undefined));
  const pointer = useAppStore((s) =>
    s.room?.role === 'attendee' && !s.room.ended ? s.room.follow.pointer : null,
  );
  const presenter = useAppStore((s) => s.room?.presenterName ?? '');
  const box = node ? boxOf(node.type, node.position) : null;
  return (
    <ViewportPortal>
      {box && node && (
        <div
          className="ef-spotlight"
          data-testid="workshop.spotlight"
          data-node={node.id}
          aria-label={`Spotlight on ${node.data.label || node.id}`}
          style={{
            transform: `translate(${box.x - 10}px, ${box.y - 10}px)`,
            width: box.width + 20,
            height: box.height + 20,
          }}
        />
      )}
      {pointer && (
        <div
          className="ef-pointer"
          data-testid="workshop.pointer"
          style={{ transform: `translate(${pointer.x}px, ${pointer.y}px)` }}
        >
          <MousePointer2 size={18} aria-hidden />
          <span className="ef-pointer__label">{presenter}</span>
        </div>
      )}
    </ViewportPortal>
  );
}
