import type { CallApprovalItem } from '../../shared/contract';
import { APPROVAL_DEFAULT_DAYS, addDays, approvalWindow, dayText } from '../../shared/team/call-approval-terms';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliIo } from '../cli-io';
import { decisionArgs } from '../decision-args';
import { readTextLines, refuseArgvText, requireSecretOffStdin } from '../free-text';
import { subcommands } from '../subcommands';
import { withSession } from './team';

// Clients of approval.request|list|decide: approvals to record calls of an approval-gated type
// (#14 section 3). The account and the reason are personal data: they come as JSON on standard
// input or in a file, never on the command line (the process list and npm's logs keep arguments).
// They are sealed to the approvers and this member; the server learns the call type and the days.

const HELP = `Usage: callvault approval <request|list|decide> [options]

  request --call-type TYPE [--from DAY] [--to DAY] [--from-file FILE|-] [--json]
                    asks the approvers your organisation's policy names for approval to record
                    one call of TYPE (a requires-approval call type, see "callvault policy show").
                    The account and the reason are read as JSON from standard input (or FILE):
                      {"account": "...", "reason": "..."}
                    and are sealed to the approvers and to you; the team server sees only the
                    call type and the days. The approval can be used from the start of DAY
                    --from (default today) to the end of DAY --to (default 7 days later), at
                    most 14 days, days as YYYY-MM-DD. It is pending until an approver decides.
  list [--json]     your requests (pending, approved, denied, used) and those your role may decide
  decide REQUEST_ID approve|deny
                    an approver decides a pending request, signed with this vault's team key

Then record the call under an approved request: callvault record ... --approval REQUEST_ID.
With standard input carrying the account and reason, give the passphrase by --passphrase-file or
CALLVAULT_PASSPHRASE.
`;

const DETAILS_SHAPE = '{"account": "...", "reason": "..."}';

function describe(a: CallApprovalItem): string {
  const decided = a.decidedByEmail === null ? '' : ` by ${a.decidedByEmail}${a.decidedAt === null ? '' : ` at ${a.decidedAt}`}`;
  const used = a.usedByCall === null ? '' : `, used by call ${a.usedByCall}`;
  const who = a.mine ? '' : `, asked by ${a.repEmail ?? a.repId}`;
  return `${a.requestId}  ${a.status.padEnd(8)} ${a.callType}  ${a.account ?? '(details not sealed to you)'}  valid ${a.validFrom} to ${a.validUntil}${decided}${used}${who}${a.canDecide ? '  (you may decide)' : ''}`;
}

function print(io: CliIo, items: readonly CallApprovalItem[], json: boolean): void {
  for (const item of items) {
    writeLine(io.stdout, json ? JSON.stringify(item) : describe(item));
  }
}

/** The account and reason from the JSON text; problems are named by field, never by value. */
function parseDetails(text: string): { account: string; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CliFailure(ExitCode.usage, `The account and reason are not JSON: give ${DETAILS_SHAPE}.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CliFailure(ExitCode.usage, `The account and reason must be one JSON object: ${DETAILS_SHAPE}.`);
  }
  const fields = data as Record<string, unknown>;
  const extra = Object.keys(fields).filter((k) => k !== 'account' && k !== 'reason');
  if (extra.length > 0) {
    throw new CliFailure(ExitCode.usage, `Only "account" and "reason" are read, not ${extra.map((k) => `"${k.slice(0, 40)}"`).join(', ')}.`);
  }
  const { account, reason } = fields;
  if (typeof account !== 'string' || account.trim() === '' || account.trim().length > 200) {
    throw new CliFailure(ExitCode.usage, '"account" must be the customer account, 1 to 200 characters.');
  }
  if (typeof reason !== 'string' || reason.trim() === '' || reason.trim().length > 500) {
    throw new CliFailure(ExitCode.usage, '"reason" must say why the call should be recorded, 1 to 500 characters.');
  }
  return { account: account.trim(), reason: reason.trim() };
}

async function request(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    'call-type': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'from-file': { type: 'string' },
    json: { type: 'boolean' },
    // Declared only to be refused by name, without repeating the value.
    account: { type: 'string' },
    reason: { type: 'string' },
  });
  for (const flag of ['account', 'reason'] as const) {
    if (values[flag] !== undefined) {
      refuseArgvText(flag, `Give the account and reason as JSON, ${DETAILS_SHAPE}, on standard input or in a file with --from-file.`);
    }
  }
  const callType = values['call-type'];
  if (callType === undefined || positionals.length > 0) {
    throw new CliFailure(ExitCode.usage, 'approval request needs --call-type TYPE and takes no other arguments (the account and reason come as JSON on standard input or --from-file FILE).');
  }
  const today = new Date();
  const fromDay = values.from ?? dayText(today);
  const toDay = values.to ?? dayText(addDays(values.from === undefined ? today : new Date(`${fromDay}T00:00:00`), APPROVAL_DEFAULT_DAYS));
  const span = approvalWindow(fromDay, toDay, today);
  if (!span.ok) {
    throw new CliFailure(ExitCode.usage, `${span.message} (--from ${fromDay} --to ${toDay})`);
  }
  const file = values['from-file'] ?? '-';
  if (file === '-') {
    requireSecretOffStdin(io, values, 'from-file');
  }
  const details = parseDetails((await readTextLines(io, file, 'the account and reason')).join('\n'));
  return withSession(values, io, async (session) => {
    const asked = await session.call('approval.request', { callType, ...details, validFrom: span.validFrom, validUntil: span.validUntil });
    print(io, [asked], values.json === true);
    writeLine(io.stderr, `Asked for approval to record a ${callType} call from ${fromDay} to ${toDay}; it is pending until an approver decides ("callvault approval list" shows the decision).`);
    return ExitCode.ok;
  });
}

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (positionals.length > 0) {
    throw new CliFailure(ExitCode.usage, 'approval list takes no arguments.');
  }
  return withSession(values, io, async (session) => {
    print(io, await session.call('approval.list', {}), values.json === true);
    return ExitCode.ok;
  });
}

async function decide(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const terms = decisionArgs(positionals, 'approval decide takes one request id (as "callvault approval list" shows it) and approve or deny.');
  return withSession(values, io, async (session) => {
    print(io, [await session.call('approval.decide', terms)], values.json === true);
    return ExitCode.ok;
  });
}

export const approvalCommand = subcommands('approval', HELP, { request, list, decide });
