/**
 * The frame of the team e2e tests: a real callvault-server on loopback (PGlite, in the test's work
 * directory), Debian's Chromium, and one browser host per member (its own process, home and vault,
 * seeded before with `seedVault`) unlocked to the library in its own browser context. Members enrol
 * in Settings > Team as a person would. `close()` stops everything started, also when starting
 * failed half-way, and removes the work directory.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTeam, type TeamSetup } from '../integration/team/team-fixture';
import { launchChromium } from './browser';
import { startHostProcess, type RunningHost } from './browser-host-process';
import { unlockInTab } from './seeded-app';

export interface TeamInChromium {
  readonly work: string;
  readonly team: TeamSetup;
  readonly browser: Browser;
  /** Everything the browser hosts printed so far (to check that no personal data was logged). */
  hostLog(): string;
  /** The browser host on `home` (a vault seeded already) and a new tab unlocked to the library. */
  open(home: string): Promise<Page>;
  /** Stops the browser host serving `page`, so the test can open its vault itself. */
  stopHost(page: Page): Promise<void>;
  close(): Promise<void>;
}

/** Chromium and a team server (data in `work`/server); `work` is removed by `close()`. */
export async function startTeamInChromium(work: string): Promise<TeamInChromium> {
  const [launched, started] = await Promise.allSettled([launchChromium(), startTeam(`${work}/server`)]);
  const browser = launched.status === 'fulfilled' ? launched.value : undefined;
  const team = started.status === 'fulfilled' ? started.value : undefined;
  const hosts = new Map<Page, RunningHost>();
  const contexts: BrowserContext[] = [];
  let log = '';
  const close = async (): Promise<void> => {
    for (const context of contexts) {
      await context.close();
    }
    await browser?.close();
    for (const host of hosts.values()) {
      await host.stop();
    }
    await team?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  };
  if (browser === undefined || team === undefined) {
    await close();
    throw launched.status === 'rejected' ? launched.reason : started.status === 'rejected' ? started.reason : new Error('unreachable');
  }
  return {
    work,
    team,
    browser,
    hostLog: () => log,
    async open(home) {
      const host = await startHostProcess(home);
      host.child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
      host.child.stdout.on('data', (d: Buffer) => { log += d.toString(); });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      hosts.set(page, host);
      await unlockInTab(page, host.url);
      return page;
    },
    async stopHost(page) {
      await hosts.get(page)?.stop();
    },
    close,
  };
}

/**
 * Enrols the app in `page` with the team server in Settings > Team using an invitation code, and
 * waits for the policy the server publishes, its signature checked against the key pinned from
 * the invitation. Stays on the Team screen unless `backToLibrary`.
 */
export async function enrolInTeamScreen(page: Page, team: TeamSetup, code: string, options: { readonly backToLibrary?: boolean } = {}): Promise<void> {
  await page.getByTestId('open-team').click();
  await page.getByTestId('team-server-url').fill(team.server.base);
  await page.getByTestId('team-invite-code').fill(code);
  await page.getByTestId('team-enrol').click();
  await page.getByTestId('team-status').waitFor({ timeout: 30_000 });
  await page.getByText("signed by your organisation's admin key").waitFor({ timeout: 30_000 });
  if (options.backToLibrary === true) {
    await page.getByRole('button', { name: 'Back to the library' }).click();
  }
}

/**
 * Opens a call's page from the library. The library can re-render under the click (the automatic
 * team sync reloads it), so the click is repeated until the call page shows.
 */
export async function openCallPage(page: Page, recordingId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        if (!(await page.getByTestId('call-page').isVisible())) {
          await page.getByTestId(`open-call-${recordingId}`).click({ timeout: 5_000 }).catch(() => undefined);
        }
        return page.getByTestId('call-page').isVisible();
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(true);
}
