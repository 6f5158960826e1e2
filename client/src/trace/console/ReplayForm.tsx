import type { TopicGroupView } from '@eventflow/shared';
import { RotateCcw } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/use-session';
import { formatSimTime } from '../../model/format';

type Mode = 'offset' | 'time';

/**
 * Moves a group back so its consumer reads the retained entries again, as a Kafka console's "reset offsets".
 * From a time, each partition starts at its first entry published at or after it (the engine maps it).
 */
export function ReplayForm({
  groups,
  group,
  onGroup,
}: {
  groups: readonly TopicGroupView[];
  group: TopicGroupView | undefined;
  onGroup: (group: string) => void;
}) {
  const session = useSession();
  const [mode, setMode] = useState<Mode>('offset');
  const [draft, setDraft] = useState('0');
  const [busy, setBusy] = useState(false);
  const value = Number(draft);
  const valid =
    draft.trim() !== '' &&
    Number.isFinite(value) &&
    value >= 0 &&
    (mode === 'time' || Number.isInteger(value));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!group || !valid) return;
    setBusy(true);
    await session.replayGroup(
      group.consumerNodeId,
      mode === 'offset' ? { fromOffset: value } : { fromTime: value },
    );
    setBusy(false);
  };
  if (!group) return null;
  return (
    <form
      className="ef-console__replay"
      aria-label="Replay a consumer group"
      onSubmit={(e) => void submit(e)}
    >
      <div className="ef-console__replay-row">
        <label>
          <span>Replay</span>
          <select aria-label="Group to replay" value={group.group} onChange={(e) => onGroup(e.target.value)}>
            {groups.map((g) => (
              <option key={g.group} value={g.group}>
                {g.group}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>from</span>
          <select aria-label="Replay from" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="offset">offset</option>
            <option value="time">time (ms)</option>
          </select>
        </label>
        <input
          aria-label={mode === 'offset' ? 'From offset' : 'From simulated time in ms'}
          className="ef-input ef-console__from"
          inputMode="numeric"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={!valid}
        />
        <button type="submit" className="ef-btn" disabled={!valid || busy}>
          <RotateCcw size={14} aria-hidden /> Replay
        </button>
      </div>
      <p className="ef-console__note">
        {mode === 'offset'
          ? `Every partition goes back to offset ${valid ? value.toLocaleString() : '…'} (or its oldest retained entry); the lag grows and Play delivers those events again.`
          : `Each partition goes back to its first entry published at or after ${valid ? formatSimTime(value) : '…'}.`}
      </p>
    </form>
  );
}
