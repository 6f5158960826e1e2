import { Layers, MousePointerClick, Sparkles, Spline } from 'lucide-react';
import { useEffect, useState } from 'react';
import { api, type ExampleListItem } from '../transport/api';
import { useSession } from '../app/use-session';
import { useAppStore } from '../app/use-app-store';

/** Shown on an empty canvas: how to start, and a few examples to learn from. */
export function EmptyState({ onAddProducer }: { onAddProducer: () => void }) {
  const actions = useSession();
  const openDialog = useAppStore((s) => s.openDialog);
  const [examples, setExamples] = useState<ExampleListItem[]>([]);
  useEffect(() => {
    let live = true;
    api
      .listExamples()
      .then((list) => live && setExamples(list.slice(0, 4)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="ef-empty">
      <div className="ef-empty__card" role="region" aria-label="Getting started">
        <h2>Design an event flow</h2>
        <ol className="ef-empty__steps">
          <li>
            <MousePointerClick size={16} aria-hidden />
            <span>
              Drag a <b>Producer</b> from the palette (or click it)
            </span>
          </li>
          <li>
            <Layers size={16} aria-hidden />
            <span>
              Add a <b>Topic</b>, then a <b>Filter</b> or a <b>Consumer</b>
            </span>
          </li>
          <li>
            <Spline size={16} aria-hidden />
            <span>Connect them by dragging from a node’s right dot to another’s left dot</span>
          </li>
        </ol>
        <div className="ef-empty__actions">
          <button type="button" className="ef-btn ef-btn--primary" onClick={onAddProducer}>
            Add a producer
          </button>
          <button
            type="button"
            className="ef-btn"
            onClick={() => openDialog({ type: 'files', tab: 'examples' })}
          >
            <Sparkles size={15} aria-hidden /> Browse examples
          </button>
        </div>
        {examples.length > 0 && (
          <ul className="ef-empty__examples" aria-label="Examples">
            {examples.map((ex) => (
              <li key={ex.id}>
                <button type="button" className="ef-example" onClick={() => void actions.openExample(ex.id)}>
                  <span className="ef-example__name">{ex.name}</span>
                  {ex.description && <span className="ef-example__desc">{ex.description}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
