import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { bundledAppOrigin } from '../../../electron/main/app-origin';
import { enforceContentSecurityPolicy, grantSystemAudioCapture, restrictPermissions } from '../../../electron/main/session-security';
import { silentLogger } from '../../../src/app/logger';
import { ELECTRON_CONTENT_SECURITY_POLICY } from '../../../src/shared/csp';

const { screen, getSources } = vi.hoisted(() => {
  const source = { id: 'screen:0:0', name: 'Entire screen' };
  return { screen: source, getSources: vi.fn(() => Promise.resolve([source])) };
});
vi.mock('electron', () => ({ desktopCapturer: { getSources } }));

type Session = Parameters<typeof enforceContentSecurityPolicy>[0];
type WebFrameMain = NonNullable<Parameters<Parameters<typeof grantSystemAudioCapture>[1]['isAppMainFrame']>[0]>;
type Handler = (...args: never[]) => unknown;

/** The session's handler registry, played by the test. */
function fakeSession() {
  const set: Record<string, Handler> = {};
  const events = new EventEmitter();
  const session = Object.assign(events, {
    webRequest: { onHeadersReceived: (handler: Handler) => { set.headers = handler; } },
    setPermissionRequestHandler: (handler: Handler) => { set.request = handler; },
    setPermissionCheckHandler: (handler: Handler) => { set.check = handler; },
    setDevicePermissionHandler: (handler: Handler) => { set.device = handler; },
    setDisplayMediaRequestHandler: (handler: Handler) => { set.display = handler; },
  });
  return { session: session as unknown as Session, set, events };
}

const APP_URL = 'callvault://app/index.html';
const appContents = { id: 7 };

function permissions() {
  const fake = fakeSession();
  restrictPermissions(fake.session, { origin: bundledAppOrigin(), isAppContents: (id) => id === appContents.id, logger: silentLogger });
  const request = (permission: string, details: Record<string, unknown>, contents = appContents) =>
    new Promise<boolean>((resolve) => {
      (fake.set.request as unknown as (c: unknown, p: string, cb: (granted: boolean) => void, d: unknown) => void)(contents, permission, resolve, { isMainFrame: true, requestingUrl: APP_URL, ...details });
    });
  const check = (permission: string, origin: string, details: Record<string, unknown>, contents: { id: number } | null = appContents) =>
    (fake.set.check as unknown as (c: unknown, p: string, o: string, d: unknown) => boolean)(contents, permission, origin, { isMainFrame: true, requestingUrl: APP_URL, ...details });
  return { ...fake, request, check };
}

describe('session security', () => {
  it('replaces any CSP header with the Electron policy on every response', () => {
    const { session, set } = fakeSession();
    enforceContentSecurityPolicy(session, ELECTRON_CONTENT_SECURITY_POLICY);
    let answer: unknown;
    (set.headers as unknown as (d: unknown, cb: (r: unknown) => void) => void)(
      { responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } },
      (response) => { answer = response; },
    );
    expect(answer).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [ELECTRON_CONTENT_SECURITY_POLICY] } });
    expect(ELECTRON_CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(ELECTRON_CONTENT_SECURITY_POLICY).not.toContain('ws:');
  });

  it('grants the microphone to the app window, and nothing else', async () => {
    const { request } = permissions();
    expect(await request('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(await request('media', { mediaTypes: ['video'] })).toBe(false);
    expect(await request('media', { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(await request('media', { mediaTypes: ['audio'], isMainFrame: false })).toBe(false);
    expect(await request('media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(await request('media', { mediaTypes: ['audio'] }, { id: 8 })).toBe(false);
    expect(await request('notifications', {})).toBe(false);
    expect(await request('geolocation', {})).toBe(false);
    expect(await request('openExternal', {})).toBe(false);
  });

  it('answers permission checks with the same policy', () => {
    const { check } = permissions();
    expect(check('media', 'callvault://app', { mediaType: 'audio', securityOrigin: 'callvault://app' })).toBe(true);
    expect(check('media', 'callvault://app', { mediaType: 'video' })).toBe(false);
    expect(check('media', 'callvault://app', { mediaType: 'unknown' })).toBe(false);
    expect(check('media', 'https://evil.example', { mediaType: 'audio', requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check('media', 'callvault://app', { mediaType: 'audio' }, null)).toBe(false);
    expect(check('hid', 'callvault://app', {})).toBe(false);
    expect(check('clipboard-read', 'callvault://app', {})).toBe(false);
  });

  it('denies every device and cancels every device picker', () => {
    const { set, events } = permissions();
    expect((set.device as unknown as () => boolean)()).toBe(false);
    const preventDefault = vi.fn();
    const cancelled = vi.fn();
    events.emit('select-hid-device', { preventDefault }, {}, cancelled);
    events.emit('select-usb-device', { preventDefault }, {}, cancelled);
    events.emit('select-serial-port', { preventDefault }, [], {}, cancelled);
    expect(preventDefault).toHaveBeenCalledTimes(3);
    expect(cancelled.mock.calls).toEqual([[], [], ['']]);
  });
});

describe('system audio capture', () => {
  const appFrame = { url: APP_URL } as unknown as WebFrameMain;

  function display(captureRequested = true) {
    const { session, set } = fakeSession();
    grantSystemAudioCapture(session, { origin: bundledAppOrigin(), isAppMainFrame: (frame) => frame === appFrame, captureRequested: () => captureRequested, logger: silentLogger });
    return (request: Record<string, unknown>) =>
      new Promise((resolve) => {
        (set.display as unknown as (r: unknown, cb: (s: unknown) => void) => void)({ frame: appFrame, securityOrigin: 'callvault://app', audioRequested: true, videoRequested: true, userGesture: true, ...request }, resolve);
      });
  }

  it('gives the app window the first screen with loopback audio', async () => {
    await expect(display()({})).resolves.toEqual({ video: screen, audio: 'loopback' });
  });

  it.each([
    ['another frame', { frame: { url: APP_URL } }],
    ['no frame', { frame: null }],
    ['another origin', { securityOrigin: 'https://evil.example' }],
    ['a request without audio', { audioRequested: false }],
  ])('refuses %s', async (_what, request) => {
    await expect(display()(request)).resolves.toBeNull();
  });

  it('refuses when the app has not asked for a capture', async () => {
    await expect(display(false)({})).resolves.toBeNull();
  });
});
