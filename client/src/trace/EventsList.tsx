import { HOP_TYPES, type EventRow, type TraceFilter } from '@eventflow/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../app/use-session';
import { formatSimTime } from '../model/format';
import { useAppStore, useAppStoreApi } from '../app/use-app-store';

/** The height of a one-line row; a row whose outcome badges wrap is measured instead. */
const ROW_HEIGHT = 28;
const BAD = new Set([
  'dead-lettered',
  'dropped',
  'expired',
  'filtered',
  'filter-error',
  'failed',
  'unrouted',
  'publish-failed',
  'call-failed',
  'call-timed-out',
]);

/** Short marks so every subscription's outcome fits on one row; the full words are in the title and the row's name. */
const SHORT: Record<string, string> = {
  acked: '✓',
  'dead-lettered': 'DLQ',
  'duplicate-skipped': 'dup',
  'filter-error': 'error',
  'publish-failed': 'lost',
  failed: 'retrying',
  'retry-scheduled': 'retrying',
  crashed: 'crashed',
  'call-timed-out': 'timeout',
  // Membership marker events: the change itself, not an outcome.
  'instance-down': 'down',
  'instance-up': 'up',
  rebalanced: 'rebalanced',
  scaled: 'scaled',
};
const shortOf = (type: string) => SHORT[type] ?? (BAD.has(type) ? type : '…');
const subName = (sub: string) => sub.split('/').pop() ?? sub;
const outcomeText = (row: EventRow) =>
  Object.entries(row.outcomes)
    .map(([sub, type]) => `${subName(sub)}: ${type}`)
    .join(', ');

function Outcomes({ row }: { row: EventRow }) {
  return (
    <span className="ef-events__outcomes">
      {Object.entries(row.outcomes).map(([sub, type]) => (
        <span
          key={sub}
          className={`ef-outcome is-${type}${BAD.has(type) ? ' is-bad' : ''}`}
          title={`${sub}: ${type}`}
        >
          {subName(sub)} {shortOf(type)}
        </span>
      ))}
    </span>
  );
}

/** The node filter's choice in words: its label and id, or "any". */
function nodeTitle(nodes: readonly string[], id: string | undefined): string {
  if (!id) return 'any';
  const label = nodes.find((n) => n.startsWith(`${id}\u0000`))?.split('\u0000')[1];
  return label && label !== id ? `${label} (${id})` : id;
}

