import { KindColours } from '../nodes/KindColours';
import { useCallback, useEffect, useState } from 'react';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { Inspector } from '../panels/inspector/Inspector';
import { Palette } from '../panels/Palette';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { StatusBar } from '../panels/StatusBar';
import { EventsTabLabel, TracePanel } from '../trace/TracePanel';
import { TopicConsole } from '../trace/console/TopicConsole';
import { RunSummary } from '../trace/RunSummary';
import { useSummaryOpen } from '../trace/use-summary-open';
import { BreakpointsPanel, BreakpointsTabLabel } from '../trace/BreakpointsPanel';
import { useAppStoreApi } from './use-app-store';
import { Dialogs } from './Dialogs';
import { RecordedProgress } from '../run/RecordedProgress';
import { Toast } from './Toast';
import { Toolbar } from './Toolbar';
import { useSession } from './use-session';
import { useDraft } from './use-draft';
import { useServerStatus } from './use-server-status';
import { useShortcuts } from './use-shortcuts';
import { useTheme } from './use-theme';
import { selectErrorCount } from '../store/selectors';
import { useAppStore } from './use-app-store';
import { LessonsPanel } from '../lessons/LessonsPanel';
import { selectWatchesPresenter } from '../store/room-slice';
import { AttendeePanel } from '../panels/workshop/AttendeePanel';
import { WorkshopEnded } from '../panels/workshop/WorkshopEnded';
import { WorkshopPanel } from '../panels/workshop/WorkshopPanel';
import { useJoinLink } from './use-join-link';

/** The designer shell: toolbar, palette | canvas + dock | inspector, status bar. */
export function App() {
  const store = useAppStoreApi();
  const actions = useSession();
  useTheme(store);
  useDraft(store, actions);
  useServerStatus(store);
  useShortcuts(store, actions);
  useJoinLink(store);
  const [dockOpen, setDockOpen] = useState(true);
  const [dockTab, setDockTab] = useState<'problems' | 'events' | 'summary' | 'breakpoints'>('problems');
  const showTab = (tab: 'problems' | 'events' | 'summary' | 'breakpoints') => {
    setDockOpen(!(dockOpen && dockTab === tab));
    setDockTab(tab);
  };
  // A new run opens the Events tab: that is where its events and their paths are.
  const runId = useAppStore((s) => s.run.id);
  useEffect(() => {
    if (!runId) return;
    setDockTab('events');
    setDockOpen(true);
  }, [runId]);
  // A run that pauses or ends opens its Run summary: the figures the examples point at.
  useSummaryOpen(
    useCallback(() => {
      setDockTab('summary');
      setDockOpen(true);
    }, []),
  );
  // A pause at a breakpoint shows the Events tab: the step card there is on the hop it paused at.
  const hitSeq = useAppStore((s) => s.breakpointHit?.seq);
  useEffect(() => {
    if (hitSeq === undefined) return;
    setDockTab('events');
    setDockOpen(true);
  }, [hitSeq]);
  // A workshop attendee is shown the event the presenter selects: its step-through is on the Events tab.
  const followedEvent = useAppStore((s) =>
    selectWatchesPresenter(s) ? (s.selection?.eventId ?? null) : null,
  );
  useEffect(() => {
    if (!followedEvent) return;
    setDockTab('events');
    setDockOpen(true);
  }, [followedEvent]);
  const problemCount = useAppStore((s) => s.validation.problems.length);
  const errors = useAppStore(selectErrorCount);
  const consoleOpen = useAppStore((s) => s.topicConsole !== null);
  const lessonsOpen = useAppStore((s) => s.lessons.open);
  const watching = useAppStore(selectWatchesPresenter);
  const presenting = useAppStore((s) => s.room?.role === 'presenter');
  return (
    <div className="ef-app">
      <KindColours />
      <Toolbar />
      <div className={`ef-main${consoleOpen ? ' has-console' : ''}${watching ? ' is-following' : ''}`}>
        {!watching && <Palette />}
        <main className="ef-center">
          <FlowCanvas />
          <section
            className={`ef-dock${dockOpen ? '' : ' is-collapsed'}${dockOpen && (dockTab === 'events' || dockTab === 'summary') ? ' is-events' : ''}${dockOpen && dockTab === 'breakpoints' ? ' is-breakpoints' : ''}`}
            aria-label="Dock"
          >
            <div className="ef-dock__tabs" role="tablist">
              <button
                type="button"
                role="tab"
                aria-selected={dockOpen && dockTab === 'problems'}
                onClick={() => showTab('problems')}
              >
                Problems{' '}
                <span className={`ef-badge${errors ? ' is-error' : problemCount ? ' is-warning' : ''}`}>
                  {problemCount}
                </span>
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={dockOpen && dockTab === 'events'}
                onClick={() => showTab('events')}
              >
                <EventsTabLabel />
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={dockOpen && dockTab === 'summary'}
                onClick={() => showTab('summary')}
              >
                Run summary
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={dockOpen && dockTab === 'breakpoints'}
                onClick={() => showTab('breakpoints')}
              >
                <BreakpointsTabLabel />
              </button>
            </div>
            {dockOpen &&
              (dockTab === 'events' ? (
                <TracePanel />
              ) : dockTab === 'summary' ? (
                <RunSummary />
              ) : dockTab === 'breakpoints' ? (
                <BreakpointsPanel />
              ) : (
                <ProblemsPanel />
              ))}
          </section>
        </main>
        {consoleOpen ? (
          <TopicConsole />
        ) : watching ? (
          <AttendeePanel />
        ) : presenting ? (
          <div className="ef-side">
            <WorkshopPanel />
            <Inspector />
          </div>
        ) : (
          <Inspector />
        )}
        {lessonsOpen && <LessonsPanel />}
      </div>
      <StatusBar onShowProblems={() => (setDockOpen(true), setDockTab('problems'))} />
      <Dialogs />
      <WorkshopEnded />
      <RecordedProgress />
      <Toast />
    </div>
  );
}
