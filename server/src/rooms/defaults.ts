/** Workshop ceilings and timings; `createApp` takes overrides (tests shorten the TTL and the limits). */
export interface RoomOptions {
  /** A room nobody is connected to expires after this many wall ms. */
  idleTtlMs: number;
  /** How often idle rooms are looked for (wall ms). */
  sweepMs: number;
  maxRooms: number;
  maxRoomsPerPresenter: number;
  /** Attendees per room (connected or not); the target is 100, with room to spare. */
  maxAttendees: number;
  /** Failed joins/claims per address: `burst` at once, then `perSecond`. */
  joinLimit: { burst: number; perSecond: number };
}

export const DEFAULT_ROOM_OPTIONS: RoomOptions = {
  idleTtlMs: 30 * 60_000,
  sweepMs: 60_000,
  maxRooms: 200,
  maxRoomsPerPresenter: 3,
  maxAttendees: 500,
  joinLimit: { burst: 10, perSecond: 0.5 },
};
