import type { z } from 'zod';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { readTextLines, requireSecretOffStdin } from '../free-text';
import { subcommands } from '../subcommands';
import { clockOf, inSession, parseRecordingArgs, versionOf } from './transcript-args';

const HELP = `Usage: callvault transcript <versions|diff|edit|restore> RECORDING_ID [options]

  versions RECORDING_ID                  every version, with who made it and whether it was reviewed
  diff RECORDING_ID [--from N] [--to M]  what changed, word by word (default: the latest
                                         version against the one before it)
  edit RECORDING_ID --base N --edits FILE|-
                                         saves the edits in FILE (or standard input) as a new
                                         version on top of version N: JSON {"edits": [...],
                                         "speakerNames": {...}} as the app's transcripts.saveVersion
                                         takes them. Transcript text never goes on the command line.
  restore RECORDING_ID --version N --base M
                                         saves version N's content as a new version on top of M

A save on a version that is no longer the latest is refused (exit 1): nothing is lost; look at
"versions", then edit the latest. A new version needs its own redaction review before export.

Options: --json, --home DIR, --profile ID, --passphrase-file FILE, --recovery-key-file FILE
`;

// Clients of the handler table: transcripts.versions, .diff, .saveVersion, .restore.
export const transcriptCommand: CliCommand = subcommands('transcript', HELP, { versions, diff, edit, restore });

async function versions(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, recordingId } = parseRecordingArgs(argv, 'transcript versions', {});
  return inSession(values, io, async (session) => {
    const list = await session.call('transcripts.versions', { recordingId });
    if (values.json === true) {
      writeLine(io.stdout, JSON.stringify(list));
      return ExitCode.ok;
    }
    for (const v of list) {
      writeLine(io.stdout, `v${String(v.version).padEnd(4)} ${v.kind.padEnd(10)} ${v.createdAt}  ${v.createdBy}  ${v.segments} segments, ${v.words} words  ${v.reviewed ? 'reviewed' : 'not reviewed'}${v.latest ? '  (latest)' : ''}`);
    }
    return ExitCode.ok;
  });
}

async function diff(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, recordingId } = parseRecordingArgs(argv, 'transcript diff', { from: { type: 'string' }, to: { type: 'string' } });
  const fromArg = versionOf(values.from, '--from');
  const toArg = versionOf(values.to, '--to');
  return inSession(values, io, async (session) => {
    const latest = (await session.call('transcripts.versions', { recordingId })).at(-1)?.version ?? 1;
    const to = toArg ?? latest;
    const from = fromArg ?? Math.max(1, to - 1);
    const result = await session.call('transcripts.diff', { recordingId, from, to });
    if (values.json === true) {
      writeLine(io.stdout, JSON.stringify(result));
      return ExitCode.ok;
    }
    writeLine(io.stdout, `v${from} -> v${to}: ${result.wordsInserted} words added, ${result.wordsDeleted} removed, ${result.wordsRespoken} given to the other speaker; ${result.segmentsBefore} -> ${result.segmentsAfter} segments.`);
    for (const name of result.names) {
      writeLine(io.stdout, `  ${name.speaker} named: ${name.before ?? '(none)'} -> ${name.after ?? '(none)'}`);
    }
    for (const hunk of result.hunks) {
      if (hunk.kind === 'words') {
        const parts = [hunk.before && `…${hunk.before}`, hunk.removed && `[-${hunk.removed}-]`, hunk.added && `{+${hunk.added}+}`, hunk.after && `${hunk.after}…`].filter((p) => p !== '');
        writeLine(io.stdout, `  [${clockOf(hunk.atMs)}] ${hunk.speaker}: ${parts.join(' ')}`);
      } else {
        writeLine(io.stdout, `  [${clockOf(hunk.atMs)}] ${hunk.from} -> ${hunk.to}: ${hunk.words}`);
      }
    }
    if (result.truncated) {
      writeLine(io.stdout, `  … more changes than shown (the counts above are complete).`);
    }
    return ExitCode.ok;
  });
}

async function edit(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, recordingId } = parseRecordingArgs(argv, 'transcript edit', { base: { type: 'string' }, edits: { type: 'string' } });
  const baseVersion = versionOf(values.base, '--base');
  if (baseVersion === undefined || values.edits === undefined) {
    throw new CliFailure(ExitCode.usage, 'Give the version you edited with --base N and the edits with --edits FILE (or - for standard input).');
  }
  if (values.edits === '-') {
    requireSecretOffStdin(io, values, 'edits');
  }
  const text = (await readTextLines(io, values.edits, 'the edits')).join('\n');
  // The contract's schemas (zod) load only here, not at every start of the CLI.
  const [{ z: zod }, { SaveVersionInput }] = await Promise.all([import('zod'), import('../../shared/contract')]);
  const EditFile = zod.object({ edits: SaveVersionInput.shape.edits, speakerNames: SaveVersionInput.shape.speakerNames }).strict();
  let parsed: z.infer<typeof EditFile>;
  try {
    parsed = EditFile.parse(JSON.parse(text));
  } catch {
    // The file's content is not repeated: it holds transcript text.
    throw new CliFailure(ExitCode.usage, 'The edits are not JSON of the form {"edits": [{"op": "text", "segment": 0, "text": "..."}, ...], "speakerNames": {...}} (see "callvault transcript --help").');
  }
  const { edits, speakerNames } = parsed;
  return inSession(values, io, async (session) => {
    const saved = await session.call('transcripts.saveVersion', { recordingId, baseVersion, edits, ...(speakerNames === undefined ? {} : { speakerNames }) });
    writeSaved(io, saved, values.json === true);
    return ExitCode.ok;
  });
}

async function restore(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, recordingId } = parseRecordingArgs(argv, 'transcript restore', { base: { type: 'string' }, version: { type: 'string' } });
  const version = versionOf(values.version, '--version');
  const baseVersion = versionOf(values.base, '--base');
  if (version === undefined || baseVersion === undefined) {
    throw new CliFailure(ExitCode.usage, 'Give the version to restore with --version N and the latest version with --base M.');
  }
  return inSession(values, io, async (session) => {
    writeSaved(io, await session.call('transcripts.restore', { recordingId, version, baseVersion }), values.json === true);
    return ExitCode.ok;
  });
}

function writeSaved(io: CliIo, saved: { version: number; baseVersion: number; counts: { wordsInserted: number; wordsDeleted: number } }, json: boolean): void {
  if (json) {
    writeLine(io.stdout, JSON.stringify(saved));
    return;
  }
  writeLine(io.stdout, `Saved version ${saved.version} (on version ${saved.baseVersion}): ${saved.counts.wordsInserted} words added, ${saved.counts.wordsDeleted} removed. Review its redactions before exporting it.`);
}
