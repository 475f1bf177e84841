import fs from 'node:fs';
import path from 'node:path';
import type { OutboxEntryView, TeamMembersView, TeamStatusView } from '../../shared/contract';
import { exitCodeFor } from '../exit-codes';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { openCliSession, type CliSession } from '../cli-session';
import { decisionArgs, REQUEST_ID as UUID } from '../decision-args';
import { askLines, readTextLines, refuseArgvText, requireSecretOffStdin } from '../free-text';
import { promptHidden } from '../prompt';
import { subcommands } from '../subcommands';
import { parseMoment, recordingIdOf } from './transcript-args';

// Clients of the handler table's team methods (team.*, share.*, inbox.*). An invitation code is a
// secret and recipients' emails are personal data: neither is ever a command-line argument (the
// process list and npm's logs keep arguments); they come from a file, standard input or a prompt.

const TEAM_HELP = `Usage: callvault team <enrol|status|members> [options]

  enrol --server URL [--code-file FILE|-]
                    enrols this vault with the team server (https, or http on this machine)
                    using the one-time invitation code from your admin: from FILE, from
                    standard input with "-", or asked for in a terminal. Key pairs are made
                    here; only their public halves go to the server.
  status            this vault's enrolment, key fingerprints and outbox
  members [--purpose ID]
                    the other members, their key fingerprints and whether the policy lets
                    them receive a clip for the purpose (default coaching)

Options: --json, --home DIR, --profile ID, --passphrase-file FILE, --recovery-key-file FILE
`;

const SHARE_HELP = `Usage: callvault share RECORDING_ID --clip FROM-TO (--to MEMBER_ID... | --to-file FILE|-) [--purpose ID] [--days N] [--yes]

Shares a clip of a reviewed recording with team members: the redacted clip (text and muted
audio, from the one export gate) is encrypted here for each recipient's key, signed, and sent
through the outbox (kept in the vault and sent when the server is reachable). Refused (exit 7)
when the transcript's redaction review is missing or out of date; refused (exit 6) for a
recipient the policy does not allow. --clip takes seconds or m:ss (at most ten minutes).
Recipients: member ids with --to (see callvault team members), or their emails, one a line,
in FILE or on standard input with --to-file (emails never go on the command line).
What will be sent is shown first; you confirm in a terminal, or with --yes.
--purpose is a use id from the policy (default coaching); --days how long it may be kept.
--request REQUEST_ID shares with HR and legal under an approved performance-use request
(--purpose is then the request's use, e.g. performance-review).
`;

const OUTBOX_HELP = `Usage: callvault outbox <list|flush|revoke SHARE_ID> [--json]

  list              shares this vault made: pending, sent, refused or revoked
  flush             tries the pending shares again now
  revoke SHARE_ID   revokes a share: the server deletes it at once, recipients' copies go
                    at their next sync
`;

const INBOX_HELP = `Usage: callvault inbox <list|open SHARE_ID [--out DIR]|requests|decide REQUEST_ID approve|deny> [--json]

  list              clips shared with you (synced with the server when it can be reached;
                    revoked and expired ones are deleted here)
  open SHARE_ID     downloads (once), verifies and decrypts a clip and prints its purpose
                    banner and redacted text; --out DIR also writes clip.wav and transcript.txt
                    into a new folder DIR
  requests          performance-use requests about your clips, filed by you, or (HR and
                    legal) all of them
  decide REQUEST_ID approve|deny
                    HR and legal: decides a pending request, signed with this vault's key
`;

const CODE_INSTEAD = 'Put the code in a file and pass --code-file FILE (delete it afterwards), pipe it in with --code-file -, or run in a terminal to be asked.';

export const teamCommand: CliCommand = subcommands('team', TEAM_HELP, { enrol, enroll: enrol, status, members });
export const outboxCommand: CliCommand = subcommands('outbox', OUTBOX_HELP, { list: outboxList, flush: outboxFlush, revoke: outboxRevoke });
export const inboxCommand: CliCommand = subcommands('inbox', INBOX_HELP, { list: inboxList, open: inboxOpen, get: inboxOpen, requests: inboxRequests, decide: inboxDecide });

