import { useReactFlow } from '@xyflow/react';
import {
  Download,
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
} from 'lucide-react';
import { useCallback, useState, type ReactNode } from 'react';
import type { FlowDoc } from '@eventflow/shared';
import { downloadText, downloadUrl, renderDiagram } from '../canvas/export-image';
import { useAutoLayout } from '../canvas/use-auto-layout';
import { exportFileName, serializeFlow } from '../model/import-flow';
import { selectCanRedo, selectCanUndo } from '../store/selectors';
import { useAppStore, useAppStoreApi } from './use-app-store';
import { useSession } from './use-session';
import { RunToolbar } from '../run/RunToolbar';
import { useDismiss } from './use-dismiss';

function ToolButton({
  label,
  shortcut,
  onClick,
  children,
  pressed,
  disabled,
}: {
  label: string;
  shortcut?: string;
  onClick: () => void;
  children: ReactNode;
  pressed?: boolean;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className={`ef-tool${pressed ? ' is-pressed' : ''}`}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

const exportFlow = (doc: FlowDoc) => downloadText(serializeFlow(doc), exportFileName(doc.name));

function ExportMenu() {
  const [open, setOpen] = useState(false);
  const rf = useReactFlow();
  const store = useAppStoreApi();
  const closeMenu = useCallback(() => setOpen(false), []);
  const box = useDismiss<HTMLDivElement>(open, closeMenu);
  const image = async (format: 'png' | 'svg') => {
    setOpen(false);
    const { theme, present, notify } = store.getState();
    try {
      const background =
        getComputedStyle(document.documentElement).getPropertyValue('--canvas-bg').trim() ||
        (theme === 'dark' ? '#0b1020' : '#f8fafc');
      downloadUrl(
        await renderDiagram(rf.getNodes(), format, background),
        exportFileName(present.name, format),
      );
    } catch (e) {
      notify(`Image export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  return (
    <div className="ef-menu" ref={box}>
      <button
        type="button"
        className="ef-tool ef-tool--text"
        title="Export the flow or the diagram"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Download size={16} aria-hidden /> <span className="ef-tool__text">Export</span>
      </button>
      {open && (
        <div className="ef-menu__list" role="menu" aria-label="Export">
          <button
            type="button"
            role="menuitem"
            onClick={() => (setOpen(false), exportFlow(store.getState().present))}
          >
            Flow file (.flow.json)
          </button>
          <button type="button" role="menuitem" onClick={() => void image('png')}>
            Diagram as PNG
          </button>
          <button type="button" role="menuitem" onClick={() => void image('svg')}>
            Diagram as SVG
          </button>
        </div>
      )}
    </div>
  );
}

export function Toolbar() {
  const actions = useSession();
  const rf = useReactFlow();
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
  const autoLayout = useAutoLayout();
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
        spellCheck={false}
      />
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
        <ToolButton
          label="Zoom to fit"
          shortcut="F"
          onClick={() => void rf.fitView({ padding: 0.2, duration: 300, maxZoom: 1.25 })}
        >
          <Maximize size={16} />
        </ToolButton>
        <ToolButton label="Snap to grid" shortcut="G" pressed={snap} onClick={toggleSnap}>
          <Grid3x3 size={16} />
        </ToolButton>
      </div>
      {/* Reserved for the run controls of the live-run issue. */}
      <div className="ef-run-slot" data-testid="run-toolbar-slot">
        <RunToolbar />
      </div>
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
