import { toAppError } from '../app/dispatch';
import { silentLogger } from '../app/logger';
import { CallVaultError } from '../shared/callvault-error';
import { auditCommand } from './commands/audit';
import { vaultCommand } from './commands/vault';
import { CliFailure } from './cli-context';
import { ExitCode, writeLine, type CliCommand, type CliIo } from './cli-io';
import { exitCodeFor } from './exit-codes';

const HELP = `Usage: callvault <command> [options]

Commands:
  vault init | unlock-check | change-passphrase | verify
  audit verify | show
  redact [--jsonl | FILE]
  policy validate FILE | show [FILE] | acknowledge
  record --import FILE --call-type TYPE --consent METHOD --details FILE|-
  models list | download NAME | import FILE [--trust] | verify [NAME] | delete NAME
  transcribe RECORDING_ID | --file AUDIO [--model NAME|PATH] [--json]
  review RECORDING_ID [--add ...] [--dismiss ID --reason TEXT] [--save]
  export RECORDING_ID --out DIR [--audio] [--clip FROM-TO]

Run "callvault <command> --help" for a command's options.

Exit codes:
  0 success                 3 wrong passphrase or recovery key
  1 failure                 4 integrity check failed (tampering or damage)
  2 usage error             5 not found (profile, vault, recording)
                            6 blocked by policy
                            7 export refused (not reviewed, restricted, redaction failed)
`;

/** Commands that need optional modules load them lazily, so a missing one breaks only itself. */
const commands: Readonly<Record<string, () => Promise<CliCommand>>> = {
  vault: () => Promise.resolve(vaultCommand),
  audit: () => Promise.resolve(auditCommand),
  redact: async () => (await import('./commands/redact')).redactCommand,
  policy: async () => (await import('./commands/policy')).policyCommand,
  record: async () => (await import('./commands/record')).recordCommand,
  transcribe: async () => (await import('./commands/transcribe')).transcribeCommand,
  review: async () => (await import('./commands/share')).reviewCommand,
  export: async () => (await import('./commands/share')).exportCommand,
  models: async () => (await import('./commands/models')).modelsCommand,
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const load = commands[name];
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
    const appError = toAppError(error, silentLogger);
    // In-process, the error's detail is still there to refine the exit code (model problems).
    const code = exitCodeFor(error instanceof CallVaultError ? error : appError);
    writeLine(io.stderr, `callvault: ${appError.code === 'INTERNAL' && error instanceof Error ? error.message : appError.message}`);
    return code;
  }
}