function FilterBar() {
  const c = useSession();
  // Labels are what the user named the nodes; the id follows, for telling apart two of the same name.
  const nodes = useAppStore(
    useShallow((s) => s.nodes.map((n) => `${n.id}\u0000${n.data.label?.trim() || n.id}`)),
  );
  // Mounted again (the Events tab shown after the Run summary), it starts from the filter in force, not from none.
  const store = useAppStoreApi();
  const [draft, setDraft] = useState<TraceFilter>(() => store.getState().events.filter);
  // Text fields settle before a query goes out, so typing does not flood the server.
  useEffect(() => {
    const t = window.setTimeout(() => void c.setFilter(draft), 250);
    return () => window.clearTimeout(t);
  }, [c, draft]);
  const field = (name: 'type' | 'key' | 'text', placeholder: string) => (
    <input
      aria-label={`Filter by ${name === 'text' ? 'payload text' : name}`}
      placeholder={placeholder}
      value={draft[name] ?? ''}
      onChange={(e) => {
        const { [name]: _old, ...rest } = draft;
        setDraft(e.target.value ? { ...rest, [name]: e.target.value } : rest);
      }}
    />
  );
  return (
    <div className="ef-events__filters">
      {field('type', 'type')}
      <select
        aria-label="Filter by outcome"
        title={`Outcome: ${draft.outcome ?? 'any'}`}
        value={draft.outcome ?? ''}
        onChange={(e) => {
          const { outcome: _o, ...rest } = draft;
          const v = HOP_TYPES.find((h) => h === e.target.value);
          setDraft(v ? { ...rest, outcome: v } : rest);
        }}
      >
        <option value="">any outcome</option>
        {HOP_TYPES.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by node"
        title={`Node: ${nodeTitle(nodes, draft.node)}`}
        value={draft.node ?? ''}
        onChange={(e) => {
          const { node: _n, ...rest } = draft;
          setDraft(e.target.value ? { ...rest, node: e.target.value } : rest);
        }}
      >
        <option value="">any node</option>
        {nodes.map((entry) => {
          const [id = '', label = id] = entry.split('\u0000');
          return (
            <option key={id} value={id}>
              {label === id ? id : `${label} · ${id}`}
            </option>
          );
        })}
      </select>
      {field('key', 'key')}
      {field('text', 'payload text')}
    </div>
  );
}

/** "Go to event": an event number or id; the list loads that page from the server and scrolls to its row. */
function GoToEvent({ onRow }: { onRow: (row: number) => void }) {
  const c = useSession();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="ef-events__goto"
      onSubmit={(e) => {
        e.preventDefault();
        void c.jumpToEvent(text).then((r) => {
          // An evicted or filtered-out event: the list shows the first one after it, and says so.
          if (!r.ok) setProblem(r.message);
          else if (r.shown !== r.eventId)
            setProblem(`${r.eventId} is not in the list (evicted or filtered out): showing ${r.shown}`);
          else setProblem(null);
          if (r.ok) onRow(r.row);
        });
      }}
    >
      <input
        aria-label="Go to event"
        placeholder="go to event # or id"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="ef-btn ef-btn--small" data-testid="events.goto">
        Go
      </button>
      {problem && (
        <span className="ef-events__goto-problem" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}

/** Every event of the run, paged in from `trace:query` as the list scrolls; only visible rows are in the DOM. */
export function EventsList() {
  const c = useSession();
  const { rows, total, loading, hasMore, offset } = useAppStore(
    useShallow((s) => ({
      rows: s.events.rows,
      total: s.events.total,
      loading: s.events.loading,
      hasMore: s.events.cursor !== undefined,
      offset: s.events.offset ?? 0,
    })),
  );
  const runId = useAppStore((s) => s.run.id);
  const selected = useAppStore((s) => s.selection?.eventId);
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    // Rows above a jump's page are placeholders until scrolled to; below, one placeholder loads the next page.
    count: offset + Math.max(rows.length, Math.min(total - offset, rows.length + 1)),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = v.getVirtualItems();
  // A jump scrolls once its page is in the store, i.e. once the list counts down to its row.
  const [scrollTo, setScrollTo] = useState<number | null>(null);
  const count = v.options.count;
  useEffect(() => {
    if (scrollTo === null || scrollTo >= count) return;
    v.scrollToIndex(scrollTo, { align: 'start' });
    setScrollTo(null);
  }, [v, scrollTo, count]);
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const firstIndex = items[0]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loading && lastIndex >= offset + rows.length - 20) void c.loadEvents(true);
  }, [c, hasMore, loading, lastIndex, offset, rows.length]);
  useEffect(() => {
    if (offset > 0 && !loading && firstIndex < offset + 20) void c.loadEventsBefore();
  }, [c, loading, firstIndex, offset]);

  return (
    <div className="ef-events">
      <FilterBar />
      <GoToEvent onRow={setScrollTo} />
      <div className="ef-events__count" role="status">
        {runId
          ? `${total.toLocaleString()} ${total === 1 ? 'event' : 'events'}`
          : 'Run the flow to see its events'}
      </div>
      <div ref={scroller} className="ef-events__scroll" role="listbox" aria-label="Events" tabIndex={0}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index - offset];
            return (
              <div
                key={item.key}
                ref={v.measureElement}
                data-index={item.index}
                role="option"
                aria-selected={row?.id === selected}
                aria-label={row ? `${row.id} ${row.type} — ${outcomeText(row)}` : 'loading'}
                className={`ef-events__row${row?.id === selected ? ' is-selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, minHeight: ROW_HEIGHT }}
                onClick={() => row && void c.selectEvent(row.id)}
              >
                {row ? (
                  <>
                    <span className="ef-events__main">
                      <span className="ef-events__id">{row.id}</span>
                      <span className="ef-events__type" title={row.type}>
                        {row.type}
                      </span>
                      <span className="ef-events__t">{formatSimTime(row.t)}</span>
                      {row.key !== undefined && (
                        <span className="ef-events__key" title={`key ${row.key}`}>
                          {row.key}
                        </span>
                      )}
                      {row.parent !== undefined && (
                        <span className="ef-events__parent" title={`caused by ${row.parent}`}>
                          ← {row.parent}
                        </span>
                      )}
                    </span>
                    <Outcomes row={row} />
                  </>
                ) : (
                  <span className="ef-events__t">loading…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
