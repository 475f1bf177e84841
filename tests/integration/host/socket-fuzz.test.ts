// Fuzzes the browser host's socket protocol: the real host process (`src/host/main.ts`, the app's
// real dispatcher on a temp app home, no vault), a real WebSocket on 127.0.0.1, and well over
// 10,000 frames from a seeded PRNG: random bytes, mutated valid frames (truncated, bit-flipped,
// wrong or huge header lengths), headers that are null, arrays, numbers or strings, text that is
// not UTF-8, frames over the size limit, and raw bytes that are not WebSocket frames at all.
// Every frame must get a well-formed reply or a close with a close code; the process must live.
// Reproduce a failure with CALLVAULT_FUZZ_SEED=<seed printed in the failure>.
import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostProcess, type RunningHost } from '../../helpers/browser-host-process';
import { tempDir } from '../../helpers/temp-dir';
import { APP_INFO, binaryFrame, HostSocket } from './host-socket';
import { mulberry32 } from '../../../tools/seeded-random';

const SEED = Number(process.env.CALLVAULT_FUZZ_SEED ?? 0x5eed_ca11);
const FRAMES = 12_000;
const RAW_CONNECTIONS = 200;
const OVERSIZE = 4;
const BATCH = 32;
const LIMIT = 4 * 1024 * 1024;

/** Seeded (mulberry32), so a failing run can be replayed exactly. */
function prng(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { int, bytes, pick: <T>(items: readonly T[]): T => items[int(items.length)] as T };
}
type Rng = ReturnType<typeof prng>;

const RECORDING = '5b0e7f54-8f7a-4c55-9a2e-0b7b8f0c2f11';
const validText = (id: number) => [
  JSON.stringify({ id, method: 'app.info', input: {} }),
  JSON.stringify({ id, method: 'vault.status', input: {} }),
  JSON.stringify({ id, method: 'profiles.list', input: {} }),
];
const validBinary = (id: number, rng: Rng) => binaryFrame(JSON.stringify({ id, method: 'capture.append', input: { recordingId: RECORDING } }), rng.bytes(rng.int(512)));
const ODD_JSON = ['null', '[]', '[1,2,3]', '0', '-1e400', '"app.info"', 'true', '{}', '{"id":null}', '{"id":"1","method":"app.info"}', '{"id":1,"method":["app.info"]}', '{"id":1,"method":"app.info","input":null}', '{"id":1,"method":"app.info","input":[1]}', '{"id":1,"method":"__proto__","input":{}}', '{"id":1,"method":"constructor"}', '{"__proto__":{"id":1},"method":"app.info"}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"id":1e308,"method":"app.info"}'];

function flipBits(frame: Buffer, rng: Rng): Buffer {
  const out = Buffer.from(frame);
  for (let i = 0, n = 1 + rng.int(4); i < n && out.length > 0; i += 1) {
    const at = rng.int(out.length);
    out[at] = (out[at] ?? 0) ^ (1 << rng.int(8));
  }
  return out;
}

/** One fuzz frame and whether it goes as binary. */
function fuzzFrame(rng: Rng, id: number): { payload: Buffer; binary: boolean } {
  const kind = rng.int(12);
  switch (kind) {
    case 0:
      return { payload: rng.bytes(rng.int(300)), binary: true };
    case 1:
      return { payload: rng.bytes(1 + rng.int(64)), binary: false };
    case 2: {
      const valid = Buffer.from(rng.pick(validText(id)));
      return { payload: valid.subarray(0, rng.int(valid.length)), binary: false };
    }
    case 3:
      return { payload: flipBits(Buffer.from(rng.pick(validText(id))), rng), binary: false };
    case 4: {
      const valid = validBinary(id, rng);
      return { payload: valid.subarray(0, rng.int(valid.length)), binary: true };
    }
    case 5:
      return { payload: flipBits(validBinary(id, rng), rng), binary: true };
    case 6: {
      const lengths = [0, 1, 3, 4095, 4096, 4097, 0x7fffffff, 0xffffffff, rng.int(0x100000000)];
      const header = JSON.stringify({ id, method: 'capture.append', input: { recordingId: RECORDING } });
      return { payload: binaryFrame(header, rng.bytes(rng.int(64)), rng.pick(lengths)), binary: true };
    }
    case 7:
      return { payload: binaryFrame(rng.pick(ODD_JSON), rng.bytes(rng.int(64))), binary: true };
    case 8:
      return { payload: Buffer.from(rng.pick(ODD_JSON)), binary: false };
    case 9: {
      const header = Buffer.concat([Buffer.from(`{"id":${String(id)},"method":"capture.append","input":{"recordingId":"`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}')]);
      return { payload: binaryFrame(header, rng.bytes(8)), binary: true };
    }
    case 10:
      return { payload: Buffer.from(rng.pick(validText(id))), binary: false };
    default:
      return { payload: validBinary(id, rng), binary: true };
  }
}

function isWellFormed(reply: unknown): boolean {
  if (typeof reply !== 'object' || reply === null || !('id' in reply) || !('result' in reply)) {
    return false;
  }
  const { id, result } = reply as { id: unknown; result: { ok?: unknown; error?: { code?: unknown; message?: unknown } } };
  const idOk = id === null || typeof id === 'number';
  return idOk && (result.ok === true || (result.ok === false && typeof result.error?.code === 'string' && typeof result.error.message === 'string'));
}

/** Opens a raw TCP connection, upgrades it like a page would, then writes bytes that are not valid WebSocket frames. */
function rawGarbage(port: number, credential: string, garbage: Buffer): Promise<'closed-by-host' | 'left-open'> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let upgraded = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (how: 'closed-by-host' | 'left-open') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(how);
    };
    socket.on('error', () => { finish('closed-by-host'); });
    socket.on('close', () => { finish('closed-by-host'); });
    socket.on('data', (data: Buffer) => {
      if (!upgraded && data.toString('latin1').startsWith('HTTP/1.1 101')) {
        upgraded = true;
        socket.write(garbage);
        timer = setTimeout(() => { finish('left-open'); }, 100);
      }
    });
    socket.write(
      `GET /rpc HTTP/1.1\r\nHost: 127.0.0.1:${String(port)}\r\nOrigin: http://127.0.0.1:${String(port)}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: callvault.v1, token.${credential}\r\n\r\n`,
    );
  });
}