export async function withSession<T>(values: Parameters<typeof openCliSession>[0], io: CliIo, work: (session: CliSession) => Promise<T>): Promise<T> {
  const session = await openCliSession(values, io);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}

async function enrol(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { server: { type: 'string' }, 'code-file': { type: 'string' }, code: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help === true) {
    io.stdout.write(TEAM_HELP);
    return ExitCode.ok;
  }
  if (values.code !== undefined) {
    refuseArgvText('code', CODE_INSTEAD);
  }
  if (values.server === undefined) {
    throw new CliFailure(ExitCode.usage, 'team enrol needs --server URL (your admin gives you the address with the invitation code).');
  }
  const codeFile = values['code-file'];
  let code: string;
  if (codeFile === undefined) {
    if (!io.interactive) {
      throw new CliFailure(ExitCode.usage, `team enrol needs the invitation code. ${CODE_INSTEAD}`);
    }
    code = await promptHidden(io, 'Invitation code: ');
  } else {
    if (codeFile === '-') {
      requireSecretOffStdin(io, values, 'code-file');
    }
    code = (await readTextLines(io, codeFile, 'the invitation code')).join('').trim();
  }
  const server = values.server;
  return withSession(values, io, async (session) => {
    const view = await session.call('team.enrol', { serverUrl: server, code: code.trim() });
    printStatus(io, view, values.json === true);
    return ExitCode.ok;
  });
}

async function status(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  return withSession(values, io, async (session) => {
    printStatus(io, await session.call('team.status', {}), values.json === true);
    return ExitCode.ok;
  });
}

function printStatus(io: CliIo, view: TeamStatusView, json: boolean): void {
  if (json) {
    writeLine(io.stdout, JSON.stringify(view));
    return;
  }
  if (!view.enrolled || view.member === null) {
    writeLine(io.stdout, 'Not enrolled with a team server. Enrol with: callvault team enrol --server URL --code-file -');
    return;
  }
  const m = view.member;
  writeLine(io.stdout, `Enrolled with ${view.serverUrl ?? ''} as ${m.email} (${m.role}${m.team === null ? '' : `, team ${m.team}`}), member ${m.memberId}`);
  writeLine(io.stdout, `Signing key fingerprint: ${m.signingKeyFingerprint}`);
  writeLine(io.stdout, `Box key fingerprint:     ${m.boxKeyFingerprint}`);
  writeLine(io.stdout, `Outbox: ${view.outbox.pending} pending, ${view.outbox.refused} refused`);
}

async function members(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, purpose: { type: 'string' } });
  return withSession(values, io, async (session) => {
    const view = await session.call('team.members', values.purpose === undefined ? {} : { purpose: values.purpose });
    printMembers(io, view, values.json === true);
    return ExitCode.ok;
  });
}

function printMembers(io: CliIo, view: TeamMembersView, json: boolean): void {
  for (const m of view.members) {
    writeLine(
      io.stdout,
      json
        ? JSON.stringify(m)
        : `${m.memberId}  ${m.role.padEnd(22)} ${(m.team ?? '-').padEnd(14)} ${m.allowed ? 'may receive' : 'may not    '}  ${m.email}  signing ${m.signingKeyFingerprint.slice(0, 16)}…${m.keyState === 'changed' ? '  KEY CHANGED' : ''}${m.reason === null ? '' : `  (${m.reason})`}`,
    );
  }
  if (!view.online) {
    writeLine(io.stderr, 'The team server cannot be reached: this is the directory as last seen.');
  }
}

