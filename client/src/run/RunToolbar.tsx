import './run.css';
import { Pause, Play, RotateCcw, Share2, SkipBack, SkipForward, Square } from 'lucide-react';
import { downloadText } from '../canvas/export-image';
import { useShallow } from 'zustand/react/shallow';
import type { Speed } from '@eventflow/shared';
import { useAppStore } from '../app/use-app-store';
import { BackInTime } from './BackInTime';
import { FireMenu } from './FireMenu';
import { RuntimePicker } from './RuntimePicker';
import { SimClock } from './SimClock';
import { useSession } from '../app/use-session';
import { selectWatchesPresenter } from '../store/room-slice';

export const SPEEDS: readonly Speed[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 'max'];
const speedLabel = (s: Speed) => (s === 'max' ? 'max' : `${s}×`);

/** Play, pause, step, step back, reset, speed, seed and the simulated clock. */
export function RunToolbar() {
  const c = useSession();
  const { id, phase, speed, seed, error } = useAppStore(
    useShallow((s) => ({
      id: s.run.id,
      phase: s.run.phase,
      speed: s.run.speed,
      seed: s.run.seed ?? s.present.seed ?? 1,
      error: s.run.error,
    })),
  );
  const hasHops = useAppStore((s) => s.live.hops.length > 0);
  const onBroker = useAppStore((s) => s.runtime !== 'simulator');
  const presenter = useAppStore((s) => (selectWatchesPresenter(s) ? (s.room?.presenterName ?? '') : null));
  if (presenter !== null)
    return (
      <div
        className="ef-run"
        role="group"
        aria-label="Run controls"
        data-run-id={id ?? ''}
        data-phase={phase}
      >
        <span className="ef-run__presenter" data-testid="run.presenter-controls">
          {presenter} controls this run
        </span>
        <span className="ef-run__presenter-speed" title="The presenter’s speed">
          {speedLabel(speed)}
        </span>
        <SimClock />
      </div>
    );
  const running = phase === 'running';
  const ended = phase === 'completed' || phase === 'stopped' || phase === 'failed';
  const active = phase === 'running' || phase === 'paused' || phase === 'starting';
  return (
    <div className="ef-run" role="group" aria-label="Run controls" data-run-id={id ?? ''} data-phase={phase}>
      <RuntimePicker disabled={active} />
      {running ? (
        <button
          type="button"
          className="ef-tool ef-run__main"
          aria-label="Pause"
          title={
            onBroker
              ? 'A run on a broker cannot pause: the broker keeps delivering. Stop ends it.'
              : 'Pause (Space)'
          }
          disabled={onBroker}
          onClick={() => void c.pause()}
        >
          <Pause size={16} aria-hidden />
        </button>
      ) : (
        <button
          type="button"
          className="ef-tool ef-run__main is-play"
          aria-label="Play"
          title={ended ? 'Run again from t = 0 (Space)' : 'Play (Space)'}
          onClick={() => void c.play()}
        >
          <Play size={16} aria-hidden />
        </button>
      )}
      <button
        type="button"
        className="ef-tool"
        aria-label="Step back"
        title="Step back through the recorded hops (,)"
        disabled={!hasHops}
        onClick={c.stepBack}
      >
        <SkipBack size={16} aria-hidden />
      </button>
      {/* Stepping and resetting are the simulator's: a broker delivers in its own time. */}
      {!onBroker && (
        <button
          type="button"
          className="ef-tool"
          aria-label="Step"
          title="Step: next hop (.)"
          disabled={ended}
          onClick={() => void c.step()}
        >
          <SkipForward size={16} aria-hidden />
        </button>
      )}
      {!onBroker && (
        <button
          type="button"
          className="ef-tool"
          aria-label="Reset"
          title="Reset to t = 0 with the same seed"
          disabled={!id}
          onClick={() => void c.reset()}
        >
          <RotateCcw size={16} aria-hidden />
        </button>
      )}
      <button
        type="button"
        className="ef-tool"
        aria-label="Stop"
        title="Stop the run"
        disabled={!id || ended}
        onClick={() => void c.stop()}
      >
        <Square size={14} aria-hidden />
      </button>
      <label
        className="ef-run__field"
        title={onBroker ? 'A broker runs in wall time: speed is the simulator’s' : 'Simulated ms per wall ms'}
      >
        <span className="ef-run__label">Speed</span>
        <select
          aria-label="Speed"
          disabled={onBroker}
          value={String(speed)}
          onChange={(e) => void c.setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="ef-run__field" title="Random seed: the same seed gives the same trace">
        <span className="ef-run__label">Seed</span>
        <input
          aria-label="Seed"
          type="number"
          min={0}
          value={seed}
          onChange={(e) => {
            const v = Number.parseInt(e.target.value, 10);
            if (Number.isInteger(v) && v >= 0 && v <= 0xffffffff) void c.setSeed(v);
          }}
        />
      </label>
      <SimClock />
      <BackInTime />
      <span
        className={`ef-run__phase is-${phase}`}
        data-testid="run.phase"
        role="status"
        aria-label={`Run ${phase}`}
        title={`Run ${phase}`}
      />
      <FireMenu />
      <button
        type="button"
        className="ef-tool"
        aria-label="Share this run"
        title="Share this run: download a replay file (flow, seed and your commands) that reproduces it exactly"
        data-testid="run.share"
        disabled={!id}
        onClick={() => void c.shareRun().then((file) => file && downloadText(file.text, file.fileName))}
      >
        <Share2 size={16} aria-hidden />
      </button>
      {error && phase === 'idle' && (
        <span className="ef-run__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
