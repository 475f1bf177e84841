import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { serveRenderer } from '../../../electron/main/renderer-protocol';
import { ELECTRON_CONTENT_SECURITY_POLICY } from '../../../src/shared/csp';
import { tempDir } from '../../helpers/temp-dir';

type Session = Parameters<typeof serveRenderer>[0];

vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn() } }));

function serve() {
  const root = tempDir();
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CallVault</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-1.js'), 'export {};');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
  let handler: ((request: Request) => Promise<Response>) | undefined;
  const session = { protocol: { handle: (scheme: string, h: typeof handler) => { expect(scheme).toBe('callvault'); handler = h; } } };
  serveRenderer(session as unknown as Session, rendererDir, ELECTRON_CONTENT_SECURITY_POLICY);
  return (url: string, method = 'GET') => handler!(new Request(url, { method }));
}

describe('callvault:// renderer protocol', () => {
  it('serves the built renderer with the CSP and no-sniff headers', async () => {
    const get = serve();
    const page = await get('callvault://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(ELECTRON_CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>CallVault</title>');
    expect((await get('callvault://app/assets/index-1.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('callvault://app/')).status).toBe(200);
  });

  it.each([
    'callvault://app/../secret.txt',
    'callvault://app/%2e%2e/secret.txt',
    'callvault://app/assets/..%2f..%2fsecret.txt',
    'callvault://app/missing.js',
    'callvault://other/index.html',
  ])('refuses %s', async (url) => {
    const response = await serve()(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('answers only GET and HEAD', async () => {
    const request = serve();
    expect((await request('callvault://app/index.html', 'POST')).status).toBe(405);
    const head = await request('callvault://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
