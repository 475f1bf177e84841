import { describe, expect, it } from 'vitest';
import { encodeWindow, LineSplitter, parseRunnerLine } from '../../../src/platform/transcription/runner-protocol';

describe('parseRunnerLine', () => {
  it('accepts each message type the runner writes', () => {
    expect(parseRunnerLine('{"type":"progress","window":2,"percent":45}')).toEqual({ type: 'progress', window: 2, percent: 45 });
    expect(parseRunnerLine('{"type":"segment","window":0,"t0":0,"t1":1200,"text":" hi","noSpeechProb":0.1,"tokens":[{"text":" hi","t0":0,"t1":1200,"p":0.9,"id":7}]}'))
      .toMatchObject({ type: 'segment', tokens: [{ text: ' hi', p: 0.9 }] });
    expect(parseRunnerLine('{"type":"error","stage":"load","message":"bad"}')).toEqual({ type: 'error', stage: 'load', message: 'bad' });
    expect(parseRunnerLine('{"type":"done"}')).toEqual({ type: 'done' });
  });

  it('refuses anything else rather than use half of it', () => {
    for (const line of [
      'not json',
      '{"type":"progress","window":0,"percent":140}',
      '{"type":"segment","window":0,"t0":0,"t1":1,"text":"x","noSpeechProb":0,"tokens":[{"text":"x","t0":0,"t1":1,"p":2,"id":1}]}',
      '{"type":"segment","window":0,"t0":0,"t1":1,"text":"x","noSpeechProb":0,"tokens":[{"text":"x","hex":"zz","t0":0,"t1":1,"p":1,"id":1}]}',
      '{"type":"surprise"}',
      '[]',
    ]) {
      expect(parseRunnerLine(line)).toBeUndefined();
    }
  });
});

describe('LineSplitter', () => {
  it('joins lines split across reads and drops empty ones', () => {
    const s = new LineSplitter();
    expect(s.push('{"a":')).toEqual([]);
    expect(s.push('1}\n\n{"b"')).toEqual(['{"a":1}']);
    expect(s.push(':2}\n')).toEqual(['{"b":2}']);
  });

  it('refuses an unterminated line that grows without bound', () => {
    const s = new LineSplitter(10);
    expect(() => s.push('x'.repeat(11))).toThrow(/over-long/);
  });
});

describe('encodeWindow', () => {
  it('frames samples as a u32 LE count then float32 LE values', () => {
    const bytes = Buffer.concat(encodeWindow(Float32Array.from([0.5, -1])));
    expect(bytes.readUInt32LE(0)).toBe(2);
    expect(bytes.readFloatLE(4)).toBe(0.5);
    expect(bytes.readFloatLE(8)).toBe(-1);
    expect(bytes.length).toBe(12);
  });
});
