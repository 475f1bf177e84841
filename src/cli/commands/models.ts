import path from 'node:path';
import type { AuditEvent } from '../../core/audit/audit-chain';
import type { OpenVault } from '../../app/vault/open-vault';
import { ModelError } from '../../platform/models/model-error';
import { defaultBundledDir, defaultManifestPath } from '../../platform/models/model-manifest';
import { formatBytes } from '../../platform/models/model-resources';
import { ModelStore, type ModelListing } from '../../platform/models/model-store';
import { resolveAppHome } from '../../platform/vault/app-home';
import { assertNever } from '../../shared/assert';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { chooseProfile, parse, profileStore, readUnlockSecret, unlockForCli, vaultContext } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { subcommands } from '../subcommands';
import { PERSONAL_INSTALL } from '../../app/calls/install-authority';

const HELP = `Usage: callvault models <command> [options]

Commands:
  list [--json]              the models CallVault knows, and which are installed
  download NAME              download a model (resumes an interrupted download; progress on stderr)
  import FILE                install a model file copied from elsewhere (for networks that cannot
                             download); it must match the manifest
  import FILE --trust        trust and install a file the manifest does not list: needs the admin
                             role, unlocks your vault and records the trust in its audit log
  verify [NAME]              check an installed model (or all) against its sha256 and structure
  delete NAME                remove an installed model

Options:
  --home DIR                 data directory (default: CALLVAULT_HOME or the OS app-data folder);
                             models live in DIR/models, outside every vault
  --mirror URL               download from URL/<file> instead of Hugging Face (https only)
  --name NAME                import: the model the file should be (or the name of a trusted file)
  --profile ID, --passphrase-file FILE, --recovery-key-file FILE
                             import --trust: the admin's profile and how to unlock it
  --json                     machine-readable output (list)

The network is used only by "download". CALLVAULT_MODEL_MANIFEST names another manifest.
Exit codes: 0 ok, 1 failure (network, disk, memory), 2 usage, 4 checksum or structure check
failed, 5 model not installed or unknown, 6 the profile lacks the admin role (--trust).
`;

// Model errors carry their own advice and reach runCli, which exits as src/cli/exit-codes.ts says.
export const modelsCommand: CliCommand = subcommands('models', HELP, {
  list,
  download,
  import: importFile,
  verify,
  delete: remove,
});

const MODEL_TRUSTED: AuditEvent = 'model.trusted';

function usage(message: string): never {
  throw new CliFailure(ExitCode.usage, `${message} Run "callvault models --help".`);
}

export function openStore(home: string | undefined, io: CliIo): Promise<ModelStore> {
  const manifest = io.env.CALLVAULT_MODEL_MANIFEST;
  return ModelStore.open({
    appHome: home ?? resolveAppHome(io.env),
    manifestPath: manifest !== undefined && manifest.trim() !== '' ? path.resolve(manifest) : defaultManifestPath(),
    bundledDir: defaultBundledDir(),
  });
}

function one(positionals: readonly string[], what: string): string {
  const [value, ...extra] = positionals;
  if (value === undefined || extra.length > 0) {
    usage(`Expected exactly one ${what}.`);
  }
  return value;
}

function describeStatus(model: ModelListing): string {
  switch (model.status) {
    case 'installed':
      return 'installed';
    case 'bundled':
      return 'bundled';
    case 'damaged':
      return 'DAMAGED (wrong size)';
    case 'partial':
      return `partial ${Math.floor(((model.partialBytes ?? 0) / model.bytes) * 100)}%`;
    case 'available':
      return 'not installed';
    default:
      return assertNever(model.status);
  }
}

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  const store = await openStore(values.home, io);
  const models = await store.list();
  if (values.json === true) {
    const rows = models.map(({ entry, trust, ...rest }) => ({
      ...rest,
      ...(entry && { multilingual: entry.multilingual, quantization: entry.quantization, memoryBytes: entry.memoryBytes, description: entry.description, url: entry.url }),
      ...(trust && { trustedBy: trust.trustedBy, trustedAt: trust.trustedAt }),
    }));
    writeLine(io.stdout, JSON.stringify(rows, null, 2));
    return ExitCode.ok;
  }
  writeLine(io.stdout, `${'NAME'.padEnd(16)}${'SIZE'.padEnd(9)}${'LANGUAGES'.padEnd(14)}${'STATUS'.padEnd(22)}NOTES`);
  for (const model of models) {
    const languages = model.entry === undefined ? '?' : model.entry.multilingual ? 'multilingual' : 'English';
    const notes = model.origin === 'trusted' ? `trusted by ${model.trust?.trustedBy.profileId ?? '?'}` : (model.entry?.description ?? '');
    writeLine(io.stdout, `${model.name.padEnd(16)}${formatBytes(model.bytes).padEnd(9)}${languages.padEnd(14)}${describeStatus(model).padEnd(22)}${notes}`);
  }
  writeLine(io.stdout, `Models directory: ${store.dir}`);
  return ExitCode.ok;
}

