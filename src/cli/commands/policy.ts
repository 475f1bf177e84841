import { acknowledgePolicy } from './policy-acknowledge';
import { subcommands } from '../subcommands';
import { parseArgs } from 'node:util';
import type { PolicyLoad } from '../../core/policy';
import { assertNever } from '../../shared/assert';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';

const HELP = `Usage: callvault policy validate FILE
       callvault policy show [FILE] [--canonical]
       callvault policy acknowledge [--yes] [--profile ID] [--passphrase-file FILE]

  validate FILE   check a governance policy file. Prints a summary and the policy's content
                  hash when it is valid; otherwise one line per mistake:
                    FILE:LINE:COL field.path: reason
  show [FILE]     print the policy as the app enforces it (purpose, call types and rules,
                  do-not-record lists, consent scripts, uses, access, retention, review
                  schedule) and its hash. Without FILE, the default policy shipped in
                  resources/policy/default-policy.yaml.
    --canonical   print only the canonical JSON the hash is computed over, with no trailing
                  newline: "callvault policy show --canonical | sha256sum" gives the hash.
  acknowledge     show the policy's purpose and uses, then record that you read and accept
                  this version (needed before the first recording, and after material changes)
  -h, --help      show this help

A missing, unreadable or invalid policy blocks recording.
Exit codes: 0 valid, 1 invalid or unreadable policy, 2 usage error, 5 FILE not found.
`;

export const policyCommand: CliCommand = subcommands('policy', HELP, { validate, show, acknowledge: acknowledgePolicy });

function usage(io: CliIo, message: string): number {
  writeLine(io.stderr, `callvault policy: ${message}`);
  io.stderr.write(HELP);
  return ExitCode.usage;
}

type Parsed = { ok: true; file: string | undefined; canonical: boolean; help: boolean } | { ok: false; message: string };

function parse(argv: readonly string[], allowCanonical: boolean): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, ...(allowCanonical ? { canonical: { type: 'boolean' } } : {}) },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 1) {
      return { ok: false, message: `expected at most one FILE, got ${positionals.length}.` };
    }
    return { ok: true, file: positionals[0], canonical: values.canonical === true, help: values.help === true };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The policy parser (YAML and the policy's schemas), loaded once a subcommand has a file to read. */
const policyModules = async () => {
  const [core, file] = await Promise.all([import('../../core/policy'), import('../../platform/policy/policy-file')]);
  return { ...core, ...file };
};

/** Reports a policy that did not load; returns the exit code for it. */
async function reportFailure(load: Extract<PolicyLoad, { ok: false }>, io: CliIo): Promise<number> {
  const { formatPolicyError } = await import('../../core/policy');
  for (const error of load.errors) {
    writeLine(io.stdout, formatPolicyError(load.source, error));
  }
  writeLine(io.stderr, `callvault policy: ${load.message}${load.problem === 'invalid' ? ' Recording is blocked until it is fixed.' : ''}`);
  switch (load.problem) {
    case 'missing':
      return ExitCode.notFound;
    case 'unreadable':
    case 'invalid':
    case 'unverified':
      return ExitCode.failure;
    default:
      return assertNever(load.problem);
  }
}

async function validate(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, false);
  if (!parsed.ok) {
    return usage(io, parsed.message);
  }
  if (parsed.help) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  if (parsed.file === undefined) {
    return usage(io, 'validate needs the FILE to check.');
  }
  const { readPolicyFile, policySummaryLines } = await policyModules();
  const load = await readPolicyFile(parsed.file);
  if (!load.ok) {
    return reportFailure(load, io);
  }
  const [first, ...details] = policySummaryLines(load.loaded);
  writeLine(io.stdout, `${parsed.file}: ${first ?? 'valid policy'}`);
  for (const line of details) {
    writeLine(io.stdout, line);
  }
  return ExitCode.ok;
}

async function show(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, true);
  if (!parsed.ok) {
    return usage(io, parsed.message);
  }
  if (parsed.help) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  const { readPolicyFile, defaultPolicyPath, canonicalPolicyJson, policyTextLines } = await policyModules();
  const load = await readPolicyFile(parsed.file ?? defaultPolicyPath());
  if (!load.ok) {
    return reportFailure(load, io);
  }
  if (parsed.canonical) {
    // Exactly the hashed bytes, so piping to sha256sum reproduces the hash.
    io.stdout.write(canonicalPolicyJson(load.loaded.policy));
    return ExitCode.ok;
  }
  for (const line of policyTextLines(load.loaded)) {
    writeLine(io.stdout, line);
  }
  return ExitCode.ok;
}
