/**
 * Checks a scenario makes of the page it is on: axe's serious and critical findings (WCAG 2.2 A/AA) once the page
 * has settled, and how far the page overflows the viewport sideways (a phone must not scroll sideways).
 */
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

export async function axeViolations(page: Page): Promise<string[]> {
  // not hovering the navbar link just clicked (a hovered link is drawn in other colours), after the transitions
  await page.mouse.move(page.viewportSize()!.width - 5, page.viewportSize()!.height - 5);
  await page.waitForLoadState('networkidle', { timeout: 2_500 }).catch(() => undefined);
  await page.waitForTimeout(600);
  // evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses an inline script
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, options: RunOptions) => Promise<AxeResults> } };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  });
}

/** Pixels the page is wider than the viewport (0 when it fits). */
export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * Native date and time inputs on the page: their mm/dd/yyyy follows the browser, not the reader (issue 18). The app's
 * DateField/DateTimeField (apps/web/src/components/dates) are text inputs in the reader's format.
 */
export const nativeDateInputs = (page: Page) =>
  page.$$eval('input[type=date], input[type=datetime-local], input[type=month], input[type=week], input[type=time]', (els) =>
    els.map((e) => `${e.getAttribute('type')}${e.getAttribute('data-testid') ? `#${e.getAttribute('data-testid')}` : ''}`),
  );