const isUtf8 = (bytes: Buffer) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

let host: RunningHost;
let died: string | null = null;
beforeAll(async () => {
  host = await startHostProcess(tempDir('callvault-fuzz-'));
  host.child.once('exit', (code, signal) => { died = `the host exited (code ${String(code)}, signal ${String(signal)})`; });
});
afterAll(async () => {
  await host.stop();
});

describe(`browser host socket fuzz (seed ${String(SEED)})`, () => {
  it(`survives ${String(FRAMES)} fuzzed frames (${String(OVERSIZE)} of them oversize) and ${String(RAW_CONNECTIONS)} raw non-WebSocket writes`, async () => {
    const rng = prng(SEED);
    const port = Number(new URL(host.url).port);
    const started = Date.now();
    let ws = await HostSocket.open(port, host.token);
    // The first reply proves the exchange is done, so the session token is known.
    expect(await ws.call(APP_INFO)).toMatchObject({ result: { ok: true } });
    const credential = ws.session ?? host.token;
    const closeCodes = new Map<number, number>();
    let answerable = 0;
    let replies = 0;
    let okReplies = 0;
    let malformed = 0;
    let wrongClose = 0;
    let batch = 0;

    const flush = async () => {
      for (; batch > 0; batch -= 1) {
        const reply = await ws.next(20_000);
        if (reply === null) {
          break;
        }
        replies += 1;
        if (!isWellFormed(reply)) {
          malformed += 1;
        } else if (reply.result.ok) {
          okReplies += 1;
        }
      }
      batch = 0;
    };
    /** A frame the host must refuse by closing the socket with `expected`; then the page reconnects. */
    const sendFatal = async (payload: Buffer, binary: boolean, expected: number) => {
      ws.send(payload, binary);
      const closed = await ws.closed;
      closeCodes.set(closed.code, (closeCodes.get(closed.code) ?? 0) + 1);
      wrongClose += closed.code === expected ? 0 : 1;
      ws = await HostSocket.open(port, credential);
    };

    const oversizeAt = new Set(Array.from({ length: OVERSIZE }, () => rng.int(FRAMES)));
    for (let n = 0; n < FRAMES && died === null; n += 1) {
      if (oversizeAt.has(n)) {
        await flush();
        await sendFatal(Buffer.alloc(LIMIT + 1 + rng.int(1024)), rng.int(2) === 0, 1009);
        continue;
      }
      const frame = fuzzFrame(rng, n + 1);
      if (!frame.binary && !isUtf8(frame.payload)) {
        await flush();
        await sendFatal(frame.payload, false, 1007);
        continue;
      }
      ws.send(frame.payload, frame.binary);
      answerable += 1;
      batch += 1;
      if (batch === BATCH) {
        await flush();
      }
    }
    await flush();

    const rawOutcomes = { 'closed-by-host': 0, 'left-open': 0 };
    for (let done = 0; done < RAW_CONNECTIONS && died === null; done += 20) {
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => rawGarbage(port, credential, rng.bytes(1 + rng.int(200)))));
      for (const outcome of outcomes) {
        rawOutcomes[outcome] += 1;
      }
    }

    const final = await HostSocket.open(port, credential);
    expect(await final.call(APP_INFO)).toMatchObject({ id: 1, result: { ok: true, value: { host: 'browser' } } });
    final.close();
    ws.close();
    const seconds = (Date.now() - started) / 1000;
    const summary = { seed: SEED, frames: FRAMES, oversize: oversizeAt.size, answerable, replies, okReplies, malformed, closeCodes: Object.fromEntries(closeCodes), rawConnections: RAW_CONNECTIONS, rawOutcomes, seconds, died };
    process.stdout.write(`socket fuzz: ${JSON.stringify(summary)}\n`);
    expect(died, `seed ${String(SEED)}`).toBeNull();
    expect(host.child.exitCode, `seed ${String(SEED)}`).toBeNull();
    expect(malformed, `seed ${String(SEED)}: replies that are not {id, result}`).toBe(0);
    expect(replies, `seed ${String(SEED)}: every frame the host can read gets exactly one reply`).toBe(answerable);
    expect(wrongClose, `seed ${String(SEED)}: oversize frames close with 1009, text that is not UTF-8 with 1007`).toBe(0);
    expect(okReplies, 'the valid frames mixed in were answered').toBeGreaterThan(FRAMES / 24);
  });
});
