import path from 'node:path';
import { isFindingType } from '../../core/redaction';
import type { ExportFormat } from '../../shared/contract/export';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { openCliSession } from '../cli-session';
import { exitCodeFor } from '../exit-codes';
import { askLines, readTextLines, refuseArgvText, requireSecretOffStdin } from '../free-text';

// Both commands are clients of the app's handler table: "review" is redaction.review (and
// redaction.saveReview with --save), "export" is export.toFolder. The policy, the review rules
// and the one way out (src/app/export/shared-artifact.ts) are the app's, not re-done here.

const REVIEW_HELP = `Usage: callvault review RECORDING_ID [--add TYPE:START-END]... [--dismiss ID]... [--reasons FILE|-] [--save] [--json]

Shows what will be redacted in the recording's latest transcript version: each finding's id
(TYPE:START-END, character offsets into the transcript), its rule and its text, and the
policy's topic flags. --add marks text the detectors missed; --dismiss ID says a finding is
not sensitive. --save stores the review with the transcript version (audited); only a saved
review can be exported. --add and --dismiss take effect with --save.

Why each finding is dismissed is free text that may name people, so it is never an argument:
--reasons FILE holds one reason per line, in the order of the --dismiss options ("-" reads
them from standard input); without --reasons, in a terminal, you are asked for each.
`;

const EXPORT_HELP = `Usage: callvault export RECORDING_ID --out DIR [--format txt|srt|vtt|docx|json] [--audio] [--clip FROM-TO] [--purpose-file FILE|-]

Writes the redacted transcript (and with --audio the redacted audio) of a reviewed transcript
version into a new folder DIR, with a manifest of sha256 sums. --format picks the transcript's
format (repeat it, or give a list such as srt,vtt; default txt): txt, srt and vtt subtitles
(times from the clip's start), docx (the call's details, times, speakers and the redaction
marks) or json (segments, redaction marks and word timings). Refuses (exit 7) when the
version was not reviewed, the review is out of date, the policy restricts sharing this call,
or redaction fails; nothing is written then. --clip takes seconds or m:ss, e.g. 1:05-1:40.
--purpose-file FILE: where the export is going, for the audit log (free text, so never an
argument; "-" reads it from standard input); default "file export (CLI)".
`;

const REASONS_INSTEAD = 'Put one reason per line, in the order of the --dismiss options, in a file and pass --reasons FILE (delete it afterwards), pipe them in with --reasons -, or run in a terminal to be asked. See "callvault review --help".';
const PURPOSE_INSTEAD = 'Put the purpose in a file and pass --purpose-file FILE, or pipe it in with --purpose-file -. See "callvault export --help".';

export const reviewCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, {
    add: { type: 'string', multiple: true },
    dismiss: { type: 'string', multiple: true },
    reasons: { type: 'string' },
    // Accepted by the parser only to be refused with a pointer to --reasons.
    reason: { type: 'string', multiple: true },
    save: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help === true) {
    io.stdout.write(REVIEW_HELP);
    return ExitCode.ok;
  }
  if (values.reason !== undefined) {
    refuseArgvText('reason', REASONS_INSTEAD);
  }
  const recordingId = single(positionals, REVIEW_HELP, io);
  const added = (values.add ?? []).map(parseSpan);
  const dismissIds = values.dismiss ?? [];
  const dismissSpans = dismissIds.map(parseSpan);
  if (values.reasons !== undefined && dismissIds.length === 0) {
    throw new CliFailure(ExitCode.usage, '--reasons goes with --dismiss: one reason per dismissed finding.');
  }
  if (values.reasons === '-') {
    requireSecretOffStdin(io, values, 'reasons');
  }
  const reasons = dismissIds.length === 0 ? [] : await readReasons(io, values.reasons, dismissIds);
  const dismissed = dismissSpans.map((span, i) => ({ ...span, reason: reasons[i] ?? '' }));

  const session = await openCliSession(values, io);
  try {
    let view = await session.call('redaction.review', { recordingId });
    const save = values.save === true;
    if (save) {
      view = await session.call('redaction.saveReview', { recordingId, version: view.version, added, dismissed });
    } else if (added.length > 0 || dismissed.length > 0) {
      writeLine(io.stderr, '--add and --dismiss take effect with --save; nothing was stored.');
    }
    for (const finding of view.findings) {
      const row = { id: finding.id, type: finding.type, start: finding.start, end: finding.end, rule: finding.rule, origin: finding.origin, text: view.text.slice(finding.start, finding.end), dismissed: finding.dismissed };
      const kept = finding.dismissed !== null;
      writeLine(io.stdout, values.json === true ? JSON.stringify(row) : `${kept ? 'keep  ' : 'redact'}  ${row.id.padEnd(22)} ${row.rule.padEnd(24)} "${row.text}"${kept ? `  (dismissed: ${finding.dismissed})` : ''}`);
    }
    const status = save ? 'Review saved.' : view.saved ? `Reviewed ${view.saved.reviewedAt} by ${view.saved.reviewedBy}.` : 'Not reviewed yet: add --save to store this review.';
    writeLine(io.stderr, `Transcript version ${view.version}: ${view.findings.length} finding(s). ${status}`);
    return ExitCode.ok;
  } finally {
    session.close();
  }
};

