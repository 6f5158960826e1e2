import { selectWatchesPresenter } from '../../store/room-slice';
import type { AppStore } from '../../store/store';

/** Said to a workshop attendee who presses a run control: the run on screen is the presenter's. */
export const PRESENTERS_RUN = 'The presenter runs this flow. Fork it to try it yourself.';

/** True (and the attendee is told why) when the run on screen is a followed presenter's: control stays theirs. */
export function refusePresentersRun(store: AppStore): boolean {
  if (!selectWatchesPresenter(store.getState())) return false;
  store.getState().notify(PRESENTERS_RUN);
  return true;
}
