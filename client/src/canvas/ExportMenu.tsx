import { Download } from 'lucide-react';
import { useCallback, useState } from 'react';
import type { FlowDoc } from '@eventflow/shared';
import { useAppStore, useAppStoreApi } from '../app/use-app-store';
import { useDismiss } from '../app/use-dismiss';
import { exportFileName, serializeFlow } from '../model/import-flow';
import { exportStandard, type StandardFormat } from '../model/standards-export';
import { downloadBlob, downloadText, renderDiagram } from './export-image';

const exportFlow = (doc: FlowDoc) => downloadText(serializeFlow(doc), exportFileName(doc.name));

const STANDARDS: readonly [StandardFormat, string][] = [
  ['mermaid', 'Mermaid (flowchart)'],
  ['asyncapi-yaml', 'AsyncAPI 3 (YAML)'],
  ['asyncapi-json', 'AsyncAPI 3 (JSON)'],
];

/**
 * Export: the flow file, the diagram as PNG/SVG for slides in a chosen theme (run figures only on request),
 * or the flow in a standard format (Mermaid, AsyncAPI).
 */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const appTheme = useAppStore((s) => s.theme);
  const [theme, setTheme] = useState<'light' | 'dark' | null>(null);
  const [figures, setFigures] = useState(false);
  const hasFigures = useAppStore((s) => s.metrics !== null);
  const store = useAppStoreApi();
  const closeMenu = useCallback(() => setOpen(false), []);
  const box = useDismiss<HTMLDivElement>(open, closeMenu);
  const chosenTheme = theme ?? appTheme;
  const standard = (format: StandardFormat) => {
    setOpen(false);
    const { present, notify, openDialog } = store.getState();
    try {
      const file = exportStandard(present, format);
      downloadText(file.text, file.fileName, file.type);
      // Written all the same; what it could not carry is listed, never dropped silently.
      if (file.warnings.length)
        openDialog({
          type: 'import-problems',
          title: `Exported ${file.fileName}: what AsyncAPI cannot carry was left out`,
          problems: file.warnings,
          openable: false,
        });
    } catch (e) {
      notify(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  const image = async (format: 'png' | 'svg') => {
    setOpen(false);
    const { nodes, edges, metrics, present, notify } = store.getState();
    try {
      const blob = await renderDiagram(nodes, edges, {
        format,
        theme: chosenTheme,
        metrics: figures && metrics ? metrics.nodes : null,
        title: present.name,
      });
      downloadBlob(blob, exportFileName(present.name, format));
    } catch (e) {
      notify(`Image export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  return (
    <div className="ef-menu" ref={box}>
      <button
        type="button"
        className="ef-tool ef-tool--text"
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
          {STANDARDS.map(([format, label]) => (
            <button key={format} type="button" role="menuitem" onClick={() => standard(format)}>
              {label}
            </button>
          ))}
          <div className="ef-menu__options" role="group" aria-label="Diagram options">
            <span className="ef-menu__label">Diagram theme</span>
            <div className="ef-segmented">
              {(['light', 'dark'] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="menuitemradio"
                  aria-checked={chosenTheme === t}
                  onClick={() => setTheme(t)}
                >
                  {t === 'light' ? 'Light' : 'Dark'}
                </button>
              ))}
            </div>
            <label className="ef-menu__check" title={hasFigures ? undefined : 'Start a run to have figures'}>
              <input
                type="checkbox"
                checked={figures && hasFigures}
                disabled={!hasFigures}
                onChange={(e) => setFigures(e.target.checked)}
              />
              Include run figures
            </label>
          </div>
        </div>
      )}
    </div>
  );
}
