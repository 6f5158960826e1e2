import { memo, useMemo } from 'react';
import { useAppStore } from '../app/use-app-store';
import { deltaBadges } from '../model/run-compare';
import { selectNodeDelta, selectOnDeadLetterSide } from '../store/compare-selectors';

/** A node's +/- against the recorded run it is compared with, above the node so its box keeps its size. */
export const CompareBadges = memo(function CompareBadges({ id }: { id: string }) {
  const delta = useAppStore(useMemo(() => selectNodeDelta(id), [id]));
  const deadLetterSide = useAppStore(useMemo(() => selectOnDeadLetterSide(id), [id]));
  const badges = useMemo(() => deltaBadges(delta, deadLetterSide), [delta, deadLetterSide]);
  if (badges.length === 0) return null;
  return (
    <div
      className="ef-delta nodrag"
      data-testid={`node.${id}.delta`}
      title="This run − the recorded run it is compared with"
    >
      {badges.map((b) => (
        <span
          key={b.key}
          className={`ef-delta__badge is-${b.tone}`}
          data-testid={`node.${id}.delta.${b.key}`}
        >
          {b.text}
        </span>
      ))}
    </div>
  );
});
