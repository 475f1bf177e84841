/**
 * Runs axe-core (the npm package, never a download) in a page of the app and returns the
 * serious and critical violations of WCAG 2.1 A/AA and axe's best practices, in words a test
 * failure can show. Evaluated through the DevTools protocol, so the app's CSP stays as it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './spawn-tsx';

const AXE_SOURCE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/** Moderate in axe's scale, but part of the goal: a heading outline without skips, one main, one h1. */
const STRUCTURE = new Set(['heading-order', 'page-has-heading-one', 'landmark-one-main', 'landmark-no-duplicate-main', 'skip-link']);

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] };

/**
 * Waits (up to 5 s) for the CSS transitions running in the page to end (a dialog fading in, a
 * button's colour as it turns enabled), so colours are measured as shown, not mid-fade. Keyframe
 * animations (a spinner) run for ever and are not waited for.
 */
async function transitionsSettled(page: Page): Promise<void> {
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ])`);
}

export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  await transitionsSettled(page);
  const loaded = await page.evaluate('typeof globalThis.axe === "object"');
  if (loaded !== true) {
    await page.evaluate(AXE_SOURCE);
  }
  const result = await page.evaluate<AxeResult>(`globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || STRUCTURE.has(v.id))
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`) }));
}

/** The scan's findings for one screen, labelled, so one assertion can list every screen's. */
export async function scanScreen(page: Page, screen: string, found: Map<string, AxeFinding[]>): Promise<void> {
  // A transition may start just after a click returns (a dialog opening): give it a moment to
  // begin; axeViolations then waits for the running ones to end.
  await page.waitForTimeout(400);
  found.set(screen, await axeViolations(page));
}
