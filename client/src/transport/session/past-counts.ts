import { selectBackInTime } from '../../store/selectors';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';

/** Wall ms a step-back cursor must rest before its counters are asked for: holding the key asks once. */
export const PAST_COUNTS_DEBOUNCE_MS = 60;

interface Wanted {
  runId: string;
  seq: number;
}

/**
 * Keeps `pastCounts` in step with the back-in-time cursor: when the user steps back, asks the server to
 * recount the run's counters as of the hop on screen (`run:metrics-at`). One question at a time; while it
 * is out, only the newest cursor is remembered and asked next. An answer whose run or hop is no longer
 * the one on screen is dropped. Returns the unsubscribe.
 */
export function watchPastCounts(
  channel: Channel,
  store: AppStore,
  debounceMs = PAST_COUNTS_DEBOUNCE_MS,
): () => void {
  const get = () => store.getState();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asking = false;
  let lastKey = '';

  const wanted = (): Wanted | null => {
    const s = get();
    const hop = selectBackInTime(s);
    return hop && s.run.id ? { runId: s.run.id, seq: hop.seq } : null;
  };
  const same = (a: Wanted | null, b: Wanted) => a?.runId === b.runId && a.seq === b.seq;
  const answered = (w: Wanted) => {
    const p = get().pastCounts;
    return p?.runId === w.runId && p.counts.seq === w.seq;
  };

  const ask = async () => {
    timer = undefined;
    const w = wanted();
    if (asking || !w || answered(w)) return;
    asking = true;
    try {
      const r = await channel.send('run:metrics-at', w);
      if (r.ok && same(wanted(), w)) get().setPastCounts(w.runId, r.value);
    } finally {
      asking = false;
    }
    // The cursor moved while the question was out: ask for where it is now.
    const now = wanted();
    if (now && !answered(now)) schedule();
  };

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void ask(), debounceMs);
  };

  const unsubscribe = store.subscribe(() => {
    const w = wanted();
    const key = w ? `${w.runId}:${w.seq}` : '';
    if (key === lastKey) return;
    lastKey = key;
    if (w && !answered(w)) schedule();
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
