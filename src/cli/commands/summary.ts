import path from 'node:path';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { openCliSession } from '../cli-session';
import { exitCodeFor } from '../exit-codes';
import { readTextLines, requireSecretOffStdin } from '../free-text';
import { subcommands } from '../subcommands';
import { clockOf, recordingIdOf } from './transcript-args';
import type { SummaryModelView, SummaryView } from '../../shared/contract';
import { SUMMARY_USES } from '../../shared/contract/summary';

const HELP = `Usage: callvault summary <draft|show|review|export> RECORDING_ID [options]

  draft RECORDING_ID [--model]          draft a summary of the latest transcript version from its
                                        redacted text (extractive unless --model: the installed
                                        summary model); an AI draft is not reviewed
  show RECORDING_ID [--json]            the newest summary version, its status (draft, reviewed,
                                        stale) and each item with the moments it cites
  review RECORDING_ID --decisions FILE|-
                                        review the draft item by item: FILE (or standard input)
                                        holds JSON {"version": N, "decisions": [{"itemId": "i1",
                                        "action": "accept"|"reject"|"edit", "text": "..."}]},
                                        one decision per item; stores a new reviewed version
  export RECORDING_ID --out DIR [--purpose-file FILE|-] [--use USE]
                                        write the reviewed summary (summary.txt as a CRM note,
                                        summary.json, manifest.json); refused (exit 7) for a
                                        draft, a stale summary or an unreviewed redaction. With
                                        --use (${SUMMARY_USES.join(', ')}),
                                        a draft may go for a use the policy does not require
                                        review before; it is labelled "AI draft. Not reviewed."

  models list [--json]                  the summary models (manifest and admin-trusted) and which
                                        are installed; a model draft uses the first installed one
  models download NAME                  download a manifest model (resumes, sha256-verified),
                                        with progress; Ctrl-C stops it (run again to resume)
  models verify NAME                    read an installed model whole against the manifest's
                                        sha256 (exit 4, naming both hashes, on a mismatch)
  models delete NAME                    delete an installed model (and any partial download)
  models import FILE [--name NAME] [--trust]
                                        install a GGUF file: it must match the manifest's sha256,
                                        or (--trust, admin only, audited) be trusted by name

Options: --json, --home DIR, --profile ID, --passphrase-file FILE, --recovery-key-file FILE
Edited text is free text about the call, so it never goes on the command line.
`;

// Clients of the handler table: summary.draft, summary.get, summary.review, summary.export.
export const summaryCommand: CliCommand = subcommands('summary', HELP, {
  draft,
  show,
  review,
  export: exportSummary,
  models: (argv, io) => subcommands('summary models', HELP, { list: listModels, download: downloadModel, import: importModel, verify: verifyModel, delete: deleteModel })(argv, io),
});

function printModels(io: CliIo, models: readonly SummaryModelView[], json: boolean): void {
  if (json) {
    writeLine(io.stdout, JSON.stringify(models, null, 2));
    return;
  }
  for (const m of models) {
    const size = m.bytes === null ? 'size unpublished' : `${String(Math.round(m.bytes / 1e6))} MB`;
    const percent = m.percent === null ? '' : ` (${String(m.percent)}%)`;
    writeLine(io.stdout, `${m.name.padEnd(34)}${`${m.status}${percent}`.padEnd(19)}${m.origin.padEnd(10)}${size}${m.trustedBy === null ? '' : `  trusted by ${m.trustedBy}`}`);
    if (m.problem !== null) {
      writeLine(io.stdout, `  problem: ${m.problem}`);
    }
  }
}