export const shareCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, {
    clip: { type: 'string' },
    to: { type: 'string', multiple: true },
    'to-file': { type: 'string' },
    purpose: { type: 'string' },
    days: { type: 'string' },
    request: { type: 'string' },
    yes: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help === true) {
    io.stdout.write(SHARE_HELP);
    return ExitCode.ok;
  }
  const recordingId = recordingIdOf(positionals, 'share');
  if (values.clip === undefined) {
    throw new CliFailure(ExitCode.usage, `share needs --clip FROM-TO.\n${SHARE_HELP}`);
  }
  const clip = parseMoment(values.clip, '--clip');
  const ids = values.to ?? [];
  for (const id of ids) {
    if (!UUID.test(id)) {
      // Not echoed: it may be an email, which must not end up in a log either.
      refuseArgvText('to with an email', 'Give member ids with --to (callvault team members lists them), or emails one a line with --to-file FILE or --to-file -.');
    }
  }
  const toFile = values['to-file'];
  if (toFile === '-') {
    requireSecretOffStdin(io, values, 'to-file');
  }
  const emails = toFile === undefined ? [] : (await readTextLines(io, toFile, 'the recipients')).map((l) => l.trim().toLowerCase()).filter((l) => l !== '');
  if (ids.length + emails.length === 0) {
    throw new CliFailure(ExitCode.usage, 'Say who receives the clip: --to MEMBER_ID, or --to-file FILE|- with their emails.');
  }
  const request = values.request;
  if (request !== undefined && !UUID.test(request)) {
    throw new CliFailure(ExitCode.usage, '--request takes a performance-use request id (callvault inbox requests lists them).');
  }
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 365)) {
    throw new CliFailure(ExitCode.usage, '--days takes a whole number of days from 1 to 365.');
  }
  const purpose = values.purpose ?? 'coaching';
  return withSession(values, io, async (session) => {
    const directory = await session.call('team.members', { purpose });
    const recipients = [...ids.map((id) => id.toLowerCase())];
    for (const email of emails) {
      const member = directory.members.find((m) => m.email.toLowerCase() === email);
      if (member === undefined) {
        throw new CliFailure(ExitCode.notFound, `Line ${emails.indexOf(email) + 1} of the recipients is not an active member's email.`);
      }
      recipients.push(member.memberId);
    }
    const preview = await session.tryCall('share.preview', { recordingId, fromMs: clip.fromMs, toMs: clip.toMs });
    if (!preview.ok) {
      throw new CliFailure(exitCodeFor(preview.error), `Nothing was shared. ${preview.error.message}`);
    }
    const names = recipients.map((id) => directory.members.find((m) => m.memberId === id)?.email ?? id);
    writeLine(io.stderr, `This will be sent, encrypted for ${names.join(', ')} (purpose: ${purpose}); reviewed ${preview.value.reviewedAt} by ${preview.value.reviewedBy}, ${preview.value.redactedFindings} finding(s) redacted, ${preview.value.mutedSeconds.toFixed(1)} s of audio muted:`);
    writeLine(io.stderr, preview.value.text);
    if (values.yes !== true) {
      if (!io.interactive) {
        throw new CliFailure(ExitCode.usage, 'Nothing was shared: confirm in a terminal, or add --yes to confirm that the text above may be sent.');
      }
      const [answer] = await askLines(io, ['Share this clip? [y/N] ']);
      if (answer?.toLowerCase() !== 'y' && answer?.toLowerCase() !== 'yes') {
        writeLine(io.stderr, 'Nothing was shared.');
        return ExitCode.ok;
      }
    }
    const result = await session.tryCall('share.create', { recordingId, fromMs: clip.fromMs, toMs: clip.toMs, recipients, purpose, confirm: true, ...(days === undefined ? {} : { expiresInDays: days }), ...(request === undefined ? {} : { performanceRequestId: request.toLowerCase() }) });
    if (!result.ok) {
      throw new CliFailure(exitCodeFor(result.error), `Nothing was shared. ${result.error.message}`);
    }
    printOutbox(io, [result.value], values.json === true);
    return result.value.state === 'refused' ? ExitCode.policyBlocked : ExitCode.ok;
  });
};

