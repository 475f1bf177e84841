// Events and binary replies over the real browser host: the app's events reach authenticated
// sockets only, as frames a page can tell from replies; and a window of a real recording's audio
// comes back as one binary frame whose bytes are the samples stored in the vault.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppEvents } from '../../../src/app/app-events';
import { createDispatcher } from '../../../src/app/dispatch';
import { createHandlerTable } from '../../../src/app/handlers';
import type { HandlerTable } from '../../../src/app/handlers/handler-types';
import { silentLogger } from '../../../src/app/logger';
import { readRecordingAudio } from '../../../src/app/recording/recording-audio';
import { createServices } from '../../../src/app/services';
import { VaultSession } from '../../../src/app/vault/vault-session';
import { startBrowserHost, type BrowserHost } from '../../../src/host/browser-host';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { customer, noTimers } from '../../helpers/call-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

const hosts: BrowserHost[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) {
    ws.terminate();
  }
  for (const h of hosts.splice(0)) {
    await h.close();
  }
});

function rendererDir(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>CallVault</title>');
  return dir;
}

type Frame = { kind: 'text'; json: Record<string, unknown> } | { kind: 'binary'; header: Record<string, unknown>; bytes: Buffer };

/** A page's socket that keeps every frame, text or binary, in order. */
class Client {
  readonly frames: Frame[] = [];
  #wake: (() => void) | undefined;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        const length = data.readUInt32LE(0);
        this.frames.push({ kind: 'binary', header: JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as Record<string, unknown>, bytes: data.subarray(4 + length) });
      } else {
        this.frames.push({ kind: 'text', json: JSON.parse(data.toString('utf8')) as Record<string, unknown> });
      }
      this.#wake?.();
    });
  }

  events(): { event: unknown; payload: unknown }[] {
    return this.frames.flatMap((f) => (f.kind === 'text' && 'event' in f.json ? [{ event: f.json.event, payload: f.json.payload }] : []));
  }

  async until(done: () => boolean, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > end) {
        throw new Error('the host did not send what was expected');
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  async call(id: number, method: string, input: unknown): Promise<Frame> {
    this.ws.send(JSON.stringify({ id, method, input }));
    const mine = (f: Frame) => (f.kind === 'text' ? f.json.id === id : f.header.id === id);
    await this.until(() => this.frames.some(mine), 30_000);
    const frame = this.frames.find(mine);
    if (!frame) {
      throw new Error('no reply');
    }
    return frame;
  }
}

function open(host: BrowserHost, credential: string, origin = `http://127.0.0.1:${host.port}`): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, ['callvault.v1', `token.${credential}`], { origin });
  sockets.push(ws);
  const client = new Client(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => { resolve(client); });
    ws.once('unexpected-response', (_req, res) => { reject(new Error(`HTTP ${String(res.statusCode)}`)); });
    ws.once('error', reject);
  });
}

const appInfo = { 'app.info': () => ({ version: '1', host: 'browser', platform: 'linux' }) } as unknown as HandlerTable;

