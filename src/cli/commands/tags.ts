import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { subcommands } from '../subcommands';
import { clockOf, inSession, parseMoment, parseRecordingArgs } from './transcript-args';

const HELP = `Usage: callvault tags <list|add|suggest> RECORDING_ID [options]

  list RECORDING_ID                     the recording's tags (on the call and on moments)
  add RECORDING_ID --tag ID [--at FROM-TO]
                                        tags the call, or the moment FROM-TO (seconds or m:ss);
                                        ID is a tag from the policy (callvault policy show)
  suggest RECORDING_ID [--accept ID]... [--reject ID]...
                                        suggestions from the latest transcript, each with the
                                        sentence that triggered it; nothing is tagged unless
                                        you accept it (IDs as listed, e.g. pricing@6500)

Options: --json, --home DIR, --profile ID, --passphrase-file FILE, --recovery-key-file FILE
`;

// Clients of the handler table: tags.list, tags.add, tags.suggestions, tags.accept, tags.reject.
export const tagsCommand: CliCommand = subcommands('tags', HELP, { list, add, suggest });

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, recordingId } = parseRecordingArgs(argv, 'tags list', {});
  return inSession(values, io, async (session) => {
    printTags(io, await session.call('tags.list', { recordingId }), values.json === true);
    return ExitCode.ok;
  });
}

async function add(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, recordingId } = parseRecordingArgs(argv, 'tags add', { tag: { type: 'string' }, at: { type: 'string' } });
  const tag = values.tag;
  if (tag === undefined) {
    throw new CliFailure(ExitCode.usage, 'Say which tag with --tag ID (the policy lists them: callvault policy show).');
  }
  const moment = values.at === undefined ? {} : parseMoment(values.at, '--at');
  return inSession(values, io, async (session) => {
    printTags(io, await session.call('tags.add', { recordingId, tag, ...moment }), values.json === true);
    return ExitCode.ok;
  });
}

async function suggest(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, recordingId } = parseRecordingArgs(argv, 'tags suggest', { accept: { type: 'string', multiple: true }, reject: { type: 'string', multiple: true } });
  return inSession(values, io, async (session) => {
    for (const suggestionId of values.accept ?? []) {
      await session.call('tags.accept', { recordingId, suggestionId });
      if (values.json !== true) {
        writeLine(io.stdout, `Accepted ${suggestionId}.`);
      }
    }
    for (const suggestionId of values.reject ?? []) {
      await session.call('tags.reject', { recordingId, suggestionId });
      if (values.json !== true) {
        writeLine(io.stdout, `Rejected ${suggestionId}.`);
      }
    }
    const suggestions = await session.call('tags.suggestions', { recordingId });
    if (values.json === true) {
      writeLine(io.stdout, JSON.stringify(suggestions));
    } else if (suggestions.length === 0) {
      writeLine(io.stdout, 'No tag suggestions.');
    } else {
      for (const s of suggestions) {
        writeLine(io.stdout, `${s.id.padEnd(30)} ${s.label} (${s.rule} "${s.matched}") at ${clockOf(s.startMs)}-${clockOf(s.endMs)}, ${s.speaker}: ${s.sentence}`);
      }
      writeLine(io.stdout, 'Accept or reject with: callvault tags suggest RECORDING_ID --accept ID --reject ID');
    }
    return ExitCode.ok;
  });
}

function printTags(io: CliIo, tags: readonly { id: string; tag: string; label: string; fromMs: number | null; toMs: number | null; source: string }[], json: boolean): void {
  if (json) {
    writeLine(io.stdout, JSON.stringify(tags));
    return;
  }
  if (tags.length === 0) {
    writeLine(io.stdout, 'No tags.');
  }
  for (const t of tags) {
    const where = t.fromMs === null || t.toMs === null ? 'whole call' : `${clockOf(t.fromMs)}-${clockOf(t.toMs)}`;
    writeLine(io.stdout, `${t.label.padEnd(28)} ${where.padEnd(14)} ${t.source === 'suggestion' ? 'accepted suggestion' : 'added'}`);
  }
}
