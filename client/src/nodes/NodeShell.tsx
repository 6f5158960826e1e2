import { Handle, Position, useStore } from '@xyflow/react';
import { sharedKinds, type NodeKind } from '@eventflow/shared';
import { CircleAlert, TriangleAlert, Unplug, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { useAppStore } from '../app/use-app-store';
import { selectNodeSeverity } from '../store/selectors';
import { selectHasBreakpoint } from '../store/breakpoint-slice';
import { LiveBadges, type KindFigures } from '../run/LiveBadges';
import { CompareBadges } from '../run/CompareBadges';
import { pathMarkClass, pathMarkProps, usePathMark } from '../trace/use-path-mark';
import { NODE_SIZE } from '../canvas/node-size';
import { kindMeta } from './kind-meta';
import { selectFar } from '../canvas/level-of-detail';

interface NodeShellProps {
  id: string;
  kind: NodeKind;
  icon: LucideIcon;
  label: string | undefined;
  selected: boolean;
  children: ReactNode;
  /** Shown in the header whether or not the run's figures have taken the body's place (e.g. an error count). */
  badge?: ReactNode;
  /** Named source handles of the kind's own (a router's rules), drawn whether or not the body is. */
  handles?: ReactNode;
  /** The kind's own live figures under the shared counters (see `KindFigures`). */
  figures?: KindFigures;
  /** Greyed out: the node is not working right now (a consumer taken down during a run). */
  dimmed?: boolean;
}

/** Clipping text with CSS costs a paint layer per node; with hundreds of nodes that slows panning, so text is cut here. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The frame every kind shares: colour band, icon, title, handles and the problem marker. */
export function NodeShell({
  id,
  kind,
  icon: Icon,
  label,
  selected,
  children,
  badge,
  handles,
  figures,
  dimmed = false,
}: NodeShellProps) {
  const severity = useAppStore(selectNodeSeverity(id));
  const mark = usePathMark(id);
  const breaks = useAppStore(selectHasBreakpoint(id));
  const far = useStore(selectFar);
  // While a run has figures for this node, they take the body's place inside the same fixed box.
  const live = useAppStore((s) => s.metrics?.nodes[id] !== undefined);
  // A topic whose broker is down (a scheduled outage or taken down by hand) is drawn as such in the run.
  const down = useAppStore((s) => s.metrics?.nodes[id]?.down === true);
  const className = `ef-node ef-node--${kind}${selected ? ' is-selected' : ''}${severity ? ` has-${severity}` : ''}${far ? ' is-far' : ''}${live ? ' is-live' : ''}${down || dimmed ? ' is-down' : ''}${pathMarkClass(mark)}`;
  const { inputs, outputs } = kindMeta[kind].ports;
  const input = inputs && (
    <Handle
      type="target"
      position={Position.Left}
      className="ef-handle"
      aria-label={`Input of ${label ?? id}`}
    />
  );
  const output = outputs && (
    <Handle
      type="source"
      position={Position.Right}
      className="ef-handle"
      aria-label={`Output of ${label ?? id}`}
    />
  );
  const root = {
    className,
    style: NODE_SIZE[kind],
    'data-kind': kind,
    'data-node-id': id,
    'aria-invalid': severity === 'error' ? true : undefined,
    ...pathMarkProps(mark),
  };
  // Level of detail: zoomed far out a node is its colour and its name, nothing else to paint. Problems, a
  // down broker and the selected path still show through the root's classes (border, tint, glow).
  if (far)
    return (
      <div {...root}>
        {input}
        <div className="ef-node__title" title={label ?? id}>
          {truncate(label || id, 18)}
        </div>
        {handles}
        {output}
      </div>
    );
  return (
    <div {...root}>
      {input}
      <div className="ef-node__head">
        <span className="ef-node__icon" aria-hidden>
          <Icon size={15} strokeWidth={2.25} />
        </span>
        <span className="ef-node__kind">{sharedKinds[kind].title}</span>
        {badge}
        {down && (
          <span className="ef-node__down" role="status" data-testid={`node.${id}.down`}>
            <Unplug size={12} aria-hidden /> down
          </span>
        )}
        {breaks && <span className="ef-node__break" role="img" aria-label="Breakpoint" title="Breakpoint" />}
        {severity === 'error' && (
          <CircleAlert className="ef-node__problem" size={15} aria-label="Has errors" />
        )}
        {severity === 'warning' && (
          <TriangleAlert className="ef-node__problem is-warning" size={15} aria-label="Has warnings" />
        )}
      </div>
      <div className="ef-node__title" title={label ?? id}>
        {truncate(label || id, 24)}
      </div>
      {!live && <div className="ef-node__body">{children}</div>}
      <LiveBadges id={id} kind={kind} figures={figures} />
      <CompareBadges id={id} />
      {handles}
      {output}
    </div>
  );
}

export function Fact({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="ef-fact">
      <span className="ef-fact__name">{name}</span>
      <span className="ef-fact__value">
        {typeof children === 'string' ? truncate(children, 22) : children}
      </span>
    </div>
  );
}
