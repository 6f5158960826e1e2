import path from 'node:path';
import type { Page } from '@playwright/test';
import type { DesignerPage } from '../pages/designer-page';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');

/** The two screens every README screenshot is checked at. */
export const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

/** Light, then dark (the theme button is clicked where it is: at 1280 px the toolbar runs past the edge). */
export async function shot(page: Page, designer: DesignerPage, name: string) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  await designer.button('Switch to dark theme').dispatchEvent('click');
  await page.screenshot({ path: path.join(OUT, `${name}-dark.png`) });
  await designer.button('Switch to light theme').dispatchEvent('click');
}
