import './lessons.css';
import { BookOpen, Check, CircleCheck, CircleX, FolderOpen, Hourglass, X } from 'lucide-react';
import { useEffect } from 'react';
import type { LessonChecked, LessonEntry, LessonTally } from '@eventflow/shared';
import { useAppStore } from '../app/use-app-store';
import { useSession } from '../app/use-session';

function Result({ result }: { result: LessonChecked }) {
  const tone = result.pass ? 'pass' : result.finished ? 'fail' : 'wait';
  const Icon = result.pass ? CircleCheck : result.finished ? CircleX : Hourglass;
  return (
    <p
      className={`ef-lesson__result is-${tone}`}
      role="status"
      data-testid={`lessons.result.${result.lessonId}`}
    >
      <Icon size={16} aria-hidden />
      <span>
        <strong>{result.pass ? 'Passed' : result.finished ? 'Not yet' : 'Still running'}</strong>{' '}
        {result.reason}
      </span>
    </p>
  );
}

function LessonCard({ entry, open }: { entry: LessonEntry; open: boolean }) {
  const session = useSession();
  const { lesson, id } = entry;
  const result = useAppStore((s) => s.lessons.results[id]);
  const checking = useAppStore((s) => s.lessons.checking === id);
  const hasRun = useAppStore((s) => s.run.id !== null);
  const setActive = useAppStore((s) => s.setActiveLesson);
  return (
    <details className="ef-lesson" open={open} data-testid={`lessons.item.${id}`}>
      <summary>
        <span className="ef-lesson__concept">{lesson.concept}</span>
        {result && (
          <span className={`ef-lesson__badge is-${result.pass ? 'pass' : 'fail'}`}>
            {result.pass && <Check size={12} aria-hidden />}
            {result.pass ? 'passed' : 'not yet'}
          </span>
        )}
      </summary>
      <p>{lesson.summary}</p>
      <h4>What to watch</h4>
      <p>{lesson.watch}</p>
      <h4>Try this</h4>
      <p>{lesson.tryThis}</p>
      <div className="ef-lesson__goal">
        <span className="ef-lesson__goal-label">Check</span> {lesson.check.goal}
      </div>
      <div className="ef-lesson__actions">
        <button
          type="button"
          className="ef-btn"
          data-testid={`lessons.open.${id}`}
          onClick={() => {
            setActive(id);
            void session.openExample(id);
          }}
        >
          <FolderOpen size={14} aria-hidden /> Open example
        </button>
        <button
          type="button"
          className="ef-btn ef-btn--primary"
          data-testid={`lessons.check.${id}`}
          disabled={checking}
          title={hasRun ? 'The server checks your current run' : 'Run the flow first'}
          onClick={() => void session.checkLesson(id)}
        >
          <Check size={14} aria-hidden /> {checking ? 'Checking…' : 'Check my run'}
        </button>
      </div>
      {result && <Result result={result} />}
    </details>
  );
}

function Tally({ tally, goals }: { tally: LessonTally; goals: Map<string, string> }) {
  if (tally.length === 0)
    return (
      <p className="ef-lessons__empty">
        No attendee has checked a lesson yet. Results appear here as they do.
      </p>
    );
  return (
    <ul className="ef-lessons__tally" aria-label="Workshop tally">
      {tally.map((t) => (
        <li key={t.lessonId} data-testid={`lessons.tally.${t.lessonId}`}>
          <div className="ef-lessons__tally-head">
            <span>{goals.get(t.lessonId) ?? t.goal}</span>
            <span className="ef-lessons__count">
              {t.passed}/{t.attempted} passed
            </span>
          </div>
          <meter
            min={0}
            max={Math.max(1, t.attempted)}
            value={t.passed}
            aria-label={`${t.passed} of ${t.attempted} passed`}
          />
          <p className="ef-lessons__names">
            {t.attendees.map((a) => (
              <span key={a.attendeeId} className={a.pass ? 'is-pass' : 'is-fail'}>
                {a.pass ? '✓' : '✗'} {a.name}
              </span>
            ))}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Lessons built from the examples: the concept, what to watch, a try-this and a check the server runs. */
export function LessonsPanel() {
  const session = useSession();
  const { list, error, tally } = useAppStore((s) => s.lessons);
  const close = useAppStore((s) => s.toggleLessons);
  const active = useAppStore((s) => s.lessons.active);
  useEffect(() => {
    if (list === null && error === null) void session.loadLessons();
  }, [list, error, session]);
  const goals = new Map((list ?? []).map((l) => [l.id, l.lesson.check.goal]));
  return (
    <aside className="ef-lessons" aria-label="Lessons" data-testid="lessons.panel">
      <header className="ef-lessons__header">
        <BookOpen size={16} aria-hidden />
        <h3>Lessons</h3>
        <button
          type="button"
          className="ef-tool"
          aria-label="Close lessons"
          title="Close (Shift+L)"
          onClick={() => close(false)}
        >
          <X size={16} aria-hidden />
        </button>
      </header>
      {tally && (
        <section className="ef-lessons__section">
          <h4>Workshop tally</h4>
          <Tally tally={tally} goals={goals} />
        </section>
      )}
      {error && (
        <p className="ef-lessons__empty" role="alert">
          {error}
        </p>
      )}
      {!error && list === null && <p className="ef-lessons__empty">Loading lessons…</p>}
      {list?.length === 0 && (
        <p className="ef-lessons__empty">
          No lessons on this server. A lesson is one file next to its example:
          examples/&lt;id&gt;.lesson.json.
        </p>
      )}
      {list && list.length > 0 && (
        <>
          <p className="ef-lessons__intro">
            Open a lesson&apos;s example, run it, try the change it suggests, then let the server check your
            run.
          </p>
          {list.map((entry) => (
            <LessonCard key={entry.id} entry={entry} open={entry.id === active} />
          ))}
        </>
      )}
    </aside>
  );
}
