import { Download } from 'lucide-react';
import { useSession } from '../app/use-session';
import { useAppStore, useAppStoreApi } from '../app/use-app-store';
import { EventDetail } from './EventDetail';
import { EventsList } from './EventsList';
import { useEventsRefresh } from './use-events-refresh';
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

/** What each export format's file ends in; an OTLP file holds one `{"resourceSpans": […]}` object, as Jaeger UI's JSON-file upload expects. */
const EXTENSIONS = { ndjson: '.trace.ndjson', otlp: '.otlp.json' } as const;

const fileName = (name: string, format: keyof typeof EXTENSIONS) =>
  `${
    name
      .trim()
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'flow'
  }${EXTENSIONS[format]}`;

/** The Events tab: the run's events on the left, the selected event's step-through on the right. */
export function TracePanel() {
  const c = useSession();
  const store = useAppStoreApi();
  const runId = useAppStore((s) => s.run.id);
  const exportTrace = async (format: keyof typeof EXTENSIONS) => {
    const blob = await c.exportTrace(format);
    if (blob !== null) download(blob, fileName(store.getState().meta.name, format));
  };
  return (
    <div className="ef-trace">
      <div className="ef-trace__events">
        <EventsList />
        <div className="ef-trace__exports" role="group" aria-label="Export trace">
          <Download size={14} aria-hidden />
          {/* The list is narrow: the visible words are short, the accessible names say what is exported. */}
          <button
            type="button"
            className="ef-btn ef-trace__export"
            disabled={!runId}
            aria-label="Export trace (NDJSON)"
            title="Every hop as one JSON line, as eventflow run --trace writes it"
            onClick={() => void exportTrace('ndjson')}
          >
            NDJSON
          </button>
          <button
            type="button"
            className="ef-btn ef-trace__export"
            disabled={!runId}
            aria-label="Export trace as OTLP JSON (Jaeger)"
            title="OpenTelemetry OTLP/JSON: open it in Jaeger or send it to a collector"
            onClick={() => void exportTrace('otlp')}
          >
            OTLP JSON (Jaeger)
          </button>
        </div>
      </div>
      <EventDetail />
    </div>
  );
}

/** The dock tab button, with the number of events the run has produced so far. */
export function EventsTabLabel() {
  useEventsRefresh();
  const total = useAppStore((s) => s.events.total);
  return (
    <>
      Events <span className="ef-badge">{total}</span>
    </>
  );
}
