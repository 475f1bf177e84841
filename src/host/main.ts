import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { composeApp } from '../app/compose';
import { createStderrLogger } from '../app/logger';
import { startBrowserHost } from './browser-host';

/**
 * The browser host: where Electron cannot start, `npm start` serves the same UI on 127.0.0.1.
 * The printed URL carries a launch token that opens CallVault in one tab, once; Enter in this
 * terminal prints a new link (for another tab, or after the tab was closed).
 */
async function main(): Promise<void> {
  const logger = createStderrLogger();
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const rendererDir = path.resolve(process.env.CALLVAULT_RENDERER_DIR ?? path.join(repoRoot, 'out', 'renderer'));
  const app = await composeApp({ host: 'browser', version: process.env.npm_package_version ?? '0.1.0', logger });
  const requested = Number(process.env.CALLVAULT_PORT ?? 0);
  const host = await startBrowserHost({ rendererDir, dispatch: app.dispatch, events: app.events, logger, port: Number.isInteger(requested) ? requested : 0 });
  process.stdout.write(
    `CallVault is running at ${host.url}\nData directory: ${app.appHome}\n` +
      'Open the link above in a browser on this machine; it works once, in one tab (reloading that tab is fine).\n' +
      'Press Enter here for a new link, Ctrl+C to stop.\n',
  );
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', () => {
    process.stdout.write(`New link (the previous one, if unused, no longer works): ${host.issueLink().url}\n`);
  });
  process.stdin.on('error', (error) => { logger.warn(`stopped reading the terminal: ${error.message}`); });
  const stop = () => {
    lines.close();
    app.close();
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`CallVault could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
