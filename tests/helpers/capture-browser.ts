/**
 * Chromium for the capture tests, with both sides of a call played by real Chromium machinery:
 * - the rep's microphone is Chromium's fake capture device reading a WAV file (it loops);
 * - the customer's side is a second tab (the "customer peer", a page the test serves on loopback)
 *   playing another WAV. When CallVault asks to share a screen, Chromium's own switch
 *   --auto-select-tab-capture-source-by-title answers the picker with that tab, and tab capture
 *   delivers its audio, exactly as when a rep shares the meeting's browser tab.
 * --use-fake-ui-for-media-stream is deliberately absent: it would replace the share picker with a
 * fake screen whose "audio" is the microphone file. The microphone permission is granted through
 * the browser context instead, and Playwright's default --mute-audio is dropped, because a muted
 * tab gives tab capture nothing but silence.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { BASE_CHROMIUM_ARGS, chromiumPath } from './browser';

export const CUSTOMER_TAB_TITLE = 'CallVault e2e customer peer';

/** `tmpDir`, when given, is Chromium's TMPDIR, so a test can tell what the browser wrote there. */
export function launchCaptureChromium(micWav: string, tmpDir?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    ...(tmpDir === undefined ? {} : { env: { ...process.env, TMPDIR: tmpDir } }),
    ignoreDefaultArgs: ['--mute-audio'],
    args: [
      ...BASE_CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micWav}`,
      `--auto-select-tab-capture-source-by-title=${CUSTOMER_TAB_TITLE}`,
      '--autoplay-policy=no-user-gesture-required',
      // Background tabs keep their timers and audio at full speed.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
}

export interface CustomerPeer {
  readonly url: string;
  close(): Promise<void>;
}

/** The customer's side of the call: a page on its own loopback server that plays `wav` when told. */
export async function startCustomerPeer(wav: string): Promise<CustomerPeer> {
  const audio = fs.readFileSync(wav);
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${CUSTOMER_TAB_TITLE}</title></head>
<body><p>The customer's side of the call.</p><audio id="voice" src="/customer.wav" preload="auto" loop></audio></body></html>`;
  const server = http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    } else if (req.url === '/customer.wav') {
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': audio.length }).end(audio);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
