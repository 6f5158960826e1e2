import { useAppStore } from '../app/use-app-store';

const PHASE_TEXT = {
  reading: 'Checking',
  uploading: 'Uploading',
  opening: 'Opening',
} as const;

/** How far a recorded trace has got: a million hops take seconds to check and to upload. */
export function RecordedProgress() {
  const progress = useAppStore((s) => s.recordedProgress);
  if (!progress) return null;
  const percent = Math.round(progress.fraction * 100);
  const busy = progress.phase === 'opening';
  return (
    <div className="ef-recorded-progress" role="status" data-testid="recorded.progress">
      <span>
        {PHASE_TEXT[progress.phase]} {progress.source}
        {busy ? '…' : ` · ${percent}%`}
      </span>
      <progress
        max={100}
        {...(busy ? {} : { value: percent })}
        aria-label={`${PHASE_TEXT[progress.phase]} ${progress.source}`}
      />
    </div>
  );
}
