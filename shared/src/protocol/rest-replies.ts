import { z } from 'zod';
import { BrokerKind } from '../trace/broker.js';
import { ErrorCode, Problem } from './result.js';

/**
 * What the REST API answers, as zod schemas: the server's routers build these shapes and the client parses
 * every answer with them (`client/src/transport/api.ts`), so neither side re-declares them.
 */

/** A listing entry of the server's flow library (`GET /api/flows`). `updated` is epoch ms of the last write. */
export const FlowListItem = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  revision: z.number().int(),
  updated: z.number(),
});
export type FlowListItem = z.infer<typeof FlowListItem>;
/** `GET /api/flows`, newest first. */
export const FlowList = z.array(FlowListItem);

/** A listing entry of the read-only examples (`GET /api/examples`). */
export const ExampleListItem = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
});
export type ExampleListItem = z.infer<typeof ExampleListItem>;
export const ExampleList = z.array(ExampleListItem);

/** `GET /api/flows/:id`: the document exactly as saved (checked by `parseFlow` where it is opened), with its bookkeeping (epoch ms). */
export const StoredFlowReply = z.object({
  id: z.string(),
  revision: z.number().int(),
  created: z.number(),
  updated: z.number(),
  flow: z.unknown(),
});
export type StoredFlowReply = z.infer<typeof StoredFlowReply>;

/** `POST /api/flows` and `PUT /api/flows/:id`: the revision now stored, and the graph/expression problems that did not stop the save. */
export const FlowWriteReply = z.object({
  id: z.string(),
  revision: z.number().int(),
  problems: z.array(Problem),
});
export type FlowWriteReply = z.infer<typeof FlowWriteReply>;

/** `POST /api/flows/validate`: answered 200 either way. */
export const ValidateReply = z.object({ ok: z.boolean(), problems: z.array(Problem) });
export type ValidateReply = z.infer<typeof ValidateReply>;

/** `GET /api/examples/:id`: a read-only template, parsed where it is opened. */
export const ExampleReply = z.object({ id: z.string(), flow: z.unknown() });
export type ExampleReply = z.infer<typeof ExampleReply>;

/** `GET /api/health`: `runs` is how many runs hold a worker. */
export const HealthReply = z.object({ ok: z.literal(true), runs: z.number().int() });
export type HealthReply = z.infer<typeof HealthReply>;

/** Every REST error: a stable code, a message, the problems by path, and on 409 the revision stored now. */
export const ErrorReply = z.object({
  code: ErrorCode,
  message: z.string(),
  problems: z.array(Problem).optional(),
  revision: z.number().int().optional(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;

/** `GET /api/runs/:runId/trace.ndjson`: one `Hop` per line; these headers say which part of the run it covers. */
export const TRACE_EXPORT_HEADERS = {
  /** Seq of the oldest stored hop (1 unless older hops were evicted). */
  firstSeq: 'X-Eventflow-First-Seq',
  /** Seq of the last hop the export covers. */
  lastSeq: 'X-Eventflow-Last-Seq',
  /** Hops evicted from the run's store so far: non-zero means the file does not start at the run's beginning. */
  evicted: 'X-Eventflow-Evicted',
} as const;

export const traceExportPath = (runId: string) => `/api/runs/${encodeURIComponent(runId)}/trace.ndjson`;

/** `GET /api/runs/:runId/trace.otlp.json`: the stored trace as OTLP/JSON (`traceToOtlp`), with the same headers. */
export const traceOtlpExportPath = (runId: string) =>
  `/api/runs/${encodeURIComponent(runId)}/trace.otlp.json`;

/** `GET /api/runtimes`: where a run can go: the simulator first, then each broker the server was configured with. */
export const RuntimeItem = z.object({
  id: z.union([z.literal('simulator'), BrokerKind]),
  /** What the picker shows, e.g. "NATS JetStream". */
  label: z.string(),
  /** Where the broker is, password masked (absent for the simulator). */
  address: z.string().optional(),
  /** What this runtime cannot do that the simulator does, in the user's words. */
  limits: z.array(z.string()),
});
export type RuntimeItem = z.infer<typeof RuntimeItem>;
export const RuntimeList = z.array(RuntimeItem);