async function listModels(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  const session = await openCliSession(values, io);
  try {
    printModels(io, await session.call('summaryModels.list', {}), values.json === true);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

async function downloadModel(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const [name] = positionals;
  if (name === undefined || positionals.length !== 1) {
    throw new CliFailure(ExitCode.usage, `summary models download needs one model NAME.\n${HELP}`);
  }
  const session = await openCliSession(values, io);
  let shown = -1;
  const ended = new Promise<'done' | 'failed' | 'cancelled'>((resolve) => {
    const stop = session.on('summaryModels.progress', (p) => {
      if (p.name !== name) {
        return;
      }
      const percent = p.totalBytes > 0 ? Math.floor((p.receivedBytes / p.totalBytes) * 100) : 0;
      if (p.state === 'downloading' && percent !== shown) {
        shown = percent;
        io.stderr.write(`\rDownloading ${name}: ${String(percent)}%`);
      }
      if (p.state !== 'downloading') {
        stop();
        resolve(p.state);
      }
    });
  });
  const interrupt = () => { void session.tryCall('summaryModels.cancelDownload', { name }); };
  process.once('SIGINT', interrupt);
  try {
    const started = await session.call('summaryModels.download', { name });
    if (started.find((m) => m.name === name)?.status === 'installed') {
      writeLine(io.stderr, `${name} is already installed. Run "callvault summary models verify ${name}" to check it.`);
      printModels(io, started, values.json === true);
      return ExitCode.ok;
    }
    const state = await ended;
    if (shown >= 0) {
      io.stderr.write('\n');
    }
    const models = await session.call('summaryModels.list', {});
    const model = models.find((m) => m.name === name);
    if (state === 'cancelled') {
      throw new CliFailure(ExitCode.failure, `The download of ${name} was stopped. Run the same command again to resume it.`);
    }
    if (state === 'failed') {
      throw new CliFailure(ExitCode.failure, model?.problem ?? `${name} could not be downloaded.`);
    }
    writeLine(io.stderr, `Installed ${name} (size, sha256 and GGUF header verified).`);
    printModels(io, models, values.json === true);
    return ExitCode.ok;
  } finally {
    process.off('SIGINT', interrupt);
    session.close();
  }
}

async function verifyModel(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const [name] = positionals;
  if (name === undefined || positionals.length !== 1) {
    throw new CliFailure(ExitCode.usage, `summary models verify needs one model NAME.\n${HELP}`);
  }
  const session = await openCliSession(values, io);
  try {
    const models = await session.call('summaryModels.verify', { name });
    writeLine(io.stderr, `${name} is intact: its sha256 matches the ${models.find((m) => m.name === name)?.origin === 'trusted' ? 'trust record' : 'manifest'}.`);
    printModels(io, models, values.json === true);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

async function deleteModel(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const [name] = positionals;
  if (name === undefined || positionals.length !== 1) {
    throw new CliFailure(ExitCode.usage, `summary models delete needs one model NAME.\n${HELP}`);
  }
  const session = await openCliSession(values, io);
  try {
    const models = await session.call('summaryModels.delete', { name });
    writeLine(io.stderr, `Deleted ${name}. Model drafts need an installed model; extractive drafts still work.`);
    printModels(io, models, values.json === true);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

async function importModel(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, name: { type: 'string' }, trust: { type: 'boolean' } });
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1) {
    throw new CliFailure(ExitCode.usage, `summary models import needs one FILE.\n${HELP}`);
  }
  const session = await openCliSession(values, io);
  try {
    const result = await session.call('summaryModels.import', { path: path.resolve(file), ...(values.name !== undefined && { name: values.name }), ...(values.trust === true && { trust: true }) });
    writeLine(io.stderr, `Installed ${result.imported.name} (${result.imported.origin}${result.imported.trusted ? ', trusted now and recorded in the audit log' : ''}).`);
    printModels(io, result.models, values.json === true);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

async function draft(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, model: { type: 'boolean' } });
  const recordingId = recordingIdOf(positionals, 'summary draft');
  const session = await openCliSession(values, io);
  try {
    const view = await session.call('summary.draft', { recordingId, drafter: values.model === true ? 'model' : 'extractive' });
    printSummary(io, view, values.json === true);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

async function show(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const recordingId = recordingIdOf(positionals, 'summary show');
  const session = await openCliSession(values, io);
  try {
    printSummary(io, await session.call('summary.get', { recordingId }), values.json === true);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

async function review(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, decisions: { type: 'string' } });
  const recordingId = recordingIdOf(positionals, 'summary review');
  if (values.decisions === undefined) {
    throw new CliFailure(ExitCode.usage, `summary review needs --decisions FILE (or - for standard input).\n${HELP}`);
  }
  if (values.decisions === '-') {
    requireSecretOffStdin(io, values, 'decisions');
  }
  const text = (await readTextLines(io, values.decisions, 'the review decisions')).join('\n');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliFailure(ExitCode.usage, 'The review decisions are not JSON; see "callvault summary --help" for their shape.');
  }
  const { version, decisions } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { version?: unknown; decisions?: unknown };
  const session = await openCliSession(values, io);
  try {
    // The contract checks the shape; a wrong one is a BAD_REQUEST (exit 2) that says what is wrong.
    const result = await session.tryCall('summary.review', { recordingId, version: version as number, decisions: decisions as [] });
    if (!result.ok) {
      throw new CliFailure(exitCodeFor(result.error), result.error.message);
    }
    printSummary(io, result.value, values.json === true);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

async function exportSummary(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, 'purpose-file': { type: 'string' }, use: { type: 'string' } });
  const recordingId = recordingIdOf(positionals, 'summary export');
  const use = SUMMARY_USES.find((u) => u === values.use);
  if (values.use !== undefined && use === undefined) {
    throw new CliFailure(ExitCode.usage, `--use must be one of ${SUMMARY_USES.join(', ')}.\n${HELP}`);
  }
  if (values.out === undefined) {
    throw new CliFailure(ExitCode.usage, `summary export needs --out DIR.\n${HELP}`);
  }
  const purposeFile = values['purpose-file'];
  if (purposeFile === '-') {
    requireSecretOffStdin(io, values, 'purpose-file');
  }
  const purpose = purposeFile === undefined ? 'summary export (CLI)' : (await readTextLines(io, purposeFile, 'the purpose')).join(' ').trim();
  if (purpose.length < 3) {
    throw new CliFailure(ExitCode.usage, 'The purpose is empty; say where the summary is going, or leave out --purpose-file.');
  }
  const session = await openCliSession(values, io);
  try {
    const result = await session.tryCall('summary.export', { recordingId, folder: path.resolve(values.out), purpose, ...(use !== undefined && { use }) });
    if (!result.ok) {
      const refused = result.error.code === 'EXPORT_REFUSED';
      throw new CliFailure(exitCodeFor(result.error), refused ? `Nothing was exported. ${result.error.message}` : result.error.message);
    }
    for (const file of result.value.files) {
      writeLine(io.stdout, file);
    }
    writeLine(io.stderr, `Exported ${result.value.reviewed ? 'reviewed summary' : 'AI draft (not reviewed; the policy allows it for this use)'} version ${result.value.summaryVersion} of transcript version ${result.value.transcriptVersion}.`);
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

const STATUS_LINE: Readonly<Record<SummaryView['status'], string>> = {
  none: 'No summary yet. Draft one with: callvault summary draft RECORDING_ID',
  draft: 'AI draft. Not reviewed. Review it before it is used anywhere.',
  reviewed: 'Reviewed.',
  stale: 'Stale: it summarises an older transcript version. Draft and review it again.',
};

function printSummary(io: CliIo, view: SummaryView, json: boolean): void {
  if (json) {
    writeLine(io.stdout, JSON.stringify(view));
    return;
  }
  writeLine(io.stdout, STATUS_LINE[view.status]);
  const latest = view.latest;
  if (latest === null) {
    return;
  }
  const label = latest.content.drafter === 'extractive' ? 'extractive (sentences of the call, no model)' : `model ${latest.content.model ?? ''}`;
  writeLine(io.stdout, `Version ${latest.version} (${latest.kind}, ${label}) of transcript version ${latest.transcriptVersion}${latest.dropped > 0 ? `; ${latest.dropped} item(s) dropped by the citation check` : ''}`);
  const at = new Map(view.segments.map((s) => [s.index, s.startMs]));
  for (const item of latest.content.items) {
    const notes = [item.certainty, item.owner && `owner: ${item.owner}`, item.due && `due: ${item.due}`].filter((n) => typeof n === 'string' && n !== '');
    writeLine(io.stdout, `${item.id.padEnd(5)} ${item.section.padEnd(12)} ${item.text}${notes.length > 0 ? ` (${notes.join('; ')})` : ''} [${item.citations.map((c) => clockOf(at.get(c) ?? 0)).join(', ')}]`);
  }
}
