import { flowRevision, parseFlow, ReplayFile, restProblems } from '@eventflow/shared';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';
import type { Documents } from './documents';
import { reporter, type RunLifecycle } from './run-lifecycle';

/** "Share this run" and opening what it made. */
export interface Replays {
  /** The current run as a replay file's name and text, or null (no run, or the server refused). */
  shareRun: () => Promise<{ fileName: string; text: string } | null>;
  /** Opens a shared run: its flow replaces the document, then a run replays it. False when refused. */
  openReplay: (raw: unknown, source: string) => Promise<boolean>;
}

/** True for what looks like a replay file, so an import can hand it here instead of to the flow parser. */
export const isReplayFile = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && (raw as { format?: unknown }).format === 'eventflow.replay';

const fileNameOf = (name: string) =>
  `${
    name
      .trim()
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'flow'
  }.replay.json`;

export function createReplays(deps: {
  channel: Channel;
  store: AppStore;
  documents: Pick<Documents, 'openDocument'>;
  runs: Pick<RunLifecycle, 'playReplay'>;
}): Replays {
  const { channel, store } = deps;
  const get = () => store.getState();
  const report = reporter(store);
  const refuse = (title: string, problems: ReturnType<typeof restProblems>) => {
    get().openDialog({ type: 'import-problems', title, problems, openable: false });
    return false;
  };
  return {
    shareRun: async () => {
      const runId = get().run.id;
      if (!runId) {
        get().notify('Run the flow first: a shared run is a run that happened.');
        return null;
      }
      const r = await channel.send('run:export-replay', { runId });
      if (!report(r) || !r.ok) return null;
      return { fileName: fileNameOf(get().meta.name), text: JSON.stringify(r.value, null, 2) };
    },
    openReplay: async (raw, source) => {
      const file = ReplayFile.safeParse(raw, { reportInput: true });
      if (!file.success)
        return refuse(`This shared run cannot be opened (${source})`, restProblems(file.error));
      const flow = parseFlow(file.data.flow);
      if (!flow.ok) {
        const problems = flow.problems.map((p) => ({ ...p, path: `flow.${p.path}` }));
        return refuse(`The flow of this shared run has problems (${source})`, problems);
      }
      await deps.documents.openDocument(
        flow.flow,
        { flowId: null, revision: null, saved: false },
        'open a shared run',
      );
      // The user kept their unsaved work: nothing to replay onto.
      if (flowRevision(get().present) !== flowRevision(flow.flow)) return false;
      const runId = await deps.runs.playReplay(file.data);
      if (runId) get().notify(`Replaying “${flow.flow.name}” as it was shared: press Play to go on.`);
      return runId !== null;
    },
  };
}
