import fs from 'node:fs';
import path from 'node:path';
import type { DeletionReportView } from '../../shared/contract';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand } from '../cli-io';
import { openCliSession } from '../cli-session';
import { readTextLines, refuseArgvText, requireSecretOffStdin } from '../free-text';

// A client of deletion.request. The customer's identifiers are personal data: they come as JSON
// from standard input or --from FILE, never from the command line (the process list and npm's
// logs keep arguments). Nothing printed names the customer: ids, kinds ("email #1") and holds.

const HELP = `Usage: callvault deletion-request [--dry-run] [--json] [--from FILE] [--out DIR]

Finds everything this vault stores about a customer and destroys it: calls they took part in
(participants, consent records, the call's account), every transcript version, summaries,
notes and tags that mention them (written or spoken: "jane dot doe at acme dot com", phone
digits said as words), and revokes the clips shared from those calls. A call under a hold is
kept, and the certificate names the hold. Without --dry-run, a signed certificate is written
to DIR (default: the current folder) as deletion-certificate-ID.json and .pdf.

The identifiers are read as JSON from standard input, or from FILE with --from:
  {"emails": ["..."], "names": ["..."], "phones": ["..."], "accounts": ["..."]}
They are never accepted on the command line. Run with --dry-run first to see what is found.
With standard input carrying them, give the passphrase by --passphrase-file or CALLVAULT_PASSPHRASE.
`;

export const deletionRequestCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, {
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    from: { type: 'string' },
    out: { type: 'string' },
    // Declared only to be refused by name, without repeating the value.
    email: { type: 'string' },
    name: { type: 'string' },
    phone: { type: 'string' },
    account: { type: 'string' },
  });
  if (values.help === true) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  for (const flag of ['email', 'name', 'phone', 'account'] as const) {
    if (values[flag] !== undefined) {
      refuseArgvText(flag, 'Give the identifiers as JSON on standard input or in a file with --from.');
    }
  }
  if (positionals.length > 0) {
    throw new CliFailure(ExitCode.usage, 'deletion-request takes no arguments: the customer\'s identifiers are personal data and come as JSON on standard input or in a file with --from, never on the command line.');
  }
  const from = values.from ?? '-';
  if (from === '-') {
    requireSecretOffStdin(io, values, 'from');
  }
  const text = (await readTextLines(io, from, 'the identifiers')).join('\n');
  let identifiers: unknown;
  try {
    identifiers = JSON.parse(text);
  } catch {
    throw new CliFailure(ExitCode.usage, 'The identifiers are not JSON: give {"emails": [...], "names": [...], "phones": [...], "accounts": [...]}.');
  }
  if (typeof identifiers !== 'object' || identifiers === null || Array.isArray(identifiers)) {
    throw new CliFailure(ExitCode.usage, 'The identifiers must be one JSON object: {"emails": [...], "names": [...], "phones": [...], "accounts": [...]}.');
  }
  const session = await openCliSession(values, io);
  let report: DeletionReportView;
  try {
    report = await session.call('deletion.request', { identifiers, dryRun: values['dry-run'] === true });
  } finally {
    session.close();
  }
  let files: string[] = [];
  if (!report.dryRun && report.pdf !== null) {
    const dir = path.resolve(values.out ?? '.');
    fs.mkdirSync(dir, { recursive: true });
    const json = path.join(dir, `deletion-certificate-${report.requestId}.json`);
    const pdf = path.join(dir, `deletion-certificate-${report.requestId}.pdf`);
    fs.writeFileSync(json, `${JSON.stringify(report.certificate, null, 2)}\n`, { flag: 'wx' });
    fs.writeFileSync(pdf, report.pdf, { flag: 'wx' });
    files = [json, pdf];
  }
  if (values.json === true) {
    writeLine(io.stdout, JSON.stringify({ ...report, pdf: undefined, files }));
  } else {
    const verb = report.dryRun ? 'would destroy' : 'destroyed';
    for (const f of report.found) {
      writeLine(io.stdout, `found  ${f.recordingId}  ${f.where.map((w) => `${w.where} ${w.detail} (${w.identifiers.join(', ')})`).join('; ')}`);
    }
    for (const d of report.destroy) {
      writeLine(io.stdout, `${verb}  ${d.recordingId}  ${d.whole ? 'whole call' : d.artifacts.join(', ')}`);
    }
    for (const k of report.kept) {
      writeLine(io.stdout, `kept  ${k.recordingId}  under ${k.holds.map((h) => `${h.exemptionId} hold ${h.id}`).join(', ')}`);
    }
    for (const s of report.revoke) {
      writeLine(io.stdout, `${report.dryRun ? 'would revoke' : 'revoked'}  share ${s}`);
    }
    for (const file of files) {
      writeLine(io.stdout, `certificate  ${file}`);
    }
  }
  writeLine(
    io.stderr,
    `${report.found.length} call(s) found, ${report.destroy.length} ${report.dryRun ? 'to destroy (dry run, nothing changed)' : 'destroyed'}, ${report.kept.length} kept under a hold, ${report.revoke.length} shared clip(s) ${report.dryRun ? 'to revoke' : 'revoked'}.`,
  );
  return ExitCode.ok;
};
