// Start-up stays light: this module imports only the streams' types, the exit codes and
// CliFailure. Every command, and the app's error mapping, is loaded when it is needed, so
// "callvault redact --jsonl" never loads the vault, libsodium or SQLite.
import { CliFailure } from './cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from './cli-io';

const HELP = `Usage: callvault <command> [options]

Commands:
  vault init | unlock-check | change-passphrase | verify
  audit verify | show
  redact [--jsonl | FILE]
  policy validate FILE | show [FILE] | acknowledge
  record --import FILE --call-type TYPE --consent METHOD --details FILE|- [--approval REQUEST_ID]
  models list | download NAME | import FILE [--trust] | verify [NAME] | delete NAME
  transcribe RECORDING_ID | --file AUDIO [--model NAME|PATH] [--json]
  review RECORDING_ID [--add ...] [--dismiss ID --reasons FILE|-] [--save]
  export RECORDING_ID --out DIR [--format txt|srt|vtt|docx|json] [--audio] [--clip FROM-TO] [--purpose-file FILE|-]
  search [QUERY] [--json] [--call-type TYPE] [--tag TAG] [--speaker rep|customer] [--from DATE] [--to DATE]
  tags list | add | suggest RECORDING_ID
  retention run [--dry-run] [--json] | upcoming [--days N] [--json]
  deletion-request [--dry-run] [--json] [--from FILE] [--out DIR]   (identifiers as JSON on stdin or in FILE)
  transcript versions | diff | edit | restore RECORDING_ID
  team enrol --server URL [--code-file FILE|-] | status | members
  share RECORDING_ID --clip FROM-TO (--to MEMBER_ID | --to-file FILE|-) [--purpose ID] [--yes]
  outbox list | flush | revoke SHARE_ID
  inbox list | open SHARE_ID [--out DIR]
  summary draft | show | review | export RECORDING_ID
  team-sync [--json]
  team-holds list | issue --exemption ID [--member ID] [--from DAY] [--to DAY] [--accounts-file FILE|-] | release HOLD_ID
  org-deletion file [--member ID] [--from FILE] | status [--json]   (identifiers as JSON on stdin or in FILE)
  approval request --call-type TYPE [--from DAY --to DAY] [--from-file FILE|-] | list [--json] | decide REQUEST_ID approve|deny

Run "callvault <command> --help" for a command's options.

Exit codes:
  0 success                 3 wrong passphrase or recovery key
  1 failure                 4 integrity check failed (tampering or damage)
  2 usage error             5 not found (profile, vault, recording)
                            6 blocked by policy
                            7 export refused (not reviewed, restricted, redaction failed)
`;

/** Loaded on demand: start-up cost is only the command's own, and a missing module breaks only it. */
const commands: Readonly<Record<string, () => Promise<CliCommand>>> = {
  vault: async () => (await import('./commands/vault')).vaultCommand,
  audit: async () => (await import('./commands/audit')).auditCommand,
  redact: async () => (await import('./commands/redact')).redactCommand,
  policy: async () => (await import('./commands/policy')).policyCommand,
  record: async () => (await import('./commands/record')).recordCommand,
  transcribe: async () => (await import('./commands/transcribe')).transcribeCommand,
  review: async () => (await import('./commands/share')).reviewCommand,
  export: async () => (await import('./commands/share')).exportCommand,
  search: async () => (await import('./commands/search')).searchCommand,
  models: async () => (await import('./commands/models')).modelsCommand,
  tags: async () => (await import('./commands/tags')).tagsCommand,
  transcript: async () => (await import('./commands/transcript')).transcriptCommand,
  retention: async () => (await import('./commands/retention')).retentionCommand,
  'deletion-request': async () => (await import('./commands/deletion-request')).deletionRequestCommand,
  team: async () => (await import('./commands/team')).teamCommand,
  share: async () => (await import('./commands/team')).shareCommand,
  outbox: async () => (await import('./commands/team')).outboxCommand,
  inbox: async () => (await import('./commands/team')).inboxCommand,
  summary: async () => (await import('./commands/summary')).summaryCommand,
  'team-sync': async () => (await import('./commands/team-retention')).teamSyncCommand,
  'team-holds': async () => (await import('./commands/team-retention')).teamHoldsCommand,
  'org-deletion': async () => (await import('./commands/team-retention')).orgDeletionCommand,
  approval: async () => (await import('./commands/approval')).approvalCommand,
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    writeLine(io.stderr, `callvault: unknown command "${name}".`);
    io.stderr.write(HELP);
    return ExitCode.usage;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    if (error instanceof CliFailure) {
      writeLine(io.stderr, `callvault: ${error.message}`);
      return error.exitCode;
    }
    return reportError(error, io);
  }
}

/** An error a command did not turn into a CliFailure: worded and exited as the app's error model says. */
async function reportError(error: unknown, io: CliIo): Promise<number> {
  const [{ toAppError }, { silentLogger }, { CallVaultError }, { exitCodeFor }] = await Promise.all([
    import('../app/dispatch'),
    import('../app/logger'),
    import('../shared/callvault-error'),
    import('./exit-codes'),
  ]);
  const appError = toAppError(error, silentLogger);
  // In-process, the error's detail is still there to refine the exit code (model problems).
  const code = exitCodeFor(error instanceof CallVaultError ? error : appError);
  writeLine(io.stderr, `callvault: ${appError.code === 'INTERNAL' && error instanceof Error ? error.message : appError.message}`);
  return code;
}
