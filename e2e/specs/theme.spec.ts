import { expect, test } from '../fixtures';

test('switching to the dark theme darkens the whole designer and is remembered', async ({
  designer,
  page,
}) => {
  await designer.add('Producer');
  await designer.button('Switch to dark theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(designer.canvas).toHaveClass(/\bdark\b/);
  const background = await page.evaluate(
    () => getComputedStyle(document.querySelector('.ef-inspector')!).backgroundColor,
  );
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r! + g! + b!).toBeLessThan(150);
  await page.reload();
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await designer.button('Switch to light theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
