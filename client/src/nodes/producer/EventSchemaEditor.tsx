import { EventDataSchema, type EventSchema, type SchemaVersion } from '@eventflow/shared';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { selectEventSchemas, selectProblems } from '../../store/selectors';

const STARTER: EventDataSchema = { type: 'object', properties: {}, required: [] };

/** The JSON text's problem, or the schema it holds: a syntax error or the first keyword at fault, by path. */
function parseSchema(text: string): { ok: true; schema: EventDataSchema } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : 'not JSON' };
  }
  const r = EventDataSchema.safeParse(json);
  if (r.success) return { ok: true, schema: r.data };
  const issue = r.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.') || 'schema'}: ${issue?.message ?? 'invalid'}` };
}

function VersionEditor(props: {
  eventType: string;
  version: SchemaVersion;
  /** A problem validation found in this version: an error (unreadable) or a warning (an incompatible change). */
  problem: { message: string; severity: 'error' | 'warning' } | undefined;
  onChange: (schema: EventDataSchema) => void;
}) {
  const { eventType, version, problem, onChange } = props;
  // The text is the user's while they type: an unparsable draft stays here and is never committed.
  const [text, setText] = useState(() => JSON.stringify(version.schema, null, 2));
  const [local, setLocal] = useState<string | undefined>();
  const id = `schema-${eventType}-v${version.version}`;
  // A draft that does not parse is an error of its own; otherwise what validation says, at its severity.
  const shown = local !== undefined ? { message: local, severity: 'error' as const } : problem;
  const isError = shown?.severity === 'error';
  return (
    <div className="ef-field">
      <label className="ef-field__label" htmlFor={id}>
        v{version.version} JSON Schema
      </label>
      <textarea
        id={id}
        className="ef-input ef-input--code"
        data-testid={`inspector.schema.v${version.version}`}
        rows={8}
        spellCheck={false}
        value={text}
        aria-invalid={isError}
        onChange={(e) => {
          setText(e.target.value);
          const r = parseSchema(e.target.value);
          setLocal(r.ok ? undefined : r.message);
          if (r.ok) onChange(r.schema);
        }}
      />
      {shown && (
        <div
          className={isError ? 'ef-field__error' : 'ef-field__warning'}
          role={isError ? 'alert' : 'status'}
        >
          {shown.message}
        </div>
      )}
    </div>
  );
}

/**
 * The schemas of the producer's event type, as a schema registry holds them: one JSON Schema per version,
 * edited as text with its errors inline (a syntax or keyword error here, compatibility problems from validation).
 */
export function EventSchemaEditor({ eventType }: { eventType: string }) {
  const schemas = useAppStore(selectEventSchemas);
  const problems = useAppStore(selectProblems);
  const setEventSchema = useAppStore((s) => s.setEventSchema);
  const at = schemas.findIndex((e) => e.eventType === eventType);
  const entry: EventSchema | undefined = schemas[at];
  const problemOf = (j: number) => problems.find((p) => p.path.startsWith(`schemas[${at}].versions[${j}]`));
  const put = (versions: SchemaVersion[]) =>
    setEventSchema(eventType, { ...(entry ?? { eventType }), versions });
  return (
    <fieldset className="ef-fieldset" data-testid="inspector.schemas">
      <legend>Schemas of {eventType}</legend>
      {entry?.versions.map((v, j) => (
        <VersionEditor
          key={v.version}
          eventType={eventType}
          version={v}
          problem={problemOf(j)}
          onChange={(schema) => put(entry.versions.map((x, k) => (k === j ? { ...x, schema } : x)))}
        />
      ))}
      <button
        type="button"
        className="ef-btn ef-btn--small"
        onClick={() => {
          const last = entry?.versions[entry.versions.length - 1];
          put([
            ...(entry?.versions ?? []),
            { version: (last?.version ?? 0) + 1, schema: last?.schema ?? STARTER },
          ]);
        }}
      >
        <Plus size={14} /> {entry ? 'Add a version' : 'Add a schema'}
      </button>
    </fieldset>
  );
}
