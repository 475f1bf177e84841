import { describe, expect, it } from 'vitest';
import { bundledAppOrigin, externalLinkToOpen, resolveAppOrigin } from '../../../electron/main/app-origin';
import { mayGrantPermission } from '../../../electron/main/permission-policy';

describe('app origin', () => {
  const bundled = bundledAppOrigin();

  it('is the callvault://app scheme and host, whatever the path', () => {
    expect(bundled.entryUrl).toBe('callvault://app/index.html');
    for (const url of ['callvault://app/index.html', 'callvault://app/assets/index-1.js', 'callvault://app', 'callvault://app/#/unlock']) {
      expect(bundled.contains(url)).toBe(true);
    }
  });

  it.each([
    'file:///index.html',
    'file:///C:/Program Files/CallVault/resources/app.asar/out/renderer/index.html',
    'callvault://app.evil.example/index.html',
    'callvault://apps/index.html',
    'callvault://user:pw@app/index.html',
    'https://app/index.html',
    'http://127.0.0.1:5173/',
    'null',
    'about:blank',
    '',
    undefined,
  ])('does not contain %j', (url) => {
    expect(bundled.contains(url)).toBe(false);
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    const origin = resolveAppOrigin({ packaged: true, rendererUrl: 'http://127.0.0.1:5173/' });
    expect(origin.kind).toBe('bundled');
    expect(origin.contains('http://127.0.0.1:5173/')).toBe(false);
  });

  it('trusts the dev server only at its exact loopback origin', () => {
    const origin = resolveAppOrigin({ packaged: false, rendererUrl: 'http://localhost:5173/' });
    expect(origin).toMatchObject({ kind: 'dev-server', entryUrl: 'http://localhost:5173/' });
    expect(origin.contains('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(origin.contains('http://localhost:5174/')).toBe(false);
    expect(origin.contains('http://127.0.0.1:5173/')).toBe(false);
    expect(origin.contains('callvault://app/index.html')).toBe(false);
  });

  it.each(['https://localhost:5173/', 'http://192.168.1.10:5173/', 'http://evil.example/', 'file:///tmp/index.html', 'not a url'])('refuses a dev server at %j', (rendererUrl) => {
    expect(() => resolveAppOrigin({ packaged: false, rendererUrl })).toThrow(/loopback/);
  });
});

describe('links opened in the system browser', () => {
  it('opens https links', () => {
    expect(externalLinkToOpen('https://example.com/help?x=1')).toBe('https://example.com/help?x=1');
  });

  it.each(['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'callvault://app/', 'ms-settings:privacy', 'https://user:pw@example.com/', 'not a url'])('never opens %j', (url) => {
    expect(externalLinkToOpen(url)).toBeUndefined();
  });
});

describe('permission policy', () => {
  const origin = bundledAppOrigin();
  const isApp = (url: string | undefined) => origin.contains(url);
  const ask = (over: Partial<Parameters<typeof mayGrantPermission>[0]>) => mayGrantPermission({ permission: 'media', requestingUrl: 'callvault://app/index.html', isMainFrame: true, mediaTypes: ['audio'], ...over }, isApp);

  it('grants the microphone to the app page', () => {
    expect(ask({})).toBe(true);
  });

  it('grants display capture to the app page (its source is chosen by the display-media handler)', () => {
    expect(ask({ permission: 'display-capture', mediaTypes: ['video', 'audio'] })).toBe(true);
  });

  it('refuses the camera, alone or with the microphone, and a media ask that names no device', () => {
    expect(ask({ mediaTypes: ['video'] })).toBe(false);
    expect(ask({ mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(ask({ mediaTypes: ['unknown'] })).toBe(false);
    expect(ask({ mediaTypes: [] })).toBe(false);
  });

  it('refuses subframes and other origins', () => {
    expect(ask({ isMainFrame: false })).toBe(false);
    expect(ask({ requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(ask({ requestingUrl: 'file:///index.html' })).toBe(false);
    expect(ask({ requestingUrl: undefined })).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'clipboard-read', 'hid', 'usb', 'serial', 'openExternal', 'fullscreen', 'midiSysex', 'unknown', 'some-future-permission'])('refuses %s', (permission) => {
    expect(ask({ permission })).toBe(false);
  });
});
