import { randomBytes } from 'node:crypto';

/**
 * Traces uploaded over REST and not yet opened (decision 0030). Each belongs to the session that uploaded it:
 * `take` hands its bytes to that session only, once, and an untaken one is dropped after `ttlMs`. Their bytes
 * are bounded together, so uploads cannot hold more of the server's memory than `maxBytes`.
 */
export interface RecordedUploads {
  /** Whether `bytes` more fit beside what is held now (the route asks as the body streams in). */
  fits(owner: string, bytes: number): boolean;
  /** Keeps a validated trace for `owner`, replacing that owner's older untaken one; undefined when it no longer fits. */
  put(owner: string, ndjson: Buffer, hops: number): { uploadId: string; expiresInMs: number } | undefined;
  /** The trace's bytes for its owner (and forgets it); `forbidden` for anyone else, `not-found` when unknown. */
  take(uploadId: string, owner: string): Buffer | 'forbidden' | 'not-found';
  /** Bytes held now. */
  bytes(): number;
  /** Drops everything (server shutdown). */
  clear(): void;
}

export interface RecordedUploadOptions {
  ttlMs: number;
  maxBytes: number;
}

export const DEFAULT_RECORDED_UPLOADS: RecordedUploadOptions = {
  ttlMs: 10 * 60_000,
  maxBytes: 512 * 1024 * 1024,
};

interface Upload {
  owner: string;
  ndjson: Buffer;
  timer: NodeJS.Timeout;
}

export function createRecordedUploads(opts: RecordedUploadOptions): RecordedUploads {
  const uploads = new Map<string, Upload>();
  const held = () => [...uploads.values()].reduce((sum, u) => sum + u.ndjson.byteLength, 0);
  const drop = (id: string) => {
    const u = uploads.get(id);
    if (!u) return;
    clearTimeout(u.timer);
    uploads.delete(id);
  };
  // An owner's older upload is replaced by its next one, so it does not count against the new one.
  const heldBesides = (owner: string) =>
    held() -
    [...uploads.values()].filter((u) => u.owner === owner).reduce((s, u) => s + u.ndjson.byteLength, 0);
  return {
    fits: (owner, bytes) => heldBesides(owner) + bytes <= opts.maxBytes,
    put(owner, ndjson, _hops) {
      if (heldBesides(owner) + ndjson.byteLength > opts.maxBytes) return undefined;
      for (const [id, u] of uploads) if (u.owner === owner) drop(id);
      const uploadId = randomBytes(18).toString('base64url');
      const timer = setTimeout(() => drop(uploadId), opts.ttlMs);
      // An untaken upload must not keep the process alive at shutdown.
      timer.unref();
      uploads.set(uploadId, { owner, ndjson, timer });
      return { uploadId, expiresInMs: opts.ttlMs };
    },
    take(uploadId, owner) {
      const u = uploads.get(uploadId);
      if (!u) return 'not-found';
      if (u.owner !== owner) return 'forbidden';
      drop(uploadId);
      return u.ndjson;
    },
    bytes: held,
    clear() {
      for (const id of [...uploads.keys()]) drop(id);
    },
  };
}
