export const MAIN_HELP = `eventflow: design, validate and run event-driven flows headlessly

Usage:
  eventflow validate FILE          check a *.flow.json file; prints every problem as "path: message"
  eventflow run FILE [options]     run a flow at full speed and print a summary
  eventflow help [COMMAND]         show help (also: eventflow COMMAND --help)

Exit codes: 0 ok · 1 invalid input or flow · 2 a run invariant (conservation) failed
`;

export const VALIDATE_HELP = `Usage: eventflow validate FILE

Checks the flow format, the graph rules and every CEL expression.
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

Exits 0 when the run ends with every invariant holding, 1 on bad input or when the OTLP file cannot be
written or the collector cannot be reached or refuses it, 2 when conservation fails.
`;
