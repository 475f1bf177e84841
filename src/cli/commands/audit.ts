import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { subcommands } from '../subcommands';
import { chooseProfile, parse, profileStore, readUnlockSecret, unlockForCli, vaultContext } from '../cli-context';

const HELP = `Usage: callvault audit <verify|show> [options]

  verify   check that no audit entry was edited, removed or reordered
  show     print the audit log (--json for JSON lines)

Options: --home DIR, --profile ID, --passphrase-file FILE, --recovery-key-file FILE, --json
`;

export const auditCommand: CliCommand = subcommands('audit', HELP, { verify, show });

async function open(argv: readonly string[], io: CliIo) {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  const profile = chooseProfile(profileStore(values.home, io), values.profile);
  const vault = await unlockForCli(profile, await readUnlockSecret(io, values), await vaultContext());
  return { vault, json: values.json === true };
}

async function verify(argv: readonly string[], io: CliIo): Promise<number> {
  const { vault } = await open(argv, io);
  try {
    const verdict = vault.audit.verify();
    if (verdict.ok) {
      writeLine(io.stdout, `Audit log intact: ${verdict.entries} entries, every link and MAC checks out.`);
      return ExitCode.ok;
    }
    writeLine(io.stdout, 'Audit log FAILED verification:');
    for (const problem of verdict.problems) {
      writeLine(io.stdout, `  - ${problem}`);
    }
    return ExitCode.integrity;
  } finally {
    vault.close();
  }
}

async function show(argv: readonly string[], io: CliIo): Promise<number> {
  const { vault, json } = await open(argv, io);
  try {
    for (const entry of vault.audit.entries()) {
      writeLine(io.stdout, json ? JSON.stringify({ seq: entry.seq, at: entry.at, event: entry.event, detail: JSON.parse(entry.detail) as unknown }) : `${String(entry.seq).padStart(5)}  ${entry.at}  ${entry.event.padEnd(26)} ${entry.detail}`);
    }
    return ExitCode.ok;
  } finally {
    vault.close();
  }
}
