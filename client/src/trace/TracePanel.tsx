import { Download } from 'lucide-react';
import { useSession } from '../app/use-session';
import { useAppStore, useAppStoreApi } from '../app/use-app-store';
import { EventDetail } from './EventDetail';
import { EventsList } from './EventsList';
import './trace.css';

/** Offers a file download, the way the designer's exports do. */
function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileName = (name: string) =>
  `${
    name
      .trim()
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'flow'
  }.trace.ndjson`;

/** The Events tab: the run's events on the left, the selected event's step-through on the right. */
export function TracePanel() {
  const c = useSession();
  const store = useAppStoreApi();
  const runId = useAppStore((s) => s.run.id);
  const exportTrace = async () => {
    const blob = await c.exportTrace();
    if (blob !== null) download(blob, fileName(store.getState().meta.name));
  };
  return (
    <div className="ef-trace">
      <div className="ef-trace__events">
        <EventsList />
        <button
          type="button"
          className="ef-btn ef-trace__export"
          disabled={!runId}
          onClick={() => void exportTrace()}
        >
          <Download size={14} aria-hidden /> Export trace (NDJSON)
        </button>
      </div>
      <EventDetail />
    </div>
  );
}

/** The dock tab button, with the number of events the run has produced so far. */
export function EventsTabLabel() {
  const total = useAppStore((s) => s.events.total);
  return (
    <>
      Events <span className="ef-badge">{total}</span>
    </>
  );
}