function printOutbox(io: CliIo, entries: readonly OutboxEntryView[], json: boolean): void {
  for (const e of entries) {
    writeLine(io.stdout, json ? JSON.stringify(e) : `${e.shareId}  ${e.state.padEnd(8)} ${e.purpose.padEnd(12)} ${e.recipients.length} recipient(s)  until ${e.expiresAt}${e.lastError === null ? '' : `  (${e.lastError})`}`);
  }
}

async function outboxList(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  return withSession(values, io, async (session) => {
    printOutbox(io, await session.call('share.outbox', {}), values.json === true);
    return ExitCode.ok;
  });
}

async function outboxFlush(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  return withSession(values, io, async (session) => {
    const entries = await session.call('share.flush', {});
    printOutbox(io, entries, values.json === true);
    return entries.some((e) => e.state === 'pending') ? ExitCode.failure : ExitCode.ok;
  });
}

function shareIdOf(positionals: readonly string[], what: string): string {
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0 || !UUID.test(id)) {
    throw new CliFailure(ExitCode.usage, `${what} takes one share id (as listed).`);
  }
  return id.toLowerCase();
}

async function outboxRevoke(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const shareId = shareIdOf(positionals, 'outbox revoke');
  return withSession(values, io, async (session) => {
    printOutbox(io, [await session.call('share.revoke', { shareId })], values.json === true);
    return ExitCode.ok;
  });
}

async function inboxList(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  return withSession(values, io, async (session) => {
    const view = await session.call('inbox.list', {});
    for (const c of view.clips) {
      writeLine(io.stdout, values.json === true ? JSON.stringify(c) : `${c.shareId}  ${c.purpose.padEnd(12)} from ${c.senderEmail ?? c.senderId}  until ${c.expiresAt}${c.downloaded ? '  (kept here)' : ''}`);
    }
    if (!view.online) {
      writeLine(io.stderr, 'The team server cannot be reached: these are the clips kept here.');
    }
    return ExitCode.ok;
  });
}

async function inboxRequests(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  return withSession(values, io, async (session) => {
    for (const r of await session.call('team.performanceRequests', {})) {
      writeLine(io.stdout, values.json === true ? JSON.stringify(r) : `${r.requestId}  ${r.status.padEnd(8)} ${r.use} for share ${r.shareId} (rep ${r.repId}, filed by ${r.requesterId})`);
    }
    return ExitCode.ok;
  });
}

async function inboxDecide(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const { requestId, decision } = decisionArgs(positionals, 'inbox decide takes one request id (as listed) and approve or deny.');
  return withSession(values, io, async (session) => {
    const r = await session.call('inbox.decidePerformanceRequest', { requestId, decision });
    writeLine(io.stdout, values.json === true ? JSON.stringify(r) : `${r.requestId}  ${r.status}: ${r.use} for share ${r.shareId}`);
    return ExitCode.ok;
  });
}

async function inboxOpen(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, out: { type: 'string' } });
  const shareId = shareIdOf(positionals, 'inbox open');
  return withSession(values, io, async (session) => {
    const clip = await session.call('inbox.open', { shareId });
    const { wav, ...rest } = clip;
    if (values.json === true) {
      writeLine(io.stdout, JSON.stringify({ ...rest, wavBytes: wav.length }));
    } else {
      writeLine(io.stdout, clip.banner);
      writeLine(io.stdout, `From ${clip.senderEmail ?? clip.senderId}, ${(clip.fromMs / 1000).toFixed(1)}-${(clip.toMs / 1000).toFixed(1)} s of the call, until ${clip.expiresAt}:`);
      writeLine(io.stdout, clip.text);
    }
    if (values.out !== undefined) {
      const dir = path.resolve(values.out);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(dir, 'clip.wav'), wav, { flag: 'wx', mode: 0o600 });
      fs.writeFileSync(path.join(dir, 'transcript.txt'), `${clip.banner}\n\n${clip.text}\n`, { flag: 'wx', mode: 0o600 });
      writeLine(io.stderr, `Wrote clip.wav and transcript.txt into ${dir}. ${clip.banner}`);
    }
    return ExitCode.ok;
  });
}
