import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { bundledAppOrigin } from '../../../electron/main/app-origin';
import { guardWebContents } from '../../../electron/main/web-contents-guards';
import { silentLogger } from '../../../src/app/logger';

const { openExternal } = vi.hoisted(() => ({ openExternal: vi.fn((_url: string) => Promise.resolve()) }));
vi.mock('electron', () => ({ shell: { openExternal } }));

type WebContents = Parameters<typeof guardWebContents>[0];

function guarded() {
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = Object.assign(new EventEmitter(), {
    setWindowOpenHandler: (handler: typeof openHandler) => { openHandler = handler; },
  });
  guardWebContents(contents as unknown as WebContents, bundledAppOrigin(), silentLogger);
  const navigate = (event: string, url: string) => {
    const preventDefault = vi.fn();
    contents.emit(event, { url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return { contents, navigate, open: (url: string) => openHandler!({ url }) };
}

describe('web contents guards', () => {
  it.each(['will-navigate', 'will-redirect'])('%s: stays on the app, blocks everything else', (event) => {
    const { navigate } = guarded();
    expect(navigate(event, 'callvault://app/index.html#/library')).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:5173/', 'callvault://elsewhere/', 'javascript:alert(1)']) {
      expect(navigate(event, url)).toBe(true);
    }
  });

  it('blocks <webview>', () => {
    const { contents } = guarded();
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });

  it('opens no window; https links go to the system browser, nothing else does', () => {
    const { open } = guarded();
    openExternal.mockClear();
    expect(open('https://example.com/help')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/help');
    for (const url of ['http://example.com/', 'file:///C:/Windows/System32/calc.exe', 'smb://host/share', 'callvault://app/index.html', 'javascript:alert(1)']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});
