import { MiniMap, Panel } from '@xyflow/react';
import { Map as MapIcon, X } from 'lucide-react';
import type { CanvasNode } from '../model/types';
import { kindMeta } from '../nodes/kind-meta';
import { useViewState } from './view-state';

const minimapColour = (n: CanvasNode) => kindMeta[n.type].colour.light;
const MINIMAP = { width: 180, height: 112 };

/**
 * The minimap in the bottom-right corner, small and collapsible. Framing keeps nodes clear of it, or folds
 * it away when a readable frame cannot (see use-frame-flow), so it never covers a node after a fit.
 */
export function CanvasMinimap() {
  const open = useViewState((s) => s.minimapOpen);
  const setOpen = useViewState((s) => s.setMinimapOpen);
  return (
    <>
      {open && (
        <MiniMap<CanvasNode>
          pannable
          zoomable
          nodeColor={minimapColour}
          nodeBorderRadius={6}
          ariaLabel="Minimap"
          style={MINIMAP}
        />
      )}
      <Panel
        position="bottom-right"
        className={`ef-minimap-toggle${open ? ' is-open' : ''}`}
        // Open, the toggle sits inside the minimap's top-left corner so it adds nothing to cover nodes.
        style={open ? { bottom: MINIMAP.height - 26, right: MINIMAP.width - 26 } : undefined}
      >
        <button
          type="button"
          className="ef-tool"
          aria-label={open ? 'Hide minimap' : 'Show minimap'}
          title={open ? 'Hide minimap' : 'Show minimap'}
          aria-pressed={open}
          onClick={() => setOpen(!open)}
        >
          {open ? <X size={14} /> : <MapIcon size={16} />}
        </button>
      </Panel>
    </>
  );
}
