import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compose, defaultConfig } from '../../server/src/compose';
import { buildApp, DEFAULT_HTTP } from '../../server/src/http/build-app';
import type { ServerContext } from '../../server/src/services/context';
import { tempDir } from '../helpers/temp-dir';
import { freshPgliteDataDir } from './helpers/test-server';

describe('TLS', () => {
  let ctx: ServerContext | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await ctx?.db.close();
  });

  it('serves the API over TLS from a certificate and key, with HSTS', async () => {
    const dir = tempDir('callvault-tls-');
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    ctx = await compose(defaultConfig(await freshPgliteDataDir(), { databaseUrl: undefined, auditKeyHex: undefined }));
    const app = buildApp(ctx, { ...DEFAULT_HTTP, tls: { cert: fs.readFileSync(cert), key: fs.readFileSync(key) } });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();
    expect(address).toMatch(/^https:\/\//);
    const reply = await new Promise<{ status: number; hsts: string | undefined; body: string }>((resolve, reject) => {
      https
        .get(`${address}/v1/health`, { ca: fs.readFileSync(cert), agent: false }, (response) => {
          let body = '';
          response.on('data', (d: Buffer) => (body += d.toString()));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, hsts: response.headers['strict-transport-security'], body });
          });
        })
        .on('error', reject);
    });
    expect(reply).toEqual({ status: 200, hsts: 'max-age=31536000', body: '{"ok":true}' });
  });
});
