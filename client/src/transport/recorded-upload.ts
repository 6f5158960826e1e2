import {
  ErrorReply,
  RECORDED_UPLOAD_PATH,
  RecordedUploadReply,
  SESSION_HEADER,
  type Problem,
} from '@eventflow/shared';

export type UploadResult =
  { ok: true; value: RecordedUploadReply } | { ok: false; message: string; problems: Problem[] };

/** Sends a trace's NDJSON to `POST /api/recorded`; `onProgress` gets the fraction sent (0..1). */
export type TraceUploader = (
  ndjson: string,
  token: string,
  onProgress: (fraction: number) => void,
) => Promise<UploadResult>;

/**
 * The browser's uploader: XMLHttpRequest, because `fetch` reports no upload progress, and a trace of a million
 * hops takes long enough on a slow link that the user must see it move.
 */
export const xhrUploader: TraceUploader = (ndjson, token, onProgress) =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', RECORDED_UPLOAD_PATH);
    xhr.setRequestHeader('content-type', 'application/x-ndjson');
    xhr.setRequestHeader(SESSION_HEADER, token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => resolve({ ok: false, message: 'the server cannot be reached', problems: [] });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = undefined;
      }
      if (xhr.status === 201) {
        const reply = RecordedUploadReply.safeParse(body);
        return resolve(
          reply.success
            ? { ok: true, value: reply.data }
            : { ok: false, message: 'the server answered the upload in another shape', problems: [] },
        );
      }
      const err = ErrorReply.safeParse(body);
      resolve({
        ok: false,
        message: err.success ? err.data.message : `the upload failed (HTTP ${xhr.status})`,
        problems: err.success ? (err.data.problems ?? []) : [],
      });
    };
    xhr.send(ndjson);
  });
