import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand } from '../cli-io';
import { openCliSession } from '../cli-session';
import { readTextLines, requireSecretOffStdin } from '../free-text';
import { subcommands } from '../subcommands';

// Clients of the team retention methods (team.sync, holds.*Team, deletion.*Org*). A customer's
// identifiers and account names are personal or customer data: they come as JSON or lines from a
// file or standard input, never from the command line. Output names ids, states and counts only.

const SYNC_HELP = `Usage: callvault team-sync [--json]

Syncs retention with the team server: fetches the holds that name you, verifies each (issuer's
key as pinned here, role, policy) and obeys it, or refuses and reports it; applies verified
releases; then answers pending organisation-wide deletion requests signed by an admin: what they
find is destroyed (held calls kept) and a signed certificate goes back to the server.
`;

const HOLDS_HELP = `Usage: callvault team-holds <list|issue|release> [options]

  list [--json]     the team holds this vault received: active, released or refused (and why)
  issue --exemption ID [--member ID]... [--from DAY] [--to DAY] [--accounts-file FILE|-]
                    issues a hold on the team server, signed with this vault's team key (HR and
                    legal: legal-hold; enablement: training-library). Members default to every
                    rep; accounts (one a line) are sent only as digests
  release HOLD_ID   releases a hold you may grant; members' apps let retention resume
`;

const ORG_HELP = `Usage: callvault org-deletion <file|status> [options]

  file [--member ID]... [--from FILE]
                    admin: files an organisation-wide customer deletion request. The identifiers
                    are JSON on standard input or in FILE ({"emails": [], "names": [], "phones": [],
                    "accounts": []}), sealed here to each member's key (default: every other member)
  status [--json]   admin: each request, which members are done or pending, and whether each
                    member's certificate verifies
`;

export const teamSyncCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (values.help === true) {
    io.stdout.write(SYNC_HELP);
    return ExitCode.ok;
  }
  if (positionals.length > 0) {
    throw new CliFailure(ExitCode.usage, 'team-sync takes no arguments.');
  }
  const session = await openCliSession(values, io);
  try {
    const report = await session.call('team.sync', {});
    if (values.json === true) {
      writeLine(io.stdout, JSON.stringify(report));
    } else {
      for (const r of report.holds.refused) {
        writeLine(io.stdout, `refused hold  ${r.holdId}  ${r.reason}`);
      }
      for (const a of report.deletionRequests.answered) {
        writeLine(io.stdout, `answered deletion request  ${a.requestId}  ${a.destroyed} destroyed, ${a.kept} kept under a hold`);
      }
      for (const r of [...report.deletionRequests.refused, ...report.deletionRequests.failed]) {
        writeLine(io.stdout, `deletion request not answered  ${r.requestId}  ${r.reason}`);
      }
    }
    writeLine(
      io.stderr,
      `${report.holds.active} hold(s) in force, ${report.holds.released} released, ${report.holds.refused.length} refused; ${report.deletionRequests.answered.length} deletion request(s) answered.`,
    );
    return report.holds.refused.length > 0 || report.deletionRequests.refused.length > 0 ? ExitCode.policyBlocked : ExitCode.ok;
  } finally {
    session.close();
  }
};

