/**
 * axe-core over the page as it stands: every page and wizard step a spec visits is checked with this, and
 * each check is counted so the run can report how many screens were checked and with how many violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** WCAG 2.1 A and AA plus axe's best practices (landmarks, heading order, region). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Fails the spec with each violation's rule, impact and first targets when axe finds any on `page`, or
 * only `within` the part of it that a spec is about (a selector).
 */
export async function expectAccessible(page: Page, screen: string, within?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(TAGS);
  const results = await (within ? builder.include(within) : builder).analyze();
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(found, `axe-core violations on "${screen}"`).toEqual([]);
}
