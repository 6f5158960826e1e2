import type { TopicGroupView, TopicPartitionView } from '@eventflow/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import { formatSimTime } from '../../model/format';

const ROW_HEIGHT = 26;

/**
 * One partition's retained entries in offset order; only the rows in view are in the DOM. Entries at or past
 * the chosen group's position are marked: they are what that group has still to read.
 */
export function PartitionEntries({
  partition,
  group,
}: {
  partition: TopicPartitionView;
  group: TopicGroupView | undefined;
}) {
  const session = useSession();
  const selected = useAppStore((s) => s.selection?.eventId);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = partition.events;
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const committed = group?.committed[partition.partition];
  const retained = partition.next - partition.oldest;
  return (
    <>
      <div className="ef-console__window" role="status">
        {retained === 0
          ? `Partition ${partition.partition} retains nothing yet`
          : `Offsets ${partition.oldest.toLocaleString()}–${(partition.next - 1).toLocaleString()} retained` +
            (rows.length < retained ? ` · newest ${rows.length.toLocaleString()} shown` : '')}
        {group && committed !== undefined && (
          <span>
            {' '}
            · {group.group} reads {committed.toLocaleString()} next
            {committed < partition.next && (
              <>
                ; <span className="ef-console__pending-mark" aria-hidden /> marks what it has still to read
              </>
            )}
          </span>
        )}
      </div>
      <div className="ef-console__head" aria-hidden>
        <span>Offset</span>
        <span>Event</span>
        <span>Key</span>
        <span>Published</span>
      </div>
      <div
        ref={scroller}
        className="ef-console__scroll"
        role="listbox"
        aria-label={`Partition ${partition.partition} log`}
        tabIndex={0}
      >
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const pending = committed !== undefined && row.offset >= committed;
            const isSelected = row.eventId === selected;
            return (
              <div
                key={row.offset}
                role="option"
                aria-selected={isSelected}
                aria-label={`offset ${row.offset} ${row.eventId} ${row.type}${row.key === undefined ? '' : ` key ${row.key}`}`}
                title={pending && group ? `${group.group} has not read this entry yet` : undefined}
                className={`ef-console__row${isSelected ? ' is-selected' : ''}${pending ? ' is-pending' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => void session.selectEvent(row.eventId)}
              >
                <span className="ef-console__cell-offset">{row.offset}</span>
                <span className="ef-console__cell-event">
                  {row.eventId} <span className="ef-console__type">{row.type}</span>
                </span>
                <span className="ef-console__cell-key">{row.key ?? '—'}</span>
                <span className="ef-console__cell-t">{formatSimTime(row.t)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
