import { Funnel } from 'lucide-react';
import type { KindView } from '../registry';
import { FilterInspector } from './FilterInspector';
import { FilterNode } from './FilterNode';
import './filter.css';

export const filterView: KindView<'filter'> = { icon: Funnel, Body: FilterNode, Inspector: FilterInspector };
