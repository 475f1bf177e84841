import { judgePassphrase } from '../../core/vault/passphrase-strength';
import { createProfileWithVault } from '../../app/vault/create-profile-vault';
import { OpenVault, type VaultVerifyReport } from '../../app/vault/open-vault';
import { formatRange, salvageVault, type SalvageReport } from '../../app/vault/vault-salvage';
import { WrongSecretError } from '../../platform/vault/vault-keys';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { subcommands } from '../subcommands';
import { chooseProfile, parse, profileStore, readPassphrase, readUnlockSecret, unlockForCli, vaultContext } from '../cli-context';
import { CliFailure } from '../cli-failure';

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
  --name NAME                display name for a new profile (init)
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
  const { values } = parse(argv, { name: { type: 'string' } });
  const store = profileStore(values.home, io);
  const existing = values.profile !== undefined ? chooseProfile(store, values.profile) : undefined;
  if (existing && store.hasVault(existing)) {
    throw new CliFailure(ExitCode.failure, `Profile "${existing.id}" already has a vault.`);
  }
  const passphrase = await readPassphrase(io, values['passphrase-file'], 'CALLVAULT_PASSPHRASE', 'New passphrase: ');
  const verdict = judgePassphrase(passphrase);
  if (!verdict.acceptable) {
    throw new CliFailure(ExitCode.usage, verdict.problem ?? 'Choose a stronger passphrase.');
  }
  io.stderr.write('Deriving the key (Argon2id, 256 MiB)…\n');
  const ctx = await vaultContext();
  // A new profile and its vault are made together, or not at all (no half-made profile is left).
  const { profile, vault, recoveryKey } = existing
    ? { profile: existing, ...(await OpenVault.create(existing, passphrase, ctx)) }
    : await createProfileWithVault(store, values.name ?? 'Default', passphrase, ctx);
  vault.close();
  writeLine(io.stdout, `Created the vault of profile "${profile.id}" in ${profile.vaultDir}.`);
  writeLine(io.stdout, '');
  writeLine(io.stdout, 'Recovery key (shown only now; print it and keep it somewhere safe):');
  writeLine(io.stdout, `  ${recoveryKey}`);
  return ExitCode.ok;
}

async function unlockCheck(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, {});
  const profile = chooseProfile(profileStore(values.home, io), values.profile);
  const vault = await unlockForCli(profile, await readUnlockSecret(io, values), await vaultContext());
  vault.close();
  writeLine(io.stdout, `The vault of profile "${profile.id}" opens.`);
  return ExitCode.ok;
}

async function changePassphrase(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { 'new-passphrase-file': { type: 'string' } });
  const profile = chooseProfile(profileStore(values.home, io), values.profile);
  const vault = await unlockForCli(profile, await readUnlockSecret(io, values), await vaultContext());
  try {
    const next = await readPassphrase(io, values['new-passphrase-file'], 'CALLVAULT_NEW_PASSPHRASE', 'New passphrase: ');
    const verdict = judgePassphrase(next);
    if (!verdict.acceptable) {
      throw new CliFailure(ExitCode.usage, verdict.problem ?? 'Choose a stronger passphrase.');
    }
    await vault.changePassphrase(next);
  } finally {
    vault.close();
  }
  writeLine(io.stdout, 'Passphrase changed. The old one no longer opens the vault; the recovery key still does.');
  return ExitCode.ok;
}

async function verify(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  const profile = chooseProfile(profileStore(values.home, io), values.profile);
  const vault = await unlockForCli(profile, await readUnlockSecret(io, values), await vaultContext());
  let report: VaultVerifyReport;
  try {
    report = vault.verify();
  } finally {
    vault.close();
  }
  if (values.json === true) {
    writeLine(io.stdout, JSON.stringify(summarise(report)));
  } else {
    printReport(io, report);
  }
  return report.ok ? ExitCode.ok : ExitCode.integrity;
}

function summarise(report: VaultVerifyReport) {
  return {
    ok: report.ok,
    database: report.database,
    audit: report.audit,
    recordings: report.recordings.map(({ id, title, startedAt, status, chunks, problems, notes }) => ({ id, title, startedAt, status, chunks, problems, notes })),
    strays: report.strays,
  };
}

function printReport(io: CliIo, report: VaultVerifyReport): void {
  writeLine(io.stdout, `database:   ${report.database}`);
  writeLine(io.stdout, `audit log:  ${report.audit.ok ? `ok (${report.audit.entries} entries)` : `FAILED: ${report.audit.problems.join('; ')}`}`);
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
  const profile = chooseProfile(profileStore(values.home, io), values.profile);
  const secret = await readUnlockSecret(io, values);
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
    printSalvage(io, report);
  }
  return report.complete ? ExitCode.ok : ExitCode.integrity;
}

function printSalvage(io: CliIo, report: SalvageReport): void {
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
