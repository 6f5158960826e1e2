import {
  BookOpen,
  FilePlus,
  FolderOpen,
  Grid3x3,
  Keyboard,
  LayoutGrid,
  Maximize,
  Moon,
  Redo2,
  Save,
  SaveAll,
  Sun,
  Undo2,
  Upload,
  Workflow,
  Presentation,
  LogIn,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { ExportMenu } from '../canvas/ExportMenu';
import { useAutoLayout } from '../canvas/use-auto-layout';
import { useFrameFlow } from '../canvas/use-frame-flow';
import { selectCanRedo, selectCanUndo } from '../store/selectors';
import { useAppStore } from './use-app-store';
import { useSession } from './use-session';
import { RunToolbar } from '../run/RunToolbar';
import { selectWatchesPresenter } from '../store/room-slice';

function ToolButton({
  label,
  shortcut,
  onClick,
  children,
  pressed,
  disabled,
  testId,
}: {
  label: string;
  shortcut?: string;
  onClick: () => void;
  children: ReactNode;
  pressed?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`ef-tool${pressed ? ' is-pressed' : ''}`}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-pressed={pressed}
      disabled={disabled}
      data-testid={testId}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export function Toolbar() {
  const actions = useSession();
  const name = useAppStore((s) => s.meta.name);
  const setName = useAppStore((s) => s.setName);
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const snap = useAppStore((s) => s.snapToGrid);
  const toggleSnap = useAppStore((s) => s.toggleSnap);
  const openDialog = useAppStore((s) => s.openDialog);
  const lessonsOpen = useAppStore((s) => s.lessons.open);
  const toggleLessons = useAppStore((s) => s.toggleLessons);
  const autoLayout = useAutoLayout();
  const frame = useFrameFlow();
  const inRoom = useAppStore((s) => s.room !== null && !s.room.ended);
  // A followed presenter's flow is not the attendee's to rename, save, edit or lay out.
  const readOnly = useAppStore(selectWatchesPresenter);
  return (
    <header className="ef-toolbar" role="toolbar" aria-label="Main toolbar">
      <div className="ef-brand">
        <Workflow size={20} aria-hidden />
        <span>Eventflow</span>
      </div>
      <input
        className="ef-flow-name"
        aria-label="Flow name"
        title={name}
        value={name}
        style={{ width: `${Math.min(40, Math.max(14, name.length + 3))}ch` }}
        onChange={(e) => setName(e.target.value)}
        readOnly={readOnly}
        spellCheck={false}
      />
      {!readOnly && (
        <>
          <div className="ef-toolgroup">
            <ToolButton label="New flow" onClick={() => void actions.newFlow()}>
              <FilePlus size={16} />
            </ToolButton>
            <ToolButton
              label="Open"
              shortcut="Ctrl+O"
              onClick={() => openDialog({ type: 'files', tab: 'library' })}
            >
              <FolderOpen size={16} />
            </ToolButton>
            <ToolButton label="Save" shortcut="Ctrl+S" onClick={() => void actions.save()}>
              <Save size={16} />
            </ToolButton>
            <ToolButton label="Save as" onClick={() => openDialog({ type: 'save-as' })}>
              <SaveAll size={16} />
            </ToolButton>
          </div>
          <div className="ef-toolgroup">
            <button
              type="button"
              className="ef-tool ef-tool--text"
              title="Import a flow file"
              onClick={() => openDialog({ type: 'import' })}
            >
              <Upload size={16} aria-hidden /> <span className="ef-tool__text">Import</span>
            </button>
            <ExportMenu />
          </div>
          <div className="ef-toolgroup">
            <ToolButton label="Undo" shortcut="Ctrl+Z" onClick={undo} disabled={!canUndo}>
              <Undo2 size={16} />
            </ToolButton>
            <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" onClick={redo} disabled={!canRedo}>
              <Redo2 size={16} />
            </ToolButton>
          </div>
          <div className="ef-toolgroup">
            <ToolButton label="Auto-layout" shortcut="L" onClick={() => void autoLayout()}>
              <LayoutGrid size={16} />
            </ToolButton>
            <ToolButton label="Zoom to fit" shortcut="F" onClick={() => frame(300, true)}>
              <Maximize size={16} />
            </ToolButton>
            <ToolButton label="Snap to grid" shortcut="G" pressed={snap} onClick={toggleSnap}>
              <Grid3x3 size={16} />
            </ToolButton>
          </div>
        </>
      )}
      <div className="ef-toolgroup">
        <ToolButton
          label="Lessons"
          shortcut="Shift+L"
          pressed={lessonsOpen}
          testId="toolbar.lessons"
          onClick={() => toggleLessons()}
        >
          <BookOpen size={16} />
        </ToolButton>
      </div>
      {/* Reserved for the run controls of the live-run issue. */}
      <div className="ef-run-slot" data-testid="run-toolbar-slot">
        <RunToolbar />
      </div>
      {!inRoom && (
        <div className="ef-toolgroup">
          <ToolButton label="Start a workshop" onClick={() => openDialog({ type: 'start-workshop' })}>
            <Presentation size={16} />
          </ToolButton>
          <ToolButton label="Join a workshop" onClick={() => openDialog({ type: 'join', code: '' })}>
            <LogIn size={16} />
          </ToolButton>
        </div>
      )}
      <div className="ef-toolgroup">
        <ToolButton
          label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? <Sun size={16} /> : <Moon size={16} />}
        </ToolButton>
        <ToolButton label="Keyboard shortcuts" shortcut="?" onClick={() => openDialog({ type: 'help' })}>
          <Keyboard size={16} />
        </ToolButton>
      </div>
    </header>
  );
}
