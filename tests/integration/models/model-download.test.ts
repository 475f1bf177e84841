import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/platform/models/model-error';
import type { DownloadProgress } from '../../../src/platform/models/model-download';
import { filesIn, generatedModel, sendAndStall, sendCut, sendFile, serve, sha256Of, testStore } from './model-fixtures';

async function modelError(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

const MODEL = () => fs.readFileSync(generatedModel(2)); // "beta" in the test manifest
const CUT = 3 * 1024 * 1024;

describe('ModelStore download', () => {
  it('downloads from the server it is pointed at, reports progress, and installs only a verified file', async () => {
    const bytes = MODEL();
    const server = await serve((req, res) => {
      sendFile(req, res, bytes);
    });
    const { store, dir } = testStore();
    const progress: DownloadProgress[] = [];

    const result = await store.download('beta', { baseUrl: server.base, onProgress: (p) => progress.push(p) });

    expect(result).toEqual({ name: 'beta', path: path.join(dir, 'ggml-beta.bin'), alreadyInstalled: false });
    expect(server.requests).toEqual([{ url: '/models/ggml-beta.bin', range: undefined }]);
    expect(filesIn(dir)).toEqual(['ggml-beta.bin']);
    expect(sha256Of(path.join(dir, 'ggml-beta.bin'))).toBe(sha256Of(generatedModel(2)));
    expect(progress.at(-1)).toEqual({ receivedBytes: bytes.length, totalBytes: bytes.length, resumedFromBytes: 0 });
    expect(progress.map((p) => p.receivedBytes)).toEqual([...progress.map((p) => p.receivedBytes)].sort((a, b) => a - b));
    await expect(store.verify('beta')).resolves.toMatchObject({ name: 'beta' });

    // Installed: a second request does not touch the network.
    expect((await store.download('beta', { baseUrl: server.base })).alreadyInstalled).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps a resumable partial when the connection drops, and the next download continues from it', async () => {
    const bytes = MODEL();
    const server = await serve((req, res, n) => {
      if (n === 0) {
        sendCut(req, res, bytes, CUT);
      } else {
        sendFile(req, res, bytes);
      }
    });
    const { store, dir } = testStore();

    const failed = await modelError(store.download('beta', { baseUrl: server.base, retries: 0 }));
    expect(failed.detail).toBe('download-failed');
    expect(failed.message).toMatch(/Downloading the model beta failed \(the connection was lost\) after \d+ MB of 8 MB\. The part downloaded so far is kept; run the download again to resume\./);
    // Nothing that looks installed: only the part file.
    expect(filesIn(dir)).toEqual(['ggml-beta.bin.part']);
    const partial = fs.statSync(path.join(dir, 'ggml-beta.bin.part')).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThanOrEqual(CUT);
    expect((await store.list()).find((m) => m.name === 'beta')).toMatchObject({ status: 'partial', partialBytes: partial });
    expect((await modelError(store.resolve('beta'))).detail).toBe('not-installed');

    const progress: DownloadProgress[] = [];
    await store.download('beta', { baseUrl: server.base, onProgress: (p) => progress.push(p) });

    expect(server.requests.map((r) => r.range)).toEqual([undefined, `bytes=${partial}-`]);
    expect(progress[0]?.resumedFromBytes).toBe(partial);
    expect(filesIn(dir)).toEqual(['ggml-beta.bin']);
    expect(sha256Of(path.join(dir, 'ggml-beta.bin'))).toBe(sha256Of(generatedModel(2)));
  });

  it('resumes by itself within one call when retries are allowed', async () => {
    const bytes = MODEL();
    const server = await serve((req, res, n) => {
      if (n === 0) {
        sendCut(req, res, bytes, CUT);
      } else {
        sendFile(req, res, bytes);
      }
    });
    const { store, dir } = testStore();
    await store.download('beta', { baseUrl: server.base, retries: 1, retryDelayMs: 0 });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.range).toMatch(/^bytes=\d+-$/);
    expect(sha256Of(path.join(dir, 'ggml-beta.bin'))).toBe(sha256Of(generatedModel(2)));
  });

  it('starts over when the server ignores the Range request, rather than appending a second copy', async () => {
    const bytes = MODEL();
    const server = await serve((req, res, n) => {
      if (n === 0) {
        sendCut(req, res, bytes, CUT);
      } else {
        res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
      }
    });
    const { store, dir } = testStore();
    await modelError(store.download('beta', { baseUrl: server.base, retries: 0 }));
    await store.download('beta', { baseUrl: server.base });
    expect(server.requests[1]?.range).toMatch(/^bytes=\d+-$/);
    expect(sha256Of(path.join(dir, 'ggml-beta.bin'))).toBe(sha256Of(generatedModel(2)));
  });

  it('refuses wrong bytes with a checksum error and installs nothing, not even a partial', async () => {
    const wrong = fs.readFileSync(generatedModel(3));
    expect(wrong.length).toBe(MODEL().length);
    const server = await serve((req, res) => {
      sendFile(req, res, wrong);
    });
    const { store, dir } = testStore();
    const error = await modelError(store.download('beta', { baseUrl: server.base }));
    expect(error.detail).toBe('checksum-mismatch');
    expect(error.message).toBe('The downloaded file for beta does not match its published checksum (sha256): it was damaged on the way or the server sent a different file. Nothing was installed; run the download again.');
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses a file of another size before writing a byte of it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': 1000 }).end(Buffer.alloc(1000));
    });
    const { store, dir } = testStore();
    const error = await modelError(store.download('beta', { baseUrl: server.base }));
    expect(error.detail).toBe('download-failed');
    expect(error.message).toMatch(/The server did not send the published model beta: it offers 1000 bytes instead of \d+\./);
    expect(filesIn(dir)).toEqual([]);
  });

  it('reports an HTTP error with what to do', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(404).end();
    });
    const { store, dir } = testStore();
    const error = await modelError(store.download('beta', { baseUrl: server.base }));
    expect(error.detail).toBe('download-failed');
    expect(error.message).toMatch(/the server answered HTTP 404\. Check the mirror address, or that this model is still published\./);
    expect(filesIn(dir)).toEqual([]);
  });

  it('follows redirects on loopback but never to plain http elsewhere', async () => {
    const bytes = MODEL();
    const target = await serve((req, res) => {
      sendFile(req, res, bytes);
    });
    const redirecting = await serve((_req, res) => {
      res.writeHead(302, { location: `${target.base}ggml-beta.bin` }).end();
    });
    const { store, dir } = testStore();
    await store.download('beta', { baseUrl: redirecting.base });
    expect(target.requests).toHaveLength(1);
    expect(filesIn(dir)).toEqual(['ggml-beta.bin']);

    const toHttp = await serve((_req, res) => {
      res.writeHead(302, { location: 'http://models.example.com/ggml-alpha.bin' }).end();
    });
    const refused = await modelError(store.download('alpha', { baseUrl: toHttp.base }));
    expect(refused.detail).toBe('download-failed');
    expect(refused.message).toMatch(/Refusing to download the model alpha from http:\/\/models\.example\.com: models are fetched over https only\./);
  });

  it('refuses a plain-http mirror that is not this machine without connecting to it', async () => {
    const { store } = testStore();
    const error = await modelError(store.download('beta', { baseUrl: 'http://192.0.2.1/models/' }));
    expect(error.detail).toBe('download-failed');
    expect(error.message).toMatch(/over https only/);
  });

  it('gives up on a stalled connection and keeps the partial', async () => {
    const bytes = MODEL();
    const server = await serve((_req, res) => {
      sendAndStall(res, bytes, CUT);
    });
    const { store, dir } = testStore();
    const error = await modelError(store.download('beta', { baseUrl: server.base, idleTimeoutMs: 300, retries: 0 }));
    expect(error.detail).toBe('download-failed');
    expect(error.message).toMatch(/Downloading the model beta failed \(nothing arrived for 300 ms\) after \d+ MB of 8 MB\. The part downloaded so far is kept/);
    expect(filesIn(dir)).toEqual(['ggml-beta.bin.part']);
  });

  it('stops when cancelled, keeping the partial for later', async () => {
    const bytes = MODEL();
    const server = await serve((_req, res) => {
      sendAndStall(res, bytes, CUT);
    });
    const { store, dir } = testStore();
    const abort = new AbortController();
    const error = await modelError(
      store.download('beta', {
        baseUrl: server.base,
        signal: abort.signal,
        onProgress: (p) => {
          if (p.receivedBytes >= CUT) {
            abort.abort();
          }
        },
      }),
    );
    expect(error.detail).toBe('aborted');
    expect(error.message).toMatch(/The download of beta was cancelled\. The \d+ MB downloaded so far are kept; run the download again to resume\./);
    expect(filesIn(dir)).toEqual(['ggml-beta.bin.part']);
  });

  it('checks disk space and memory before asking the network for anything', async () => {
    const server = await serve((req, res) => {
      sendFile(req, res, MODEL());
    });
    const noDisk = testStore({ freeDiskBytes: () => Promise.resolve(1_000_000) });
    const disk = await modelError(noDisk.store.download('beta', { baseUrl: server.base }));
    expect(disk.detail).toBe('no-space');
    expect(disk.message).toMatch(/Not enough disk space for the model beta \(8 MB\)/);

    const noMemory = testStore({ totalMemoryBytes: 32 * 1024 * 1024 });
    const memory = await modelError(noMemory.store.download('beta', { baseUrl: server.base }));
    expect(memory.detail).toBe('no-memory');
    expect(memory.message).toMatch(/needs about 67 MB of memory and this computer has 34 MB in all\. Choose a smaller model/);

    expect(server.requests).toEqual([]);
    expect(filesIn(noDisk.dir)).toEqual([]);
  });

  it('only downloads models the manifest lists', async () => {
    const { store } = testStore();
    const error = await modelError(store.download('gamma'));
    expect(error.detail).toBe('not-in-manifest');
    expect(error.message).toMatch(/There is no model called gamma to download\. Known models: alpha, beta\./);
  });
});
