import path from 'node:path';
import { formatBytes } from '../../platform/models/model-resources';
import { assertNever } from '../../shared/assert';
import type { ModelView } from '../../shared/contract';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { openCliApp, openCliSession, type CliApp } from '../cli-session';
import { exitCodeFor } from '../exit-codes';
import { subcommands } from '../subcommands';

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

// Every subcommand is a contract method (models.list, models.download, ...) called in-process
// through the app's handler table. For host "cli" they need no unlocked vault: models live outside
// every vault (see modelHandlers); trusting a file unlocks the admin's vault for its audit entry.
// A failure exits as src/cli/exit-codes.ts says for its code and detail.
export const modelsCommand: CliCommand = subcommands('models', HELP, {
  list,
  download,
  import: importFile,
  verify,
  delete: remove,
});

function usage(message: string): never {
  throw new CliFailure(ExitCode.usage, `${message} Run "callvault models --help".`);
}

function one(positionals: readonly string[], what: string): string {
  const [value, ...extra] = positionals;
  if (value === undefined || extra.length > 0) {
    usage(`Expected exactly one ${what}.`);
  }
  return value;
}

/** Runs `run` with the app composed for this home (no vault unlocked), and closes it. */
async function withApp<T>(home: string | undefined, io: CliIo, run: (app: CliApp) => Promise<T>, env?: Record<string, string>): Promise<T> {
  const app = await openCliApp({ home, env }, io);
  try {
    return await run(app);
  } finally {
    app.close();
  }
}

function describeStatus(model: ModelView): string {
  switch (model.status) {
    case 'installed':
      return 'installed';
    case 'bundled':
      return 'bundled';
    case 'damaged':
      return 'DAMAGED (wrong size)';
    case 'partial':
      return `partial ${Math.floor(model.percent ?? 0)}%`;
    case 'downloading':
      return `downloading ${Math.floor(model.percent ?? 0)}%`;
    case 'available':
      return 'not installed';
    default:
      return assertNever(model.status);
  }
}

/** The model's problem as the error it was, for its exit code. */
function problemFailure(model: ModelView): CliFailure {
  const detail = model.problemDetail ?? undefined;
  return new CliFailure(exitCodeFor({ code: 'MODEL_UNAVAILABLE', detail }), model.problem ?? `${model.name} cannot be used.`);
}

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  return withApp(values.home, io, async (app) => {
    const models = await app.call('models.list', {});
    if (values.json === true) {
      writeLine(io.stdout, JSON.stringify(models, null, 2));
      return ExitCode.ok;
    }
    writeLine(io.stdout, `${'NAME'.padEnd(16)}${'SIZE'.padEnd(9)}${'LANGUAGES'.padEnd(14)}${'STATUS'.padEnd(22)}NOTES`);
    for (const model of models) {
      const languages = model.origin === 'trusted' ? '?' : model.multilingual ? 'multilingual' : 'English';
      const notes = model.trustedBy !== null ? `trusted by ${model.trustedBy}` : model.description;
      writeLine(io.stdout, `${model.name.padEnd(16)}${formatBytes(model.bytes).padEnd(9)}${languages.padEnd(14)}${describeStatus(model).padEnd(22)}${notes}`);
    }
    writeLine(io.stdout, `Models directory: ${path.join(app.appHome, 'models')}`);
    return ExitCode.ok;
  });
}

