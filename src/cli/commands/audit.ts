import { parse } from '../cli-context';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { openCliSession } from '../cli-session';
import { subcommands } from '../subcommands';

const HELP = `Usage: callvault audit <verify|show> [options]

  verify   check that no audit entry was edited, removed or reordered
  show     print the audit log (--json for JSON lines)

Options: --home DIR, --profile ID, --passphrase-file FILE, --recovery-key-file FILE, --json
`;

// Clients of the handler table: audit.verify and audit.entries.
export const auditCommand: CliCommand = subcommands('audit', HELP, { verify, show });

async function verify(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  const session = await openCliSession(values, io);
  try {
    const verdict = await session.call('audit.verify', {});
    if (verdict.ok) {
      writeLine(io.stdout, `Audit log intact: ${verdict.entries} entries, every link and MAC checks out.`);
      return ExitCode.ok;
    }
    writeLine(io.stdout, 'Audit log FAILED verification:');
    for (const problem of verdict.problems ?? []) {
      writeLine(io.stdout, `  - ${problem}`);
    }
    return ExitCode.integrity;
  } finally {
    session.close();
  }
}

async function show(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  const session = await openCliSession(values, io);
  try {
    for (const entry of await session.call('audit.entries', {})) {
      writeLine(io.stdout, values.json === true ? JSON.stringify({ seq: entry.seq, at: entry.at, event: entry.event, detail: JSON.parse(entry.detail) as unknown }) : `${String(entry.seq).padStart(5)}  ${entry.at}  ${entry.event.padEnd(26)} ${entry.detail}`);
    }
    return ExitCode.ok;
  } finally {
    session.close();
  }
}