describe('events over the browser host', () => {
  it('pushes each event as {event, payload} to authenticated sockets only, apart from replies, and lets go of closed ones', async () => {
    const events = new AppEvents(silentLogger);
    const host = await startBrowserHost({ rendererDir: rendererDir(), dispatch: createDispatcher(appInfo, silentLogger), events, logger: silentLogger });
    hosts.push(host);

    // Refused upgrades never become sockets that could hear anything.
    await expect(open(host, 'not-a-token')).rejects.toThrow('HTTP 401');
    await expect(open(host, host.token, 'http://evil.example')).rejects.toThrow('HTTP 403');
    expect(events.listenerCount).toBe(0);

    const page = await open(host, host.token);
    await page.until(() => page.frames.length > 0);
    const session = page.frames[0]?.kind === 'text' ? page.frames[0].json.session : undefined;
    expect(typeof session).toBe('string');
    // The spent launch token opens nothing more; the session token does.
    await expect(open(host, host.token)).rejects.toThrow('HTTP 401');
    const reloaded = await open(host, String(session));
    expect(events.listenerCount).toBe(2);

    events.emit('transcription.progress', { recordingId: 'r1', state: 'running', fraction: 0.5, error: null });
    events.emit('library.changed', { change: 'destroyed', recordingIds: ['r2'] });
    const reply = await page.call(7, 'app.info', {});
    expect(reply).toMatchObject({ kind: 'text', json: { id: 7, result: { ok: true } } });
    await page.until(() => page.events().length === 2);
    await reloaded.until(() => reloaded.events().length === 2);
    for (const client of [page, reloaded]) {
      expect(client.events()).toEqual([
        { event: 'transcription.progress', payload: { recordingId: 'r1', state: 'running', fraction: 0.5, error: null } },
        { event: 'library.changed', payload: { change: 'destroyed', recordingIds: ['r2'] } },
      ]);
    }
    // No event frame looks like a reply, so a page cannot take one for the answer to a call.
    expect(page.frames.filter((f) => f.kind === 'text' && 'event' in f.json).every((f) => f.kind === 'text' && !('id' in f.json) && !('result' in f.json))).toBe(true);

    page.ws.close();
    reloaded.ws.terminate();
    await expect.poll(() => events.listenerCount).toBe(0);
  });

  it('returns a window of a real recording as one binary frame holding exactly the stored samples', async () => {
    const events = new AppEvents(silentLogger);
    const session = new VaultSession(new ProfileStore(tempDir()), await vaultContext(), noTimers);
    const services = await createServices(session, { env: {}, events });
    const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
    const must = async <T>(method: string, input: unknown = {}): Promise<T> => {
      const result = await dispatch(method, input);
      if (!result.ok) {
        throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      }
      return result.value as T;
    };
    await must('profiles.create', { displayName: 'Rita Rep' });
    await must('vault.create', { passphrase: PASSPHRASE });
    const ack = await must<{ content: { policyHash: string } }>('policy.acknowledgment');
    await must('policy.acknowledge', { policyHash: ack.content.policyHash });
    const heard: string[] = [];
    events.subscribe((e) => { heard.push(e.name); });
    const prepared = await must<{ call: { id: string } }>('calls.prepare', { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [customer] });
    await must('consent.record', { callId: prepared.call.id, participantEmail: customer.email, outcome: 'granted', method: 'verbal' });
    const { recordingId } = await must<{ recordingId: string }>('capture.start', { callId: prepared.call.id, inputSampleRate: 16_000 });
    // Four seconds at 16 kHz: a distinct ramp on each channel, so any misplaced sample shows.
    const frames = 4 * 16_000;
    const pcm = new Int16Array(frames * 2);
    for (let i = 0; i < frames; i += 1) {
      pcm[i * 2] = (i % 20_000) - 10_000;
      pcm[i * 2 + 1] = 10_000 - (i % 15_000);
    }
    await must('capture.append', { recordingId, pcm: new Uint8Array(pcm.buffer) });
    await must('capture.stop', { recordingId });
    expect(heard).toEqual(expect.arrayContaining(['library.changed', 'capture.status']));

    const host = await startBrowserHost({ rendererDir: rendererDir(), dispatch, events, logger: silentLogger });
    hosts.push(host);
    const page = await open(host, host.token);
    const reply = await page.call(1, 'recordings.audioWindow', { recordingId, fromMs: 1250, toMs: 3000 });
    if (reply.kind !== 'binary') {
      throw new Error(`expected a binary reply, got ${JSON.stringify(reply.json)}`);
    }
    expect(reply.header).toEqual({ id: 1, bytes: 'pcm', result: { ok: true, value: { recordingId, fromMs: 1250, toMs: 3000, sampleRate: 16_000, channels: 2 } } });
    const windowFrames = (3000 - 1250) * 16;
    expect(reply.bytes.length).toBe(windowFrames * 4);

    const stored = readRecordingAudio(session.requireVault(), recordingId);
    const from = 1250 * 16;
    const expected = Buffer.alloc(windowFrames * 4);
    for (let i = 0; i < windowFrames; i += 1) {
      expected.writeInt16LE(stored.channels[0]?.[from + i] ?? NaN, i * 4);
      expected.writeInt16LE(stored.channels[1]?.[from + i] ?? NaN, i * 4 + 2);
    }
    expect(reply.bytes.equals(expected)).toBe(true);
    // And they are the ramps that were sent (the resampler delays them by a few samples): rising
    // by one a sample on the rep's channel, falling by one on the customer's.
    const steps = (channel: number, step: number) => {
      let matching = 0;
      for (let i = 1; i < windowFrames; i += 1) {
        matching += reply.bytes.readInt16LE(i * 4 + channel * 2) - reply.bytes.readInt16LE((i - 1) * 4 + channel * 2) === step ? 1 : 0;
      }
      return matching / (windowFrames - 1);
    };
    expect(steps(0, 1)).toBeGreaterThan(0.99);
    expect(steps(1, -1)).toBeGreaterThan(0.99);

    // Clipped at the recording's end; a window over 30 s is refused before the vault is read.
    const tail = await page.call(2, 'recordings.audioWindow', { recordingId, fromMs: 3500, toMs: 9000 });
    expect(tail.kind === 'binary' && tail.header.result).toMatchObject({ value: { fromMs: 3500, toMs: 4000 } });
    expect(tail.kind === 'binary' && tail.bytes.length).toBe(500 * 16 * 4);
    const tooLong = await page.call(3, 'recordings.audioWindow', { recordingId, fromMs: 0, toMs: 30_001 });
    expect(tooLong).toMatchObject({ kind: 'text', json: { id: 3, result: { ok: false, error: { code: 'BAD_REQUEST' } } } });
    session.lock();
  });
});
