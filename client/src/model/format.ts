import { formatSimClock, formatSimDuration } from '@eventflow/shared';

/*
 * The client's names for simulated times. The rule lives once, in shared (`trace/time-format.ts`), because
 * the explanations built there print times too; these names only say which of its two readings a view wants.
 * (Shared's own `formatSimTime` is the RFC 3339 CloudEvent time, a different thing; views that show it say so.)
 */

/**
 * A moment on the simulated clock, in ms since the run's start: a hop's `t`, an event's time, the run clock,
 * a waterfall axis. Truncates like a clock (`2,997 ms` for 2,997.9), so it never shows a moment not yet reached.
 */
export const formatSimTime = (ms: number): string => formatSimClock(ms);

/** A length of simulated time in ms: a latency, a waterfall bar, a configured delay. Rounds to nearest. */
export const formatDuration = (ms: number): string => formatSimDuration(ms);
