import fs from 'node:fs';
import type { AuditVerdict } from '../../core/audit/audit-chain';
import type { RecordingListItem, RecordingReader } from '../../core/recordings/recording';
import type { ChunkFileReport } from '../../platform/audio/chunk-file';
import { assertNever } from '../../shared/assert';
import { AppFailure } from '../app-failure';
import { formatTimestamp } from '../recording/crash-recovery';
import { intactDurationMs } from '../recording/recording-audio';

/** What one recording's check found. */
export interface RecordingVerdict {
  readonly id: string;
  readonly title: string;
  readonly startedAt: string;
  readonly status: RecordingListItem['status'];
  /** Authentic chunks read, in order. */
  readonly chunks: number;
  /** Damage or tampering, in words; any of them fails the verification. */
  readonly problems: readonly string[];
  /** States that are not damage (still recording, recovered after a crash, an unfinished import). */
  readonly notes: readonly string[];
}

/** An entry of `recordings/` that belongs to no recording of this vault. */
export interface StrayEntry {
  readonly name: string;
  readonly problem: string;
}

export interface VaultVerifyReport {
  /** 'ok', or what the integrity check found. */
  readonly database: string;
  readonly audit: AuditVerdict;
  readonly recordings: readonly RecordingVerdict[];
  readonly strays: readonly StrayEntry[];
  readonly ok: boolean;
}

/** What verification reads of an open vault; the vault hands it over, keys stay inside it. */
export interface VerifySubject {
  /** Throws when a database page fails its check. */
  checkDatabase(): void;
  verifyAudit(): AuditVerdict;
  readonly recordings: RecordingReader;
  /** The recording's chunks, decrypted and checked; throws when the file cannot be read. */
  readRecording(id: string): ChunkFileReport;
  recordingFileName(id: string): string;
  readonly recordingsDir: string;
}

/** Checks every database page, the audit chain, every chunk of every recording, and what lies around them. */
export function verifyVault(subject: VerifySubject): VaultVerifyReport {
  let database = 'ok';
  try {
    subject.checkDatabase();
  } catch (error) {
    database = error instanceof Error ? error.message : String(error);
  }
  const audit = subject.verifyAudit();
  const items = subject.recordings.list();
  const recordings = items.map((item) => verifyRecording(subject, item));
  const strays = findStrays(subject.recordingsDir, new Set(items.map((item) => subject.recordingFileName(item.id))));
  const ok = database === 'ok' && audit.ok && recordings.every((r) => r.problems.length === 0) && strays.length === 0;
  return { database, audit, recordings, strays, ok };
}

