import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const PROTO_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'otlp-proto');
const SERVICE = 'opentelemetry/proto/collector/trace/v1/trace_service.proto';

/** The OpenTelemetry protos, loaded once; imports resolve inside `otlp-proto/`. */
function loadRequestType(): protobuf.Type {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(PROTO_DIR, target);
  root.loadSync(SERVICE);
  return root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
}
let requestType: protobuf.Type | undefined;

const INT32 = new Set(['int32', 'uint32', 'fixed32', 'sint32', 'sfixed32']);
const INT64 = new Set(['int64', 'uint64', 'fixed64', 'sint64', 'sfixed64']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * OTLP/JSON → protobufjs plain object, strictly per the message definitions: every key must be a field of its
 * message (JSON name), every value of its field's type; `bytes` are the hex OTLP/JSON demands of ids (not
 * proto3's base64), 64-bit integers decimal strings or safe integers, enums known numbers or names.
 */
function fromJson(type: protobuf.Type, json: unknown, at: string): Record<string, unknown> {
  if (!isRecord(json)) throw new Error(`${at}: expected a ${type.name} object`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) {
    const field = type.fields[k];
    if (!field) throw new Error(`${at}.${k}: ${type.name} has no field ${k}`);
    field.resolve();
    if (field.repeated) {
      if (!Array.isArray(v)) throw new Error(`${at}.${k}: expected an array`);
      out[k] = v.map((x, i) => valueOf(field, x, `${at}.${k}[${i}]`));
    } else out[k] = valueOf(field, v, `${at}.${k}`);
  }
  return out;
}

function valueOf(field: protobuf.Field, v: unknown, at: string): unknown {
  const t = field.resolvedType;
  if (t instanceof protobuf.Type) return fromJson(t, v, at);
  if (t instanceof protobuf.Enum) {
    const known =
      typeof v === 'number' ? Object.values(t.values).includes(v) : typeof v === 'string' && v in t.values;
    if (!known) throw new Error(`${at}: ${JSON.stringify(v)} is not a ${t.name}`);
    return typeof v === 'string' ? t.values[v] : v;
  }
  const fail = (what: string) => new Error(`${at}: expected ${what}, got ${JSON.stringify(v)}`);
  if (field.type === 'string') {
    if (typeof v !== 'string') throw fail('a string');
    return v;
  }
  if (field.type === 'bool') {
    if (typeof v !== 'boolean') throw fail('a boolean');
    return v;
  }
  if (field.type === 'bytes') {
    if (typeof v !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(v)) throw fail('hex bytes');
    return Uint8Array.from(v.match(/../g) ?? [], (h) => parseInt(h, 16));
  }
  if (INT32.has(field.type)) {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw fail('a 32-bit integer');
    return v;
  }
  if (INT64.has(field.type)) {
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return v;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
    throw fail('a 64-bit integer (decimal string)');
  }
  if (field.type === 'double' || field.type === 'float') {
    if (typeof v !== 'number') throw fail('a number');
    return v;
  }
  throw new Error(`${at}: unsupported field type ${field.type}`);
}

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** A decoded request, as protobufjs gives it back after a binary round trip (ids hex, 64-bit ints strings). */
export interface DecodedRequest {
  /** Bytes of the protobuf encoding: what an OTLP/HTTP protobuf exporter would send. */
  wireBytes: number;
  object: Record<string, unknown>;
}

/**
 * Decodes an OTLP/JSON export with the OpenTelemetry protobuf definitions, encodes it to protobuf wire format
 * and decodes that back, so anything the definitions do not allow throws here rather than in a collector.
 */
export function decodeOtlpJson(json: unknown): DecodedRequest {
  requestType ??= loadRequestType();
  const message = requestType.fromObject(fromJson(requestType, json, '$'));
  const problem = requestType.verify(message);
  if (problem) throw new Error(`not a valid ExportTraceServiceRequest: ${problem}`);
  const wire = requestType.encode(message).finish();
  const back = requestType.decode(wire);
  const object = requestType.toObject(back, { longs: String, enums: Number });
  return { wireBytes: wire.length, object: hexIds(object) as Record<string, unknown> };
}

/** protobufjs gives bytes back as Uint8Array: turn them into hex again so the result compares with the JSON. */
function hexIds(v: unknown): unknown {
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return v.map(hexIds);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hexIds(x)]));
  return v;
}
