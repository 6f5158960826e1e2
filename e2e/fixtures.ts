import { test as base, expect } from '@playwright/test';
import { DesignerPage } from './pages/designer-page';
import { FlowSources } from './pages/flow-sources';
import { InspectorPanel } from './pages/inspector-panel';
import { RunPanel } from './pages/run-panel';

interface Fixtures {
  designer: DesignerPage;
  inspector: InspectorPanel;
  run: RunPanel;
  sources: FlowSources;
  /** Console errors and page errors seen during the test; each spec can assert there were none. */
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await use(errors);
  },
  designer: async ({ page, pageErrors: _errors }, use) => {
    const designer = new DesignerPage(page);
    await designer.goto();
    await use(designer);
  },
  inspector: async ({ page }, use) => {
    await use(new InspectorPanel(page));
  },
  run: async ({ page }, use) => {
    await use(new RunPanel(page));
  },
  sources: async ({ page, designer }, use) => {
    await use(new FlowSources(page, designer));
  },
});

export { expect };
