import { guessableWords } from '../../core/vault/guessable-words';
import type { VaultVerifyView } from '../../shared/contract';
import type { SalvageReport } from '../../app/vault/vault-salvage';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { subcommands } from '../subcommands';
import { exitCodeFor } from '../exit-codes';
import { askLines, readTextLines, refuseArgvText, requireSecretOffStdin } from '../free-text';
import { chooseProfile, parse, profileStore, readPassphrase, readUnlockSecret, vaultContext } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { openCliSession } from '../cli-session';

const HELP = `Usage: callvault vault <command> [options]

Commands:
  init                 create a profile (if needed) and its vault; prints the recovery key once
  unlock-check         check that the passphrase (or recovery key) opens the vault
  change-passphrase    set a new passphrase (the recovery key keeps working)
  verify               check the database pages, every recording chunk and the audit chain
  salvage              after "the vault database is damaged": copy every readable row into a new
                       database with the same keys, keep the damaged one as vault.db.damaged-<time>,
                       and report what was lost (exit 4 when anything was)

Options:
  --home DIR                 data directory (default: CALLVAULT_HOME or the OS app-data folder)
  --profile ID               the profile to use (default: the only one)
  --name-file FILE|-         your name for a new profile (init), read from FILE or standard input
                             (never an argument: other users can read those); in a terminal you
                             are asked; otherwise "Default"
  --passphrase-file FILE     read the passphrase from FILE (else CALLVAULT_PASSPHRASE, else a prompt)
  --recovery-key-file FILE   unlock with the recovery key in FILE instead
  --new-passphrase-file FILE the new passphrase (else CALLVAULT_NEW_PASSPHRASE, else a prompt)
  --json                     machine-readable output (verify, salvage)
`;

export const vaultCommand: CliCommand = subcommands('vault', HELP, {
  init,
  'unlock-check': unlockCheck,
  'change-passphrase': changePassphrase,
  verify,
  salvage,
});

async function init(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, {
    'name-file': { type: 'string' },
    // Accepted by the parser only to be refused with a pointer to --name-file.
    name: { type: 'string' },
  });
  if (values.name !== undefined) {
    refuseArgvText('name', 'Put your name in a file and pass --name-file FILE, pipe it in with --name-file -, or run in a terminal to be asked. See "callvault vault --help".');
  }
  const store = await profileStore(values.home, io);
  const existing = values.profile !== undefined ? chooseProfile(store, values.profile) : undefined;
  if (existing && store.hasVault(existing)) {
    throw new CliFailure(ExitCode.failure, `Profile "${existing.id}" already has a vault.`);
  }
  const name = existing ? undefined : await readProfileName(io, values);
  const passphrase = await readPassphrase(io, values['passphrase-file'], 'CALLVAULT_PASSPHRASE', 'New passphrase: ');
  // Loaded here, not at start-up: the strength estimator's dictionaries, the vault and libsodium.
  const [{ judgePassphrase }, { OpenVault }, { createProfileWithVault }, { PolicySource }] = await Promise.all([
    import('../../core/vault/passphrase-strength'),
    import('../../app/vault/open-vault'),
    import('../../app/vault/create-profile-vault'),
    import('../../app/calls/policy-source'),
  ]);
  // The organisation the policy in force names is as guessable as the rep's name.
  const organisation = await new PolicySource(store.appHome, io.env).organisation();
  const verdict = judgePassphrase(passphrase, guessableWords({ name: existing?.displayName ?? name, organisation, year: new Date().getFullYear() }));
  if (!verdict.acceptable) {
    throw new CliFailure(ExitCode.usage, verdict.problem ?? 'Choose a stronger passphrase.');
  }
  io.stderr.write('Deriving the key (Argon2id, 256 MiB)…\n');
  const ctx = await vaultContext();
  // A new profile and its vault are made together, or not at all (no half-made profile is left).
  const { profile, vault, recoveryKey } = existing
    ? { profile: existing, ...(await OpenVault.create(existing, passphrase, ctx)) }
    : await createProfileWithVault(store, name ?? 'Default', passphrase, ctx, organisation);
  vault.close();
  writeLine(io.stdout, `Created the vault of profile "${profile.id}" in ${profile.vaultDir}.`);
  writeLine(io.stdout, '');
  writeLine(io.stdout, 'Recovery key (shown only now; print it and keep it somewhere safe):');
  writeLine(io.stdout, `  ${recoveryKey}`);
  return ExitCode.ok;
}

// unlock-check, change-passphrase and verify are clients of the handler table (vault.unlock,
// vault.changePassphrase, vault.verify); init and salvage run before any session can exist.
/** The rep's name for a new profile: --name-file FILE or -, else asked in a terminal, else "Default". */
async function readProfileName(io: CliIo, values: { 'name-file'?: string | undefined; 'passphrase-file'?: string | undefined; 'recovery-key-file'?: string | undefined }): Promise<string> {
  const file = values['name-file'];
  if (file === '-') {
    requireSecretOffStdin(io, values, 'name-file');
  }
  const [line = ''] = file !== undefined ? await readTextLines(io, file, 'the name') : io.interactive ? await askLines(io, ['Your name, as reviews and the audit log show it (empty: Default): ']) : [];
  const name = line.trim();
  if (name.length > 80) {
    throw new CliFailure(ExitCode.usage, 'The name is longer than 80 characters.');
  }
  return name === '' ? 'Default' : name;
}

