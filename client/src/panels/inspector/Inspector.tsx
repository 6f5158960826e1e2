import type { FlowNode } from '@eventflow/shared';
import { Copy, Trash2 } from 'lucide-react';
import type { ComponentType } from 'react';
import type { CanvasNode } from '../../model/types';
import { nodeViews } from '../../nodes/registry';
import {
  selectEdgeById,
  selectInspectedEdgeId,
  selectInspectedNodeId,
  selectNodeById,
  selectSelectionCount,
} from '../../store/selectors';
import { useAppStore } from '../../app/use-app-store';
import { EdgeInspector } from './EdgeInspector';
import { FlowProperties } from './FlowProperties';
import { BreakHereToggle } from '../../trace/BreakHereToggle';

function asFlowNode(n: CanvasNode): FlowNode {
  // The inspector only reads id, kind, label and config, which a canvas node carries for its own kind.
  return {
    id: n.id,
    kind: n.type,
    label: n.data.label,
    position: n.position,
    config: n.data.config,
  } as FlowNode;
}

function NodeInspector({ node }: { node: CanvasNode }) {
  const updateLabel = useAppStore((s) => s.updateLabel);
  const duplicate = useAppStore((s) => s.duplicateSelection);
  const remove = useAppStore((s) => s.deleteSelection);
  const view = nodeViews[node.type];
  const Icon = view.icon;
  const Form = view.Inspector as ComponentType<{ node: FlowNode }>;
  return (
    <section className="ef-inspector__section" aria-label={`${view.title} inspector`}>
      <header className={`ef-inspector__head ef-kind--${node.type}`}>
        <span className="ef-inspector__icon" aria-hidden>
          <Icon size={16} />
        </span>
        <div>
          <div className="ef-inspector__kind">{view.title}</div>
          <div className="ef-inspector__id">id: {node.id}</div>
        </div>
        <div className="ef-inspector__actions">
          <button
            type="button"
            className="ef-icon-btn"
            aria-label="Duplicate node"
            title="Duplicate (Ctrl+D)"
            onClick={duplicate}
          >
            <Copy size={15} />
          </button>
          <button
            type="button"
            className="ef-icon-btn"
            aria-label="Delete node"
            title="Delete (Del)"
            onClick={remove}
          >
            <Trash2 size={15} />
          </button>
        </div>
      </header>
      <div className="ef-field">
        <label className="ef-field__label" htmlFor="inspector-label">
          Label
        </label>
        <input
          id="inspector-label"
          className="ef-input"
          value={node.data.label ?? ''}
          placeholder={node.id}
          onChange={(e) => updateLabel(node.id, e.target.value)}
        />
      </div>
      <BreakHereToggle nodeId={node.id} label={node.data.label ?? ''} />
      <Form key={node.id} node={asFlowNode(node)} />
    </section>
  );
}

/** The right-hand panel: the selected node, the selected edge, or the flow's own properties. */
export function Inspector() {
  const nodeId = useAppStore(selectInspectedNodeId);
  const edgeId = useAppStore(selectInspectedEdgeId);
  const node = useAppStore(selectNodeById(nodeId));
  const edge = useAppStore(selectEdgeById(edgeId));
  const count = useAppStore(selectSelectionCount);
  return (
    <aside className="ef-inspector" aria-label="Inspector">
      {node ? (
        <NodeInspector node={node} />
      ) : edge ? (
        <EdgeInspector edge={edge} />
      ) : count > 1 ? (
        <div className="ef-inspector__multi">
          <strong>{count} items selected</strong>
          <p>Drag to move them together, Ctrl+D to duplicate, Delete to remove.</p>
        </div>
      ) : (
        <FlowProperties />
      )}
    </aside>
  );
}
