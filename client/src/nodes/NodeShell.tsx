import { Handle, Position } from '@xyflow/react';
import type { NodeKind } from '@eventflow/shared';
import { CircleAlert, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { useAppStore } from '../store/store';
import { selectNodeSeverity } from '../store/selectors';
import { kindMeta } from './kind-meta';
import { LiveBadges } from '../run/LiveBadges';
import { pathMarkClass, pathMarkProps, usePathMark } from '../trace/use-path-mark';

interface NodeShellProps {
  id: string;
  kind: NodeKind;
  icon: LucideIcon;
  label: string | undefined;
  selected: boolean;
  /** Which sides accept edges: producers have no inputs. */
  inputs: boolean;
  outputs: boolean;
  children: ReactNode;
}

/** The frame every kind shares: colour band, icon, title, handles and the problem marker. */
export function NodeShell({ id, kind, icon: Icon, label, selected, inputs, outputs, children }: NodeShellProps) {
  const severity = useAppStore(selectNodeSeverity(id));
  const mark = usePathMark(id);
  return (
    <div
      className={`ef-node ef-node--${kind}${selected ? ' is-selected' : ''}${severity ? ` has-${severity}` : ''}${pathMarkClass(mark)}`}
      data-kind={kind}
      data-node-id={id}
      aria-invalid={severity === 'error' ? true : undefined}
      {...pathMarkProps(mark)}
    >
      {inputs && <Handle type="target" position={Position.Left} className="ef-handle" aria-label={`Input of ${label ?? id}`} />}
      <div className="ef-node__head">
        <span className="ef-node__icon" aria-hidden>
          <Icon size={15} strokeWidth={2.25} />
        </span>
        <span className="ef-node__kind">{kindMeta[kind].title}</span>
        {severity === 'error' && <CircleAlert className="ef-node__problem" size={15} aria-label="Has errors" />}
        {severity === 'warning' && <TriangleAlert className="ef-node__problem is-warning" size={15} aria-label="Has warnings" />}
      </div>
      <div className="ef-node__title" title={label ?? id}>
        {label || id}
      </div>
      <div className="ef-node__body">{children}</div>
      <LiveBadges id={id} kind={kind} />
      {outputs && <Handle type="source" position={Position.Right} className="ef-handle" aria-label={`Output of ${label ?? id}`} />}
    </div>
  );
}

export function Fact({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="ef-fact">
      <span className="ef-fact__name">{name}</span>
      <span className="ef-fact__value">{children}</span>
    </div>
  );
}
