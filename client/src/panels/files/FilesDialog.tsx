import { Eye, FileJson, Sparkles, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../app/use-session';
import { Modal } from '../../app/Modal';
import { useAppStore } from '../../app/use-app-store';
import { splitWatch } from '../../model/example-text';
import './gallery.css';
import { api, type ExampleListItem, type FlowListItem } from '../../transport/api';

type Tab = 'library' | 'examples';

function Library() {
  const actions = useSession();
  const current = useAppStore((s) => s.flowId);
  const [flows, setFlows] = useState<FlowListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api
      .listFlows()
      .then((list) => setFlows([...list].sort((a, b) => b.updated - a.updated)))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(load, [load]);
  if (error) return <p className="ef-error-text">Could not load the library: {error}</p>;
  if (!flows) return <p className="ef-muted">Loading…</p>;
  if (flows.length === 0)
    return (
      <p className="ef-muted">
        No saved flows yet. Save the current flow with Ctrl+S, or start from an example.
      </p>
    );
  return (
    <ul className="ef-file-list" aria-label="Saved flows">
      {flows.map((f) => (
        <li key={f.id} className={f.id === current ? 'is-current' : ''}>
          <button
            type="button"
            className="ef-file"
            onClick={() => void actions.open(f.id)}
            aria-label={`Open ${f.name}`}
          >
            <FileJson size={18} aria-hidden />
            <span className="ef-file__name">{f.name}</span>
            <span className="ef-file__meta">
              rev {f.revision} · {new Date(f.updated).toLocaleString()}
            </span>
          </button>
          <button
            type="button"
            className="ef-icon-btn"
            aria-label={`Delete ${f.name}`}
            onClick={() => {
              if (window.confirm(`Delete “${f.name}” from the library?`))
                void actions.remove(f.id, f.revision).then(load);
            }}
          >
            <Trash2 size={15} />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** What the example is, then what to look at once it runs, both whole: the card grows rather than clip. */
function ExampleText({ description }: { description: string }) {
  const { about, watch } = splitWatch(description);
  return (
    <>
      <span className="ef-example__desc">{about}</span>
      {watch && (
        <span className="ef-example__watch">
          <Eye size={13} aria-hidden /> <span>{watch}</span>
        </span>
      )}
    </>
  );
}

function Examples() {
  const actions = useSession();
  const [examples, setExamples] = useState<ExampleListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .listExamples()
      .then(setExamples)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error) return <p className="ef-error-text">Could not load the examples: {error}</p>;
  if (!examples) return <p className="ef-muted">Loading…</p>;
  return (
    <ul className="ef-gallery" aria-label="Examples">
      {examples.map((ex) => (
        <li key={ex.id}>
          <button type="button" className="ef-example" onClick={() => void actions.openExample(ex.id)}>
            <span className="ef-example__name">
              <Sparkles size={14} aria-hidden /> {ex.name}
            </span>
            {ex.description && <ExampleText description={ex.description} />}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function FilesDialog({ tab: initial, onClose }: { tab: Tab; onClose: () => void }) {
  const [tab, setTab] = useState<Tab>(initial);
  return (
    <Modal title="Open a flow" onClose={onClose} wide>
      <div className="ef-tabs" role="tablist" aria-label="Source">
        <button type="button" role="tab" aria-selected={tab === 'library'} onClick={() => setTab('library')}>
          My flows
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'examples'}
          onClick={() => setTab('examples')}
        >
          Examples
        </button>
      </div>
      <div role="tabpanel" className="ef-tabpanel">
        {tab === 'library' ? <Library /> : <Examples />}
      </div>
    </Modal>
  );
}
