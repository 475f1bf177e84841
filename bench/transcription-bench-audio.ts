// Helpers of bench/transcription.bench.ts: a synthetic two-channel sales call from espeak-ng, and
// peak RSS of the engine processes this benchmark starts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodeWavData, parseWavHeader } from '../src/platform/audio/wav';

export interface Call {
  readonly rep: Int16Array;
  readonly customer: Int16Array;
}

const RATE = 16_000;
const LINES = [
  ['en-us', 'Thanks for making the time today. I wanted to walk through the renewal and the seat count.'],
  ['en-gb', 'Sure. Our main concern is the security review and whether the pricing holds next quarter.'],
  ['en-us', 'That makes sense. The price is locked for twelve months once the order form is signed.'],
  ['en-gb', 'Good. And the onboarding for the new team, how long does that usually take?'],
  ['en-us', 'About two weeks. We run three sessions and share the recordings with your managers.'],
  ['en-gb', 'Alright, send me the proposal and I will take it to our finance team on Thursday.'],
] as const;

function say(voice: string, text: string, dir: string): Int16Array {
  const raw = path.join(dir, 'raw.wav');
  const out = path.join(dir, 'line.wav');
  execFileSync('espeak-ng', ['-v', voice, '-w', raw, text]);
  execFileSync('sox', [raw, '-r', String(RATE), '-c', '1', '-b', '16', out]);
  const bytes = fs.readFileSync(out);
  const info = parseWavHeader(bytes, bytes.length);
  const channel = decodeWavData(info, bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes))[0];
  if (channel === undefined) {
    throw new Error('espeak-ng produced no audio');
  }
  return channel;
}

/** Alternating turns (rep on channel 0, customer on channel 1) with short pauses, `seconds` long. */
export function conversation(seconds: number, dir: string): Call {
  const clips = LINES.map(([voice, text]) => say(voice, text, dir));
  const total = seconds * RATE;
  const rep = new Int16Array(total);
  const customer = new Int16Array(total);
  const pause = Math.round(0.4 * RATE);
  for (let at = 0, turn = 0; at < total; turn += 1) {
    const clip = clips[turn % clips.length] ?? new Int16Array(0);
    (turn % 2 === 0 ? rep : customer).set(clip.subarray(0, Math.max(0, total - at)), at);
    at += clip.length + pause;
  }
  return { rep, customer };
}

/**
 * Polls the peak RSS (VmHWM, the kernel's own high-water mark, so a peak between two polls is not
 * missed) of child processes of this one that run `exe`. /proc is scanned only while no such child
 * is known, so polling costs next to nothing while the engine works.
 */
export function peakRssOfChildren(exe: string): { stop: () => number } {
  let peakKb = 0;
  let pid: string | undefined;
  const find = (): string | undefined => fs.readdirSync('/proc').find((entry) => {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid && fs.readlinkSync(`/proc/${entry}/exe`) === exe;
    } catch {
      return false; // not a process, or gone
    }
  });
  const poll = (): void => {
    pid ??= find();
    if (pid === undefined) {
      return;
    }
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      peakKb = Math.max(peakKb, Number(hwm?.[1] ?? 0));
    } catch {
      pid = undefined; // exited: the next engine process (next channel) is looked up afresh
    }
  };
  const timer = setInterval(poll, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peakKb / 1024);
    },
  };
}