async function download(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { mirror: { type: 'string' } });
  const name = one(positionals, 'model NAME');
  const store = await openStore(values.home, io);
  const abort = new AbortController();
  const onInterrupt = () => {
    abort.abort();
  };
  process.once('SIGINT', onInterrupt);
  let shown = -1;
  try {
    const result = await store.download(name, {
      signal: abort.signal,
      ...(values.mirror !== undefined && { baseUrl: values.mirror }),
      onProgress: ({ receivedBytes, totalBytes, resumedFromBytes }) => {
        const percent = Math.floor((receivedBytes / totalBytes) * 100);
        if (percent !== shown) {
          shown = percent;
          const resumed = resumedFromBytes > 0 ? `, resumed at ${formatBytes(resumedFromBytes)}` : '';
          io.stderr.write(`\rDownloading ${name}: ${percent}% (${formatBytes(receivedBytes)} of ${formatBytes(totalBytes)}${resumed})`);
        }
      },
    });
    if (shown >= 0) {
      io.stderr.write('\n');
    }
    writeLine(io.stdout, result.alreadyInstalled ? `${result.name} is already installed (${result.path}). Run "callvault models verify ${result.name}" to check it.` : `Installed ${result.name} in ${result.path} (size, sha256 and structure verified).`);
    return ExitCode.ok;
  } catch (error) {
    if (shown >= 0) {
      io.stderr.write('\n');
    }
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** Who may trust a model: roles come from the install (src/app/calls/install-authority.ts), never from the rep's own settings. */
function rolesOf(_vault: OpenVault): readonly string[] {
  return PERSONAL_INSTALL.roles;
}

async function importFile(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { trust: { type: 'boolean' }, name: { type: 'string' } });
  const file = path.resolve(one(positionals, 'FILE to import'));
  const store = await openStore(values.home, io);
  const named = values.name !== undefined ? { name: values.name } : {};
  if (values.trust !== true) {
    const result = await store.importModel(file, named);
    writeLine(io.stdout, `Imported ${result.name} into ${result.path} (${result.origin === 'manifest' ? 'matches the manifest' : 'matches a model trusted on this machine'}; sha256 ${result.sha256}).`);
    return ExitCode.ok;
  }
  const profile = chooseProfile(profileStore(values.home, io), values.profile);
  const vault = await unlockForCli(profile, await readUnlockSecret(io, values), await vaultContext());
  try {
    const roles = rolesOf(vault);
    if (!roles.includes('admin')) {
      throw new CliFailure(ExitCode.policyBlocked, `Trusting a model file needs the admin role; profile "${profile.id}" has ${roles.join(', ') || 'no role'}. Ask an administrator, or import a file that matches the manifest.`);
    }
    const result = await store.importModel(file, {
      ...named,
      trust: {
        by: { profileId: profile.id },
        roleChecked: 'admin',
        audit: (record) => {
          vault.audit.record(MODEL_TRUSTED, { name: record.name, file: record.file, sha256: record.sha256, bytes: record.bytes });
        },
      },
    });
    if (result.trusted === undefined) {
      writeLine(io.stdout, `Imported ${result.name} into ${result.path}: it ${result.origin === 'manifest' ? 'matches the manifest' : 'was already trusted'}, so no trust was recorded.`);
    } else {
      writeLine(io.stdout, `Trusted and imported ${result.name} into ${result.path} (sha256 ${result.sha256}); recorded in the audit log of profile "${profile.id}".`);
    }
    return ExitCode.ok;
  } finally {
    vault.close();
  }
}

async function verify(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (positionals.length > 1) {
    usage('Expected at most one model NAME.');
  }
  const store = await openStore(values.home, io);
  const names = positionals[0] !== undefined ? [positionals[0]] : (await store.list()).filter((m) => m.path !== undefined).map((m) => m.name);
  if (names.length === 0) {
    throw new CliFailure(ExitCode.notFound, 'No transcription model is installed. Download one with "callvault models download base.en", or import a file with "callvault models import FILE".');
  }
  let failed = 0;
  for (const name of names) {
    try {
      const model = await store.verify(name);
      writeLine(io.stdout, `${model.name}: OK (${formatBytes(model.bytes)}, sha256 ${model.sha256}, ${model.info.tensors} tensors, ${model.path})`);
    } catch (error) {
      if (!(error instanceof ModelError) || names.length === 1) {
        throw error;
      }
      failed += 1;
      writeLine(io.stdout, `${name}: FAILED: ${error.message}`);
    }
  }
  return failed > 0 ? ExitCode.integrity : ExitCode.ok;
}

async function remove(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {});
  const store = await openStore(values.home, io);
  const { name, removed } = await store.delete(one(positionals, 'model NAME'));
  writeLine(io.stdout, removed.length > 0 ? `Deleted ${name} (${removed.join(', ')}).` : `Forgot the trusted model ${name}; no file was left to remove.`);
  return ExitCode.ok;
}
