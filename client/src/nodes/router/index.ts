import { Split } from 'lucide-react';
import type { KindView } from '../registry';
import { RouterInspector } from './RouterInspector';
import { RouterNode } from './RouterNode';
import './router.css';

export const routerView: KindView<'router'> = { icon: Split, Body: RouterNode, Inspector: RouterInspector };
