import { Table } from 'lucide-react';
import type { KindView } from '../registry';
import { ProjectionInspector } from './ProjectionInspector';
import { ProjectionNode } from './ProjectionNode';
import './projection.css';

export const projectionView: KindView<'projection'> = {
  icon: Table,
  Body: ProjectionNode,
  Inspector: ProjectionInspector,
};
