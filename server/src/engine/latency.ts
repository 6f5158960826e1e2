// The histogram lives in shared so a summary recounted from a trace (`summarizeTrace`) reports the very same
// percentiles as the engine that wrote it.
export {
  bucketOf,
  createHistogram,
  percentile,
  recordLatency as record,
  statsOf,
  type Histogram,
} from '@eventflow/shared';
