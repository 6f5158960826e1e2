export const MAIN_HELP = `eventflow: design, validate and run event-driven flows headlessly

Usage:
  eventflow validate FILE          check a *.flow.json file or an AsyncAPI document; prints every
                                   problem as "path: message"
  eventflow run FILE [options]     run a flow at full speed and print a summary
  eventflow export FILE -f FORMAT  write the flow as AsyncAPI 3 (JSON or YAML) or a Mermaid flowchart
  eventflow import FILE [-o OUT]   turn an AsyncAPI 3 document (YAML or JSON) into a flow
  eventflow help [COMMAND]         show help (also: eventflow COMMAND --help)

Exit codes: 0 ok · 1 invalid input or flow · 2 a run invariant (conservation) failed
`;

export const VALIDATE_HELP = `Usage: eventflow validate FILE

Checks the flow format, the graph rules and every CEL expression.

An AsyncAPI document (YAML or JSON, with an "asyncapi" field) is checked with the AsyncAPI
parser instead: every diagnostic is printed as "severity: path: message (line N)", then what
"eventflow import" would make of it (its nodes and edges, and what it cannot carry over, as warnings).

Exits 0 when valid (warnings are printed but do not fail), 1 otherwise.
`;

export const RUN_HELP = `Usage: eventflow run FILE [options]

Runs the flow in the deterministic engine at full speed (simulated time, no waiting).

Options:
  --seed N           PRNG seed (integer ≥ 0); defaults to the flow's "seed", else 1
  --until-ms N       stop at this simulated time; required when a producer has a rate but no count
  --max-events N     stop after N events have been produced
  --json             print exactly one JSON object (the run summary) instead of tables
  --trace OUT        write every hop as one JSON line (NDJSON) to OUT, streamed
  --otlp OUT         write the trace as OpenTelemetry OTLP/JSON to OUT (for Jaeger or a collector)
  --otlp-endpoint URL
                     POST the OTLP/JSON trace to URL/v1/traces (a collector's OTLP/HTTP port,
                     e.g. http://127.0.0.1:4318) and report the HTTP status
  --replay           FILE is a shared run (*.replay.json, "Share this run"): replay its flow, seed and
                     commands exactly, then run on to the end (not with --seed)
  -h, --help         show this help

On a real broker (wall time; the same summary and --trace format, hops say where each message was):
  --broker URL       run on nats://host:4222 (JetStream), redis://host:6379 (Streams),
                     amqp://user:pass@host:5672 (RabbitMQ) or mqtt://host:1883 instead of the simulator
  --compare          also run the simulator on the same flow and seed; print both side by side
  --speed N          run N times faster than the flow's ms (pacing, processing, backoff); default 1
  --keep             leave the run's streams, keys, queues and topics on the broker to inspect them
  --until-ms N       with --broker: stop after N ms of the flow's time, whatever is in flight

Exits 0 when the run ends with every invariant holding, 1 on bad input, an unusable or lost broker, or
when the OTLP file cannot be written or the collector cannot be reached or refuses it, 2 when conservation fails.
`;

export const EXPORT_HELP = `Usage: eventflow export FILE --format FORMAT [options]

Writes the flow in a standard format, to stdout unless -o is given.

Formats:
  asyncapi           AsyncAPI 3.0 document as JSON: a channel per topic, send/receive operations per
                     producer, consumer and webhook, CloudEvent messages with inferred data schemas
  asyncapi-yaml      the same document as YAML
  mermaid            Mermaid flowchart (paste into Markdown, GitHub renders it)

Options:
  -f, --format F     asyncapi | asyncapi-yaml | mermaid (required)
  -o, --out OUT      write to OUT instead of stdout
  --server BROKER    AsyncAPI: name a kafka | amqp | mqtt | nats server and use its bindings
                     (default: no servers, Kafka bindings for partitions and groups)
  --node ID          AsyncAPI: only the application with this node id (producer, consumer, webhook)
  -h, --help         show this help

Exits 0 when written, 1 on bad input or an invalid flow.
`;

export const IMPORT_HELP = `Usage: eventflow import FILE [-o OUT]

Turns an AsyncAPI 3 document (YAML or JSON) into a flow, printed to stdout unless -o is given:
a topic per channel (partitions from a Kafka binding), a producer per application that only sends,
a consumer per application that receives (its sends become emits; its group from a Kafka groupId or
NATS queue binding), laid out left to right. What cannot be carried over is printed as warnings.

Options:
  -o, --out OUT      write the flow to OUT instead of stdout
  -h, --help         show this help

Exits 0 when a valid flow was made (warnings do not fail), 1 otherwise.
`;
