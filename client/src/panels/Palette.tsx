import { NODE_KINDS } from '@eventflow/shared';
import { PALETTE_MIME, useAddAtCentre } from '../canvas/FlowCanvas';
import { nodeViews } from '../nodes/registry';

/** Drag a kind onto the canvas, or click it to add one at the centre of the view. */
export function Palette() {
  const addAtCentre = useAddAtCentre();
  return (
    <nav className="ef-palette" aria-label="Palette">
      <div className="ef-panel-title">Add</div>
      {NODE_KINDS.map((kind) => {
        const view = nodeViews[kind];
        const Icon = view.icon;
        return (
          <button
            key={kind}
            type="button"
            className={`ef-palette__item ef-kind--${kind}`}
            aria-label={view.title}
            title={`${view.blurb}. Drag onto the canvas or click to add.`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, kind);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onClick={() => addAtCentre(kind)}
          >
            <span className="ef-palette__icon" aria-hidden>
              <Icon size={18} />
            </span>
            <span className="ef-palette__text" aria-hidden>
              <span className="ef-palette__name">{view.title}</span>
              <span className="ef-palette__blurb">{view.blurb}</span>
            </span>
          </button>
        );
      })}
    </nav>
  );
}
