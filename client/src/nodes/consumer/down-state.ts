import type { AppState } from '../../store/store';

/**
 * How many of a consumer's live instances are down, as "down/total" ('' when none or no run): a string, so
 * the node re-renders only when the figure changes, not on every metrics message.
 */
export const selectDownState =
  (id: string) =>
  (s: AppState): string => {
    const instances = s.metrics?.nodes[id]?.instances;
    if (!instances || instances.length === 0) return '';
    const down = instances.filter((i) => i.down === true).length;
    return down === 0 ? '' : `${down}/${instances.length}`;
  };

/** Whether every instance of the consumer is down, from a `selectDownState` value. */
export const isAllDown = (state: string): boolean => {
  const [down, total] = state.split('/');
  return state !== '' && down === total;
};