export const teamHoldsCommand: CliCommand = subcommands('team-holds', HOLDS_HELP, {
  async list(argv, io) {
    const { values } = parse(argv, { json: { type: 'boolean' } });
    const session = await openCliSession(values, io);
    try {
      for (const h of await session.call('holds.team', {})) {
        writeLine(io.stdout, values.json === true ? JSON.stringify(h) : `${h.state}  ${h.holdId}  ${h.exemptionId}  by ${h.issuerRole ?? '?'} ${h.issuerId}  ${h.recordingsHeld} call(s) held${h.reason === null ? '' : `  (${h.reason})`}`);
      }
      return ExitCode.ok;
    } finally {
      session.close();
    }
  },
  async issue(argv, io) {
    const { values, positionals } = parse(argv, {
      exemption: { type: 'string' },
      member: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      'accounts-file': { type: 'string' },
    });
    if (positionals.length > 0 || values.exemption === undefined) {
      throw new CliFailure(ExitCode.usage, 'team-holds issue needs --exemption ID and takes no other arguments (accounts come from --accounts-file).');
    }
    let accounts: string[] | undefined;
    if (values['accounts-file'] !== undefined) {
      if (values['accounts-file'] === '-') {
        requireSecretOffStdin(io, values, 'accounts-file');
      }
      accounts = (await readTextLines(io, values['accounts-file'], 'the accounts')).map((l) => l.trim()).filter((l) => l !== '');
    }
    const session = await openCliSession(values, io);
    try {
      const hold = await session.call('holds.issueTeam', {
        exemptionId: values.exemption,
        ...(values.member === undefined ? {} : { members: values.member }),
        ...(values.from === undefined ? {} : { from: values.from }),
        ...(values.to === undefined ? {} : { to: values.to }),
        ...(accounts === undefined ? {} : { accounts }),
      });
      writeLine(io.stdout, hold.holdId);
      writeLine(io.stderr, `Hold ${hold.holdId} (${hold.exemptionId}) issued; members' apps obey it at their next sync.`);
      return ExitCode.ok;
    } finally {
      session.close();
    }
  },
  async release(argv, io) {
    const { values, positionals } = parse(argv, {});
    const [holdId, ...extra] = positionals;
    if (holdId === undefined || extra.length > 0) {
      throw new CliFailure(ExitCode.usage, 'team-holds release takes one HOLD_ID.');
    }
    const session = await openCliSession(values, io);
    try {
      const hold = await session.call('holds.releaseTeam', { holdId });
      writeLine(io.stderr, `Hold ${hold.holdId} released at ${hold.releasedAt ?? '?'}; members' apps let retention resume at their next sync.`);
      return ExitCode.ok;
    } finally {
      session.close();
    }
  },
});

export const orgDeletionCommand: CliCommand = subcommands('org-deletion', ORG_HELP, {
  async file(argv, io) {
    const { values, positionals } = parse(argv, { member: { type: 'string', multiple: true }, from: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length > 0) {
      throw new CliFailure(ExitCode.usage, "org-deletion file takes no arguments: the customer's identifiers come as JSON on standard input or in a file with --from.");
    }
    const from = values.from ?? '-';
    if (from === '-') {
      requireSecretOffStdin(io, values, 'from');
    }
    let identifiers: unknown;
    try {
      identifiers = JSON.parse((await readTextLines(io, from, 'the identifiers')).join('\n'));
    } catch {
      throw new CliFailure(ExitCode.usage, 'The identifiers are not JSON: give {"emails": [...], "names": [...], "phones": [...], "accounts": [...]}.');
    }
    if (typeof identifiers !== 'object' || identifiers === null || Array.isArray(identifiers)) {
      throw new CliFailure(ExitCode.usage, 'The identifiers must be one JSON object: {"emails": [...], "names": [...], "phones": [...], "accounts": [...]}.');
    }
    const session = await openCliSession(values, io);
    try {
      const status = await session.call('deletion.fileOrgRequest', { identifiers, ...(values.member === undefined ? {} : { members: values.member }) });
      writeLine(io.stdout, values.json === true ? JSON.stringify(status) : status.requestId);
      writeLine(io.stderr, `Request ${status.requestId} filed for ${status.pending} member(s); each member's app answers at its next sync.`);
      return ExitCode.ok;
    } finally {
      session.close();
    }
  },
  async status(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
    if (positionals.length > 0) {
      throw new CliFailure(ExitCode.usage, 'org-deletion status takes no arguments.');
    }
    const session = await openCliSession(values, io);
    try {
      for (const r of await session.call('deletion.orgRequests', {})) {
        if (values.json === true) {
          writeLine(io.stdout, JSON.stringify(r));
          continue;
        }
        writeLine(io.stdout, `${r.requestId}  filed ${r.createdAt}  ${r.done}/${r.done + r.pending} done`);
        for (const m of r.members) {
          const verdict = m.certificateVerified === null ? '' : m.certificateVerified ? `  certificate verified (${m.destroyed ?? 0} destroyed, ${m.kept ?? 0} kept)` : `  CERTIFICATE NOT VERIFIED: ${m.reason ?? ''}`;
          writeLine(io.stdout, `  ${m.memberId}  ${m.status}${verdict}`);
        }
      }
      return ExitCode.ok;
    } finally {
      session.close();
    }
  },
});
