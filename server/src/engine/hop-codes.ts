import { HOP_TYPES, type HopType } from '@eventflow/shared';

/** Hop types as small integers for the typed-array store; the index into HOP_TYPES. */
export const H = Object.fromEntries(HOP_TYPES.map((t, i) => [t, i])) as { readonly [K in HopType]: number };

export const hopTypeName = (code: number): HopType => HOP_TYPES[code] ?? 'produced';

/** Bit per hop type, so one event's hop types can be summarised in one integer. */
export const hopBit = (code: number) => 1 << code;
