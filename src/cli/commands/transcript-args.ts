import type { ParseArgsConfig } from 'node:util';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, type CliIo } from '../cli-io';
import { openCliSession, type CliSession, type SessionOptions } from '../cli-session';

const RECORDING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one RECORDING_ID positional of a command. */
export function recordingIdOf(positionals: readonly string[], command: string): string {
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) {
    throw new CliFailure(ExitCode.usage, `Usage: callvault ${command} RECORDING_ID (run "callvault ${command.split(' ')[0] ?? ''} --help").`);
  }
  if (!RECORDING_ID.test(id)) {
    throw new CliFailure(ExitCode.notFound, `No recording has the id "${id}"; recording ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427.`);
  }
  return id;
}

/**
 * The arguments of a subcommand on one recording ("tags add RECORDING_ID --tag ID", "transcript
 * diff RECORDING_ID --from N"): its own options with --json and the session's, and the recording id.
 */
export function parseRecordingArgs<O extends ParseArgsConfig['options']>(argv: readonly string[], command: string, options: O) {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, ...options });
  return { values, recordingId: recordingIdOf(positionals, command) };
}

/** Runs `use` in a session unlocked with the command's options; the vault is locked after, however it ends. */
export async function inSession(options: SessionOptions, io: CliIo, use: (session: CliSession) => Promise<number>): Promise<number> {
  const session = await openCliSession(options, io);
  try {
    return await use(session);
  } finally {
    session.close();
  }
}

/** FROM-TO in seconds or m:ss (h:mm:ss), as milliseconds. */
export function parseMoment(value: string, flag: string): { fromMs: number; toMs: number } {
  const parts = value.split('-');
  const [from, to] = parts.map(seconds);
  if (parts.length !== 2 || from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) || from < 0 || to <= from) {
    throw new CliFailure(ExitCode.usage, `${flag} takes FROM-TO in seconds or m:ss, e.g. 65-100 or 1:05-1:40; "${value}" is not that.`);
  }
  return { fromMs: Math.round(from * 1000), toMs: Math.round(to * 1000) };
}

function seconds(part: string): number {
  if (!/^\d+(?::\d{1,2}){0,2}(?:\.\d+)?$/.test(part.trim())) {
    return Number.NaN;
  }
  return part.split(':').map(Number).reduce((total, n) => total * 60 + n, 0);
}

/** A positive version number from an option. */
export function versionOf(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new CliFailure(ExitCode.usage, `${flag} takes a version number (1, 2, ...); "${value}" is not one.`);
  }
  return Number(value);
}

export function clockOf(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
