import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const screensDir = join(process.cwd(), 'test-results', 'screens');

type Violation = Readonly<{
  id: string;
  impact?: string | null;
  help: string;
  nodes: ReadonlyArray<Readonly<{ target: unknown; failureSummary?: string }>>;
}>;

function describe(violations: readonly Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact}: ${v.id} (${v.help})\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
}

/**
 * One screen as it stands: an axe-core scan that must find no serious or critical violation,
 * and a screenshot kept as a test artifact, in the light and the dark theme (the console
 * follows the system theme by default, so the test switches the emulated one).
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(screensDir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = (results.violations as Violation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(blocking, `${name} (${colorScheme}):\n${describe(blocking)}`).toEqual([]);
    // The console scrolls inside its main area, not the page: a tall window shows all of a screen.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport?.width ?? 1280, height: 1800 });
    await page.screenshot({ path: join(screensDir, `${name}-${colorScheme}.png`) });
    if (viewport) await page.setViewportSize(viewport);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
