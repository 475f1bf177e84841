/**
 * The shared frame of the capture tests: two voices made with espeak-ng, one Chromium whose fake
 * microphone plays the rep's voice, the customer peer playing the other, and for each test a fresh
 * data directory, host and vault. Registers its own vitest hooks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { voiceWav } from './audio-match';
import { api, createVault, openCallWindows, startCaptureHost, type CallWindows, type CaptureHost } from './capture-app';
import { launchCaptureChromium, startCustomerPeer, type CustomerPeer } from './capture-browser';

const REP_SPEECH =
  'Thanks for making time today. I would like to walk you through how our platform handles renewals, what the pricing looks like for a team of your size, and which onboarding steps we usually plan in the first month. After that, I will send you a written summary and a proposal.';
const CUSTOMER_SPEECH =
  'Sure, happy to talk. We are a team of about forty people in three offices, and our current contract ends in March. Our main concern is the budget this year, and we also need to understand how long the migration would take, and who would help us.';

export type Summary = { id: string; title: string; status: string; recoveredAtMs: number | null };

export interface CaptureSuite {
  /** The two sources, 48 kHz mono WAV files: the rep's microphone and the customer's tab. */
  voices: () => { mic: string; customer: string };
  /** Chromium's own TMPDIR (the host has its own too: `host().tmp`). */
  browserTmp: () => string;
  /** A fresh data directory, host, pair of tabs and vault. */
  begin: () => Promise<CallWindows>;
  host: () => CaptureHost;
  /** Closes the tabs and starts a new host on the same data directory (after a crash, say). */
  restart: () => Promise<CallWindows>;
  recordings: (w: CallWindows) => Promise<Summary[]>;
}

export function captureSuite(): CaptureSuite {
  let audioDir = '';
  let mic = '';
  let customer = '';
  let browserTmp = '';
  let browser: Browser | undefined;
  let peer: CustomerPeer | undefined;
  let host: CaptureHost | undefined;
  let windows: CallWindows | undefined;

  beforeAll(async () => {
    audioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-voices-'));
    mic = voiceWav(audioDir, 'rep', 'en-us', REP_SPEECH);
    customer = voiceWav(audioDir, 'customer', 'en-gb+f3', CUSTOMER_SPEECH);
    browserTmp = path.join(audioDir, 'browser-tmp');
    fs.mkdirSync(browserTmp);
    [browser, peer] = await Promise.all([launchCaptureChromium(mic, browserTmp), startCustomerPeer(customer)]);
  });

  afterAll(async () => {
    await browser?.close();
    await peer?.close();
    fs.rmSync(audioDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    await windows?.context.close();
    if (host) {
      await host.stop();
      fs.rmSync(host.home, { recursive: true, force: true });
      fs.rmSync(host.tmp, { recursive: true, force: true });
    }
    windows = undefined;
    host = undefined;
  });

  const open = async (running: CaptureHost) => {
    if (!browser || !peer) {
      throw new Error('the capture suite did not start');
    }
    windows = await openCallWindows(browser, running, peer.url);
    return windows;
  };

  const requireHost = () => {
    if (!host) {
      throw new Error('no host is running');
    }
    return host;
  };

  return {
    voices: () => ({ mic, customer }),
    browserTmp: () => browserTmp,
    begin: async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-capture-'));
      host = await startCaptureHost(home, `${home}-tmp`);
      const opened = await open(host);
      await createVault(opened.app);
      return opened;
    },
    host: requireHost,
    restart: async () => {
      const previous = requireHost();
      await windows?.context.close();
      windows = undefined;
      await previous.stop();
      host = await startCaptureHost(previous.home, previous.tmp);
      return open(host);
    },
    recordings: async (w) => {
      const listed = await api<Summary[]>(w.app, 'recordings.list');
      if (!listed.ok) {
        throw new Error(listed.error.message);
      }
      return listed.value;
    },
  };
}