async function download(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { mirror: { type: 'string' } });
  const { normalizeModelName } = await import('../../platform/models/model-manifest'); // its schemas: not at start-up
  const name = normalizeModelName(one(positionals, 'model NAME'));
  // --mirror is the app's CALLVAULT_MODEL_MIRROR for this run.
  return withApp(values.home, io, async (app) => {
    const known = (await app.call('models.list', {})).find((m) => m.name === name);
    if (known?.status === 'installed' || known?.status === 'bundled') {
      writeLine(io.stdout, `${known.name} is already installed (${known.path ?? ''}). Run "callvault models verify ${known.name}" to check it.`);
      return ExitCode.ok;
    }
    let shown = -1;
    const ended = new Promise<'done' | 'failed' | 'cancelled'>((resolve) => {
      const stop = app.on('models.progress', (p) => {
        if (p.name !== name) {
          return;
        }
        const percent = p.totalBytes > 0 ? Math.floor((p.receivedBytes / p.totalBytes) * 100) : 0;
        if (percent !== shown && p.totalBytes > 0 && p.state !== 'failed') {
          shown = percent;
          io.stderr.write(`\rDownloading ${name}: ${percent}% (${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)})`);
        }
        if (p.state !== 'downloading') {
          stop();
          resolve(p.state);
        }
      });
    });
    const interrupt = () => { void app.tryCall('models.cancelDownload', { name }); };
    process.once('SIGINT', interrupt);
    try {
      await app.call('models.download', { name });
      const state = await ended;
      if (shown >= 0) {
        io.stderr.write('\n');
      }
      const model = (await app.call('models.list', {})).find((m) => m.name === name);
      if (state === 'cancelled') {
        throw new CliFailure(ExitCode.failure, `The download of ${name} was stopped. Run the same command again to resume it.`);
      }
      if (state === 'failed' || model === undefined) {
        throw model === undefined ? new CliFailure(ExitCode.failure, `${name} could not be downloaded.`) : problemFailure(model);
      }
      writeLine(io.stdout, `Installed ${name} in ${model.path ?? ''} (size, sha256 and structure verified).`);
      return ExitCode.ok;
    } finally {
      process.off('SIGINT', interrupt);
    }
  }, values.mirror === undefined ? undefined : { CALLVAULT_MODEL_MIRROR: values.mirror });
}

async function importFile(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { trust: { type: 'boolean' }, name: { type: 'string' } });
  const file = path.resolve(one(positionals, 'FILE to import'));
  const input = { path: file, ...(values.name !== undefined && { name: values.name }) };
  if (values.trust !== true) {
    const { imported } = await withApp(values.home, io, (app) => app.call('models.import', input));
    writeLine(io.stdout, `Imported ${imported.name} into ${imported.path} (${imported.origin === 'manifest' ? 'matches the manifest' : 'matches a model trusted on this machine'}; sha256 ${imported.sha256}).`);
    return ExitCode.ok;
  }
  // Trust is the admin's decision, audited in their vault: this one unlocks it.
  const session = await openCliSession(values, io);
  try {
    const { imported } = await session.call('models.import', { ...input, trust: true });
    if (imported.trusted) {
      writeLine(io.stdout, `Trusted and imported ${imported.name} into ${imported.path} (sha256 ${imported.sha256}); recorded in the audit log of profile "${session.profileId}".`);
    } else {
      writeLine(io.stdout, `Imported ${imported.name} into ${imported.path}: it ${imported.origin === 'manifest' ? 'matches the manifest' : 'was already trusted'}, so no trust was recorded.`);
    }
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

async function verify(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (positionals.length > 1) {
    usage('Expected at most one model NAME.');
  }
  return withApp(values.home, io, async (app) => {
    const asked = positionals[0];
    const names = asked !== undefined ? [asked] : (await app.call('models.list', {})).filter((m) => m.path !== null).map((m) => m.name);
    if (names.length === 0) {
      throw new CliFailure(ExitCode.notFound, 'No transcription model is installed. Download one with "callvault models download base.en", or import a file with "callvault models import FILE".');
    }
    let failed = 0;
    for (const name of names) {
      // A model that is not installed is an error (exit 5); a damaged one comes back with its problem.
      const model = (await app.call('models.verify', { name })).find((m) => m.name === name);
      if (model === undefined) {
        throw new CliFailure(ExitCode.notFound, `There is no model called ${name}. Run "callvault models list".`);
      }
      if (model.problem === null) {
        writeLine(io.stdout, `${model.name}: OK (${formatBytes(model.bytes)}, sha256 ${model.sha256}, ${model.path ?? ''})`);
      } else if (names.length === 1) {
        throw problemFailure(model);
      } else {
        failed += 1;
        writeLine(io.stdout, `${name}: FAILED: ${model.problem}`);
      }
    }
    return failed > 0 ? ExitCode.integrity : ExitCode.ok;
  });
}

async function remove(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {});
  const name = one(positionals, 'model NAME');
  await withApp(values.home, io, (app) => app.call('models.delete', { name }));
  writeLine(io.stdout, `Deleted ${name}.`);
  return ExitCode.ok;
}
