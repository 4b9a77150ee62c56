import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA (BITV 2.0). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page. The engine is evaluated through the DevTools protocol (like
 * @axe-core/playwright does), so the app's strict Content-Security-Policy (no inline scripts) stays
 * on for the page under test. @axe-core/playwright itself is not used: it requires Node.js 22.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (loaded !== true) await page.evaluate(axe.source);
  const results = await page.evaluate(
    async (tags) => {
      // Runs in the page: the whole document, WCAG tags only.
      const w = globalThis as unknown as { axe: typeof axe };
      const r = await w.axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ').slice(0, 400)),
      }));
    },
    [...WCAG_TAGS],
  );
  return results;
}

/** Readable lines for a failing expectation: rule, impact, help and the offending elements. */
export function describeViolations(where: string, violations: AxeViolation[]): string[] {
  return violations.map((v) => `${where}: ${v.id} (${v.impact ?? '?'}) ${v.help}\n    ${v.nodes.join('\n    ')}`);
}