export const exportCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    format: { type: 'string', multiple: true },
    audio: { type: 'boolean' },
    clip: { type: 'string' },
    'purpose-file': { type: 'string' },
    // Accepted by the parser only to be refused with a pointer to --purpose-file.
    purpose: { type: 'string' },
  });
  if (values.help === true) {
    io.stdout.write(EXPORT_HELP);
    return ExitCode.ok;
  }
  if (values.purpose !== undefined) {
    refuseArgvText('purpose', PURPOSE_INSTEAD);
  }
  const recordingId = single(positionals, EXPORT_HELP, io);
  if (values.out === undefined) {
    throw new CliFailure(ExitCode.usage, `export needs --out DIR.\n${EXPORT_HELP}`);
  }
  const clip = values.clip === undefined ? undefined : parseClip(values.clip);
  const formats = await parseFormats(values.format ?? ['txt']);
  const purposeFile = values['purpose-file'];
  if (purposeFile === '-') {
    requireSecretOffStdin(io, values, 'purpose-file');
  }
  const purpose = purposeFile === undefined ? 'file export (CLI)' : (await readTextLines(io, purposeFile, 'the purpose')).join(' ').trim();
  if (purpose === '') {
    throw new CliFailure(ExitCode.usage, 'The purpose is empty; say where the export is going, or leave out --purpose-file.');
  }

  const session = await openCliSession(values, io);
  try {
    const result = await session.tryCall('export.toFolder', { recordingId, folder: path.resolve(values.out), audio: values.audio === true, clip, purpose, formats });
    if (!result.ok) {
      const refused = result.error.code === 'EXPORT_REFUSED';
      throw new CliFailure(exitCodeFor(result.error), refused ? `Nothing was exported. ${result.error.message}` : result.error.message);
    }
    for (const file of result.value.files) {
      writeLine(io.stdout, file);
    }
    writeLine(io.stderr, `Exported transcript version ${result.value.version}: ${result.value.redactedFindings} finding(s) and ${result.value.redactedSegments} segment(s) redacted.`);
    return ExitCode.ok;
  } finally {
    session.close();
  }
};

async function readReasons(io: CliIo, file: string | undefined, ids: readonly string[]): Promise<string[]> {
  if (file === undefined) {
    if (!io.interactive) {
      throw new CliFailure(ExitCode.usage, `--dismiss needs a reason for each finding. ${REASONS_INSTEAD}`);
    }
    return askLines(io, ids.map((id) => `Why is ${id} not sensitive? `));
  }
  const lines = (await readTextLines(io, file, 'the reasons')).map((line) => line.trim());
  if (lines.length !== ids.length) {
    throw new CliFailure(ExitCode.usage, `${file === '-' ? 'Standard input' : file} holds ${lines.length} reason(s) for ${ids.length} --dismiss option(s); give one line per dismissed finding, in order.`);
  }
  return lines;
}

const RECORDING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function single(positionals: readonly string[], help: string, io: CliIo): string {
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) {
    io.stderr.write(help);
    throw new CliFailure(ExitCode.usage, 'Name one recording id.');
  }
  if (!RECORDING_ID.test(id)) {
    throw new CliFailure(ExitCode.notFound, `No recording has the id "${id}"; recording ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427.`);
  }
  return id;
}

/** A span as TYPE:START-END, TYPE one of the app's finding types. */
function parseSpan(value: string): { start: number; end: number; type: string } {
  const match = /^([A-Z_]+):(\d+)-(\d+)$/.exec(value);
  if (!match?.[1] || !isFindingType(match[1])) {
    throw new CliFailure(ExitCode.usage, `"${value}" is not TYPE:START-END (for example CARD:120-139).`);
  }
  return { type: match[1], start: Number(match[2]), end: Number(match[3]) };
}

async function parseFormats(values: readonly string[]): Promise<ExportFormat[]> {
  const { EXPORT_FORMATS } = await import('../../shared/contract/export'); // with its schemas: not at start-up
  const formats = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) {
    throw new CliFailure(ExitCode.usage, `--format takes ${EXPORT_FORMATS.join(', ')}; "${unknown.join(', ')}" is not one of them.`);
  }
  return [...new Set(formats)] as ExportFormat[];
}

function parseClip(value: string): { fromMs: number; toMs: number } {
  const [from, to] = value.split('-').map(seconds);
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) || to <= from) {
    throw new CliFailure(ExitCode.usage, `--clip takes FROM-TO in seconds or m:ss, e.g. 65-100 or 1:05-1:40; "${value}" is not that.`);
  }
  return { fromMs: Math.round(from * 1000), toMs: Math.round(to * 1000) };
}

function seconds(part: string): number {
  const pieces = part.split(':').map(Number);
  return pieces.reduce((total, n) => total * 60 + n, 0);
}
