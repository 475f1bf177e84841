import type { Page } from 'playwright-core';

/**
 * Enrols the unlocked app in `page` with the team server through Settings > Team, waits for the
 * signed policy to verify, and goes back to the library.
 */
export async function enrolInBrowser(page: Page, serverBase: string, code: string): Promise<void> {
  await page.getByTestId('open-team').click();
  await page.getByTestId('team-server-url').fill(serverBase);
  await page.getByTestId('team-invite-code').fill(code);
  await page.getByTestId('team-enrol').click();
  await page.getByTestId('team-status').waitFor({ timeout: 30_000 });
  await page.getByText("signed by your organisation's admin key").waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Back to the library' }).click();
}
