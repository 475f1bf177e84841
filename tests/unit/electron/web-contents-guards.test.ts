import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { bundledAppOrigin } from '../../../electron/main/app-origin';
import { guardWebContents } from '../../../electron/main/web-contents-guards';
import { silentLogger } from '../../../src/app/logger';

type Box = { message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number };

// The user's answer to the confirmation dialog: the index of the button they press.
const { openExternal, showMessageBox, fromWebContents } = vi.hoisted(() => ({
  openExternal: vi.fn((_url: string) => Promise.resolve()),
  showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: 0, checkboxChecked: false })),
  fromWebContents: vi.fn((_contents: unknown) => ({ id: 'main window' })),
}));
vi.mock('electron', () => ({ shell: { openExternal }, dialog: { showMessageBox }, BrowserWindow: { fromWebContents } }));

/** Lets the dialog's promise chain run. */
const settle = () => new Promise((resolve) => { setTimeout(resolve, 0); });

function answerDialog(button: 'Cancel' | 'Open in browser') {
  showMessageBox.mockImplementation((...args: unknown[]) => {
    const box = args.at(-1) as Box;
    return Promise.resolve({ response: box.buttons.indexOf(button), checkboxChecked: false });
  });
}

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

  it('opens no window; an https link goes to the system browser once the user confirms it, nothing else does', async () => {
    const { open } = guarded();
    openExternal.mockClear();
    showMessageBox.mockClear();
    answerDialog('Open in browser');
    expect(open('https://example.com/help')).toEqual({ action: 'deny' });
    await settle();
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(showMessageBox.mock.calls[0]?.[0]).toEqual({ id: 'main window' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/help');
    for (const url of ['http://example.com/', 'file:///C:/Windows/System32/calc.exe', 'smb://host/share', 'callvault://app/index.html', 'javascript:alert(1)', 'https://user:pw@example.com/']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    await settle();
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('asks before opening a link, showing its full address and its host in ASCII, with Cancel as the default', async () => {
    const { open } = guarded();
    openExternal.mockClear();
    showMessageBox.mockClear();
    answerDialog('Cancel');
    open('https://pаypal.example/login?next=1');
    await settle();
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    const box = showMessageBox.mock.calls[0]?.at(-1) as Box;
    expect(box.message).toContain('xn--');
    expect(box.detail).toContain('https://xn--');
    expect(box.detail).toContain('/login?next=1');
    expect(box.buttons[box.defaultId]).toBe('Cancel');
    expect(box.buttons[box.cancelId]).toBe('Cancel');
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('shows one dialog at a time: links opened while it is up are dropped, not queued', async () => {
    const { open } = guarded();
    openExternal.mockClear();
    showMessageBox.mockClear();
    let answer: (value: { response: number; checkboxChecked: boolean }) => void = () => undefined;
    showMessageBox.mockImplementation(() => new Promise((resolve) => { answer = resolve; }));
    for (let i = 0; i < 20; i += 1) {
      open(`https://example.com/${String(i)}`);
    }
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    answer({ response: 1, checkboxChecked: false });
    await settle();
    expect(openExternal.mock.calls).toEqual([['https://example.com/0']]);
    answerDialog('Cancel');
    open('https://example.com/after');
    await settle();
    expect(showMessageBox).toHaveBeenCalledTimes(2);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});
