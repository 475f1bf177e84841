import path from 'node:path';
import { ExitCode, writeLine, type CliCommand } from '../cli-io';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { openCliSession } from '../cli-session';
import { REQUEST_ID } from '../decision-args';
import { DETAILS_HELP, PERSONAL_FLAGS, readCallDetails, refusePersonalFlags } from '../call-details';

const HELP = `Usage: callvault record --import FILE --call-type TYPE --consent METHOD --details FILE|- [--approval REQUEST_ID] [options]

Imports an existing WAV file as a recording, through the same policy gates as a live call
and only with a consent attestation.

  --import FILE           the audio file (WAV: PCM 8/16/24/32-bit or float, any rate 8-192 kHz)
  --call-type TYPE        a call type of the policy (see "callvault policy show")
  --consent METHOD        how consent was given: verbal, written or notified-in-advance
  --details FILE|-        the participants, account, title and approval (below); "-" reads them
                          from standard input. Without it, in a terminal, you are asked.
  --consent-date DATE     the day consent was given, YYYY-MM-DD (default: today)
  --approval REQUEST_ID   for a call type that requires approval: your approved request for
                          this call type and account ("callvault approval request", then
                          "callvault approval list"); checked on the team server, used once
  --home, --profile, --passphrase-file, --recovery-key-file   as for the other commands

Names, emails, the account and the title are never taken as arguments: other users can read
a command line, and npx writes it to npm's log files.

${DETAILS_HELP}

Exit codes: 0 imported, 6 blocked by policy, 2 usage, 3 wrong passphrase, 1 bad file or other failure.
`;

export const recordCommand: CliCommand = async (argv, io) => {
  const { values } = parse(argv, {
    import: { type: 'string' },
    'call-type': { type: 'string' },
    consent: { type: 'string' },
    details: { type: 'string' },
    'consent-date': { type: 'string' },
    approval: { type: 'string' },
    // Accepted by the parser only to be refused with a pointer to --details.
    participant: { type: 'string', multiple: true },
    account: { type: 'string' },
    title: { type: 'string' },
    'attested-by': { type: 'string' },
    'approved-by': { type: 'string' },
    'approver-role': { type: 'string' },
    'approval-reason': { type: 'string' },
  });
  if (values.help === true) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  refusePersonalFlags(PERSONAL_FLAGS.filter((flag) => values[flag] !== undefined));
  const file = values.import;
  const callType = values['call-type'];
  const method = values.consent;
  if (file === undefined || callType === undefined || method === undefined) {
    throw new CliFailure(ExitCode.usage, `record needs --import, --call-type, --consent and the call's details (--details FILE or -).\n${HELP}`);
  }
  if (method !== 'verbal' && method !== 'written' && method !== 'notified-in-advance') {
    throw new CliFailure(ExitCode.usage, `--consent must be verbal, written or notified-in-advance, not "${method}".`);
  }
  if (values.details === '-' && values['passphrase-file'] === undefined && values['recovery-key-file'] === undefined && !io.env.CALLVAULT_PASSPHRASE) {
    throw new CliFailure(ExitCode.usage, 'With --details - standard input carries the details, so give the passphrase with --passphrase-file or CALLVAULT_PASSPHRASE.');
  }
  const approvalId = values.approval;
  if (approvalId !== undefined && !REQUEST_ID.test(approvalId)) {
    throw new CliFailure(ExitCode.usage, '--approval takes the id of an approved request, as "callvault approval list" shows it.');
  }
  const details = await readCallDetails(io, values.details);
  const participants = details.participants.map((p) => (p.region === undefined ? { name: p.name, email: p.email } : { name: p.name, email: p.email, region: p.region }));
  // The same gates as the app's: the contract's recordings.import.
  const session = await openCliSession(values, io);
  try {
    const outcome = await session.call('recordings.import', {
      file: path.resolve(file),
      call: {
        callType,
        account: details.account ?? participants[0]?.email.split('@')[1] ?? 'unknown',
        meetingTitle: details.title ?? path.basename(file),
        participants,
        ...(approvalId === undefined ? {} : { approvalId: approvalId.toLowerCase() }),
      },
      consent: { method, consentDate: values['consent-date'] ?? new Date().toISOString().slice(0, 10), attestedBy: details.attestedBy ?? 'the vault owner' },
    });
    if (!outcome.imported) {
      writeLine(io.stderr, 'callvault: the recording policy does not allow this recording:');
      for (const reason of outcome.reasons) {
        writeLine(io.stderr, `  - ${reason.message} (${reason.rule})`);
      }
      return ExitCode.policyBlocked;
    }
    writeLine(io.stdout, `Imported ${file} as recording ${outcome.recordingId} (${(outcome.durationMs / 1000).toFixed(1)} s).`);
    return ExitCode.ok;
  } finally {
    session.close();
  }
};
