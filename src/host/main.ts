import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeApp } from '../app/compose';
import { createStderrLogger } from '../app/logger';
import { startBrowserHost } from './browser-host';

/**
 * The browser host: where Electron cannot start, `npm start` serves the same UI on 127.0.0.1.
 * The printed URL carries this launch's access token.
 */
async function main(): Promise<void> {
  const logger = createStderrLogger();
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const rendererDir = path.resolve(process.env.CALLVAULT_RENDERER_DIR ?? path.join(repoRoot, 'out', 'renderer'));
  const app = await composeApp({ host: 'browser', version: process.env.npm_package_version ?? '0.1.0', logger });
  const requested = Number(process.env.CALLVAULT_PORT ?? 0);
  const host = await startBrowserHost({ rendererDir, dispatch: app.dispatch, logger, port: Number.isInteger(requested) ? requested : 0 });
  process.stdout.write(`CallVault is running at ${host.url}\nData directory: ${app.appHome}\nOpen the link above in a browser on this machine. Press Ctrl+C to stop.\n`);
  const stop = () => {
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