/** "Recording <id> (<title>, <start>)": how the user finds it in the library. */
export function describeRecording(item: Pick<RecordingListItem, 'id' | 'title' | 'startedAt'>): string {
  const started = Number.isNaN(Date.parse(item.startedAt)) ? item.startedAt : `${item.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return `Recording ${item.id} (${item.title}, ${started})`;
}

function verifyRecording(subject: VerifySubject, item: RecordingListItem): RecordingVerdict {
  const base = { id: item.id, title: item.title, startedAt: item.startedAt, status: item.status };
  let report: ChunkFileReport;
  try {
    report = subject.readRecording(item.id);
  } catch (error) {
    return { ...base, chunks: 0, problems: [`${describeRecording(item)}: ${unreadable(error)}`], notes: [] };
  }
  const problems: string[] = [];
  const notes: string[] = [];
  if (report.headerProblem !== undefined) {
    problems.push(`its file header: ${report.headerProblem}`);
  }
  const authentic = report.chunks.filter((c) => c.status === 'ok');
  for (const chunk of report.chunks) {
    if (chunk.status === 'corrupt' || chunk.status === 'out-of-order') {
      const where = `the chunk at position ${chunk.position}${chunk.index === undefined ? '' : ` (index ${chunk.index})`}`;
      problems.push(chunk.status === 'corrupt' ? `${where} is damaged or was altered` : `${where} is out of order: chunks were removed, moved or repeated`);
    }
  }
  const finalAt = report.chunks.findIndex((c) => c.status === 'ok' && c.final);
  if (finalAt >= 0 && finalAt < report.chunks.length - 1) {
    problems.push(`chunks follow the final chunk (position ${finalAt}): something was appended to a closed recording`);
  }
  const partialTail = report.chunks.at(-1)?.status === 'truncated';
  const expected = item.chunkCount;

  switch (item.status) {
    case 'complete':
    case 'imported':
      if (item.recoveredAtMs !== null) {
        notes.push(`kept after a crash, truncated at ${formatTimestamp(item.recoveredAtMs)}`);
        checkRecoveredCount(authentic.length, expected, problems);
        break;
      }
      if (partialTail) {
        problems.push('the file ends in a partial chunk: it was cut short');
      }
      if (!report.complete || (expected !== null && authentic.length !== expected)) {
        problems.push(
          expected === null
            ? `the audio file is cut short: it ends before its final chunk (it holds ${authentic.length} chunks)`
            : authentic.length < expected
              ? `the audio file is cut short: it holds ${authentic.length} of ${expected} chunks${report.complete ? '' : ' and ends before its final chunk'}`
              : `the audio file holds ${authentic.length} chunks, but the recording was closed with ${expected}`,
        );
      } else if (expected === null) {
        checkLegacyDuration(report, item.durationMs, problems);
      }
      break;
    case 'recovered':
      notes.push(`recovered after a crash, truncated at ${formatTimestamp(item.recoveredAtMs ?? item.durationMs)}; keep or discard it in the app`);
      checkRecoveredCount(authentic.length, expected, problems);
      break;
    case 'recording':
      notes.push('still being recorded, or cut off by a crash: the app recovers it at its next unlock');
      break;
    case 'importing':
      notes.push('an import that has not finished (still running, or killed): the app removes it at its next unlock');
      break;
    default:
      return assertNever(item.status);
  }
  return {
    ...base,
    chunks: authentic.length,
    problems: problems.map((p) => `${describeRecording(item)}: ${p}`),
    notes,
  };
}

/** A crash may leave a partial chunk after the ones recovery counted: that is not damage. */
function checkRecoveredCount(authentic: number, expected: number | null, problems: string[]): void {
  if (expected === null || authentic === expected) {
    return;
  }
  problems.push(
    authentic < expected
      ? `the audio file is cut short: it holds ${authentic} of ${expected} chunks kept when it was recovered`
      : `the audio file holds ${authentic} chunks, but ${expected} were kept when it was recovered: chunks were added`,
  );
}

/** Rows from before the chunk count: the audio must reach the stored duration (within a chunk). */
function checkLegacyDuration(report: ChunkFileReport, durationMs: number, problems: string[]): void {
  let heldMs: number;
  try {
    heldMs = intactDurationMs(report);
  } catch {
    return; // Not audio chunks this version can measure; the final flag was checked.
  }
  if (heldMs + 1000 < durationMs) {
    problems.push(`the audio file holds ${formatTimestamp(heldMs)} of audio, but the recording lasted ${formatTimestamp(durationMs)}`);
  }
}

function unreadable(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') {
    return 'its audio file is missing (deleted or moved outside CallVault); its audio cannot be played or transcribed';
  }
  if (error instanceof AppFailure) {
    return `its audio cannot be read: ${error.message}`;
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return 'its audio file cannot be read: permission denied. Check the owner and permissions of the vault folder';
  }
  if (code === 'EISDIR') {
    return 'its audio file is a directory, not a recording file';
  }
  return `its audio file cannot be read (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`;
}

function findStrays(dir: string, known: ReadonlySet<string>): StrayEntry[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    return known.size === 0 && code === 'ENOENT' ? [] : [{ name: '.', problem: `the recordings folder cannot be read (${String(code)})` }];
  }
  const strays: StrayEntry[] = [];
  for (const entry of entries) {
    if (entry.isFile() && known.has(entry.name)) {
      continue;
    }
    strays.push({
      name: entry.name,
      problem: entry.isDirectory()
        ? 'a directory that CallVault did not make; recordings are files. Move it out of the vault'
        : entry.isFile() && entry.name.endsWith('.cvaf')
          ? 'a recording file that belongs to no recording in this vault (left by an interrupted deletion, or put there); without its key it cannot be decrypted. Move it out of the vault'
          : entry.isFile()
            ? 'a file that belongs to no recording in this vault. Move it out of the vault'
            : 'something that is not a file (a link or a device); recordings are plain files. Remove it from the vault',
    });
  }
  return strays.sort((a, b) => a.name.localeCompare(b.name));
}
