/**
 * Turns the runner's segments (times relative to a window, tokens as UTF-8 pieces) into the port's
 * TranscriptSegment: times in the channel, words rebuilt from tokens.
 *
 * A window is several stretches of speech packed together, and whisper may decode across the
 * seam as if it were one sentence. Such a segment is split at the seams by its tokens' times, so
 * every segment lies within one stretch of the channel: a turn never appears to span the other
 * speaker's turn. Times are clamped to the audio actually sent (a confused or random model can
 * claim a segment ends after the audio does).
 */
import type { TranscriptSegment, TranscriptToken, TranscriptWord } from '../../core/ports/transcription';
import type { RunnerSegment, RunnerToken } from './runner-protocol';
import { pieceAt, toSource, type WindowLayout, type WindowPiece } from './windows';

const utf8 = new TextDecoder('utf-8');

export function assembleSegments(segment: RunnerSegment, window: WindowLayout, sampleRate: number): TranscriptSegment[] {
  const perMs = sampleRate / 1000;
  const position = (ms: number): number => Math.min(Math.max(0, Math.round(ms * perMs)), window.length);
  const groups = groupByPiece(segment, window, position);
  return groups.flatMap(({ piece, tokens: group }, k): TranscriptSegment[] => {
    const ms = (windowMs: number): number => Math.round(toSource(piece, position(windowMs)) / perMs);
    const first = group[0];
    const last = group[group.length - 1];
    const startMs = ms(k === 0 || first === undefined ? segment.t0 : first.t0);
    const endMs = Math.max(startMs, ms(k === groups.length - 1 || last === undefined ? segment.t1 : last.t1));
    const tokens: TranscriptToken[] = group.map((t) => {
      const tokenStart = ms(t.t0);
      return { text: t.text, startMs: tokenStart, endMs: Math.max(tokenStart, ms(t.t1)), p: t.p ?? 0, id: t.id };
    });
    const bytes = group.map(tokenBytes);
    const text = tokens.length > 0 ? utf8.decode(Buffer.concat(bytes)) : segment.text;
    if (text.trim() === '') {
      return [];
    }
    return [{
      startMs,
      endMs,
      text,
      confidence: tokens.length > 0 ? tokens.reduce((sum, t) => sum + t.p, 0) / tokens.length : 0,
      noSpeechProb: segment.noSpeechProb ?? 0,
      words: groupWords(tokens, bytes),
      tokens,
    }];
  });
}

/** Consecutive tokens that start in the same piece; a segment without tokens goes by its start. */
function groupByPiece(segment: RunnerSegment, window: WindowLayout, position: (ms: number) => number): { piece: WindowPiece; tokens: RunnerToken[] }[] {
  const groups: { piece: WindowPiece; tokens: RunnerToken[] }[] = [];
  for (const token of segment.tokens) {
    const piece = pieceAt(window, position(token.t0));
    const current = groups[groups.length - 1];
    if (piece === undefined) {
      continue;
    }
    if (current?.piece === piece) {
      current.tokens.push(token);
    } else {
      groups.push({ piece, tokens: [token] });
    }
  }
  const piece = pieceAt(window, position(segment.t0));
  return groups.length > 0 || piece === undefined ? groups : [{ piece, tokens: [] }];
}

/** A token's exact bytes: the hex the runner sends for a split character, else its text. */
function tokenBytes(token: RunnerToken): Buffer {
  return token.hex !== undefined ? Buffer.from(token.hex, 'hex') : Buffer.from(token.text, 'utf8');
}

/**
 * Whisper's tokens are sub-word pieces and a new word begins with a space (' hello'); a piece
 * without one (',', 'ing', or the second half of a split character) continues the word before.
 */
export function groupWords(tokens: readonly TranscriptToken[], bytes: readonly Uint8Array[]): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  let current: { parts: Uint8Array[]; startMs: number; endMs: number; p: number } | undefined;
  const close = (): void => {
    if (current !== undefined) {
      const text = utf8.decode(Buffer.concat(current.parts));
      if (text.trim() !== '') {
        words.push({ text, startMs: current.startMs, endMs: current.endMs, p: current.p });
      }
    }
  };
  tokens.forEach((token, i) => {
    const part = bytes[i] ?? new Uint8Array(0);
    if (current === undefined || part[0] === 0x20) {
      close();
      current = { parts: [part], startMs: token.startMs, endMs: token.endMs, p: token.p };
    } else {
      current.parts.push(part);
      current.endMs = Math.max(current.endMs, token.endMs);
      current.p *= token.p;
    }
  });
  close();
  return words;
}