async function unlockCheck(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, {});
  const session = await openCliSession(values, io);
  session.close();
  writeLine(io.stdout, `The vault of profile "${session.profileId}" opens.`);
  return ExitCode.ok;
}

async function changePassphrase(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { 'new-passphrase-file': { type: 'string' } });
  const current = await readUnlockSecret(io, values);
  const session = await openCliSession({ ...values, secret: current }, io);
  try {
    const next = await readPassphrase(io, values['new-passphrase-file'], 'CALLVAULT_NEW_PASSPHRASE', 'New passphrase: ');
    const result = await session.tryCall('vault.changePassphrase', { current, next });
    if (!result.ok) {
      // A passphrase that is too weak is a bad argument, as "vault init" says.
      throw new CliFailure(result.error.code === 'WEAK_PASSPHRASE' ? ExitCode.usage : exitCodeFor(result.error), result.error.message);
    }
  } finally {
    session.close();
  }
  writeLine(io.stdout, 'Passphrase changed. The old one no longer opens the vault; the recovery key still does.');
  return ExitCode.ok;
}

async function verify(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  const session = await openCliSession(values, io);
  let report: VaultVerifyView;
  try {
    report = await session.call('vault.verify', {});
  } finally {
    session.close();
  }
  if (values.json === true) {
    writeLine(io.stdout, JSON.stringify(report));
  } else {
    printReport(io, report);
  }
  return report.ok ? ExitCode.ok : ExitCode.integrity;
}

function printReport(io: CliIo, report: VaultVerifyView): void {
  writeLine(io.stdout, `database:   ${report.database}`);
  writeLine(io.stdout, `audit log:  ${report.audit.ok ? `ok (${report.audit.entries} entries)` : `FAILED: ${(report.audit.problems ?? []).join('; ')}`}`);
  for (const r of report.recordings) {
    const state = r.problems.length > 0 ? 'DAMAGED' : `ok (${r.chunks} chunks)`;
    writeLine(io.stdout, `recording ${r.id} (${r.title}): ${state}`);
    for (const note of r.notes) {
      writeLine(io.stdout, `  note: ${note}`);
    }
    for (const problem of r.problems) {
      writeLine(io.stdout, `  ${problem}`);
    }
  }
  for (const stray of report.strays) {
    writeLine(io.stdout, `recordings/${stray.name}: ${stray.problem}`);
  }
  writeLine(io.stdout, report.ok ? 'Vault verified: no problems found.' : 'Vault verification FAILED: see the lines above.');
}

async function salvage(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  const profile = chooseProfile(await profileStore(values.home, io), values.profile);
  const secret = await readUnlockSecret(io, values);
  const [{ salvageVault, formatRange }, { WrongSecretError }] = await Promise.all([import('../../app/vault/vault-salvage'), import('../../platform/vault/vault-keys')]);
  io.stderr.write('Deriving the key (Argon2id, 256 MiB)…\n');
  let report: SalvageReport;
  try {
    report = await salvageVault(profile, secret, await vaultContext());
  } catch (error) {
    if (error instanceof WrongSecretError) {
      throw new CliFailure(ExitCode.wrongSecret, error.message);
    }
    throw error;
  }
  if (values.json === true) {
    writeLine(io.stdout, JSON.stringify({ ...report, tables: report.tables.map((t) => ({ ...t, lost: t.lost.map(formatRange) })) }));
  } else {
    printSalvage(io, report, formatRange);
  }
  return report.complete ? ExitCode.ok : ExitCode.integrity;
}

function printSalvage(io: CliIo, report: SalvageReport, formatRange: (range: SalvageReport['tables'][number]['lost'][number]) => string): void {
  writeLine(io.stdout, `The damaged database is kept, unchanged, as ${report.damagedFile}.`);
  for (const t of report.tables) {
    const losses = t.unreadable ?? t.lost.map(formatRange).join(', ');
    writeLine(io.stdout, `table ${t.table}: ${t.copied} rows copied${losses === '' ? '' : `; LOST: ${losses}`}`);
  }
  for (const o of report.orphans) {
    writeLine(io.stdout, `table ${o.table}: row ${o.rowid} was kept, but the ${o.parent} row it belongs to was lost`);
  }
  for (const r of report.recordingsWithoutKey) {
    writeLine(io.stdout, `recording ${r.id}${r.callTitle === undefined ? '' : ` (${r.callTitle})`}: its row and data key were lost; its audio file stays in recordings/ but cannot be decrypted`);
  }
  writeLine(
    io.stdout,
    report.audit.ok
      ? `audit log: ok (${report.audit.entries} entries, the salvage recorded as the last)`
      : `audit log: does NOT verify, because entries were lost with the damaged pages: ${report.audit.problems.join('; ')}. The salvage and what it lost are recorded as the last entry.`,
  );
  writeLine(io.stdout, report.complete ? 'Salvage complete: nothing was lost. The vault opens again.' : 'Salvage done: the vault opens again, without what is listed as LOST above.');
}
