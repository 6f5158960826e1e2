import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '@eventflow/shared';

/** `n` uniformly random bytes; `crypto.randomBytes` in production, a seeded sequence in tests. */
export type RandomBytes = (n: number) => Uint8Array;

/** Bytes at or above this would make some symbols likelier than others (256 is not a multiple of 31). */
const UNBIASED_BELOW = 256 - (256 % ROOM_CODE_ALPHABET.length);

/** A join code: `ROOM_CODE_LENGTH` symbols of the alphabet, each uniform (rejection sampling, no modulo bias). */
export function newRoomCode(random: RandomBytes): string {
  let code = '';
  while (code.length < ROOM_CODE_LENGTH) {
    for (const byte of random(ROOM_CODE_LENGTH * 2)) {
      if (byte >= UNBIASED_BELOW) continue;
      code += ROOM_CODE_ALPHABET[byte % ROOM_CODE_ALPHABET.length];
      if (code.length === ROOM_CODE_LENGTH) break;
    }
  }
  return code;
}

/** Bytes of a presenter key: 192 bits, far past guessing even without the join rate limit. */
export const PRESENTER_KEY_BYTES = 24;

export function newPresenterKey(random: RandomBytes): string {
  return Buffer.from(random(PRESENTER_KEY_BYTES)).toString('base64url');
}
