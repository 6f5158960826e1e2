import { Layers, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';
import { formatSimTime } from '../../model/format';
import { selectConsoleView, selectNodeById } from '../../store/selectors';
import { GroupTable } from './GroupTable';
import { PartitionEntries } from './PartitionEntries';
import { ReplayForm } from './ReplayForm';
import { useConsoleRefresh } from './use-console-refresh';
import './console.css';

function Empty({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="ef-console__empty" role="status">
      <Layers size={28} aria-hidden />
      <strong>{title}</strong>
      <p>{children}</p>
    </div>
  );
}

/** The body once the run has answered: groups and their lag, the replay control, one partition's entries. */
function ConsoleBody() {
  const session = useSession();
  const view = useAppStore(selectConsoleView);
  const partition = useAppStore((s) => s.topicConsole?.partition ?? 0);
  const [groupName, setGroupName] = useState<string | null>(null);
  if (!view) return <Empty title="Reading the topic…">The run is answering.</Empty>;
  const group = view.groups.find((g) => g.group === groupName) ?? view.groups[0];
  const shown = view.partitions.find((p) => p.partition === partition) ?? view.partitions[0];
  return (
    <>
      <section className="ef-console__section" aria-label="Groups">
        <h3>
          Consumer groups <span className="ef-console__muted">at {formatSimTime(view.t)}</span>
        </h3>
        <GroupTable view={view} />
        <ReplayForm groups={view.groups} group={group} onGroup={setGroupName} />
      </section>
      <section className="ef-console__section ef-console__log" aria-label="Retained events">
        <div className="ef-console__partitions" role="tablist" aria-label="Partitions">
          {view.partitions.map((p) => (
            <button
              key={p.partition}
              type="button"
              role="tab"
              aria-selected={p.partition === shown?.partition}
              onClick={() => void session.showPartition(p.partition)}
            >
              P{p.partition} <span className="ef-badge">{(p.next - p.oldest).toLocaleString()}</span>
            </button>
          ))}
        </div>
        {shown && <PartitionEntries partition={shown} group={group} />}
      </section>
    </>
  );
}

/**
 * The topic and group console (as Kafka's and RabbitMQ's): what the topic retains per partition, where each
 * consumer group reads it, and a replay control. It takes the inspector's place while open.
 */
export function TopicConsole() {
  useConsoleRefresh();
  const nodeId = useAppStore((s) => s.topicConsole?.nodeId ?? null);
  const error = useAppStore((s) => (s.topicConsole?.runId === s.run.id ? s.topicConsole?.error : null));
  const node = useAppStore(selectNodeById(nodeId));
  const runId = useAppStore((s) => s.run.id);
  const close = useAppStore((s) => s.closeTopicConsole);
  if (!nodeId) return null;
  const label = node?.data.label || nodeId;
  return (
    <aside className="ef-console" aria-label={`Console of ${label}`}>
      <header className="ef-console__header ef-kind--topic">
        <span className="ef-inspector__icon" aria-hidden>
          <Layers size={16} />
        </span>
        <div>
          <div className="ef-inspector__kind">Topic console</div>
          <div className="ef-console__title">{label}</div>
        </div>
        <button
          type="button"
          className="ef-icon-btn"
          aria-label="Close console"
          title="Close"
          onClick={close}
        >
          <X size={16} />
        </button>
      </header>
      {node?.type !== 'topic' ? (
        <Empty title="This topic is no longer in the flow">Close the console, or undo the change.</Empty>
      ) : !runId ? (
        <Empty title="Play the flow to see what this topic retains">
          While a run is live, this lists each partition’s retained events with their offsets, shows where
          every consumer group reads and how far it trails, and lets you replay a group from an offset or a
          time.
        </Empty>
      ) : error ? (
        <Empty title="This topic is not in the run">{error}. Play again so the run includes it.</Empty>
      ) : (
        <ConsoleBody />
      )}
    </aside>
  );
}
