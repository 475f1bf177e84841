import path from 'node:path';
import { CallService } from '../../app/calls/call-service';
import { PolicySource } from '../../app/calls/policy-source';
import { importRecording } from '../../app/recording/import-service';
import { ExitCode, writeLine, type CliCommand } from '../cli-io';
import { chooseProfile, CliFailure, parse, profileStore, readUnlockSecret, unlockForCli, vaultContext } from '../cli-context';

const HELP = `Usage: callvault record --import FILE --call-type TYPE --consent METHOD --participant "Name <email>" [options]

Imports an existing WAV file as a recording, through the same policy gates as a live call
and only with a consent attestation.

  --import FILE           the audio file (WAV: PCM 8/16/24/32-bit or float, any rate 8-192 kHz)
  --call-type TYPE        a call type of the policy (see "callvault policy show")
  --consent METHOD        how consent was given: verbal, written or notified-in-advance
  --participant "N <e>"   a participant; repeat for each (add --region after it as "N <e> US-CA")
  --account NAME          the customer account (default: the participant's email domain)
  --title TITLE           the meeting title (default: the file name)
  --consent-date DATE     the day consent was given, YYYY-MM-DD (default: today)
  --attested-by NAME      who attests the consent (default: "the vault owner")
  --approved-by NAME --approver-role ROLE --approval-reason TEXT
                          for call types that require approval
  --home, --profile, --passphrase-file, --recovery-key-file   as for the other commands

Exit codes: 0 imported, 6 blocked by policy, 2 usage, 3 wrong passphrase, 1 bad file or other failure.
`;

function parseParticipant(text: string): { name: string; email: string; region?: string } {
  const match = /^\s*(.+?)\s*<([^>\s]+@[^>\s]+)>\s*([A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?)?\s*$/.exec(text);
  if (!match?.[1] || !match[2]) {
    throw new CliFailure(ExitCode.usage, `--participant "${text}" is not of the form "Name <email>" (optionally followed by a region such as US-CA).`);
  }
  return match[3] ? { name: match[1], email: match[2], region: match[3].toUpperCase() } : { name: match[1], email: match[2] };
}

export const recordCommand: CliCommand = async (argv, io) => {
  const { values } = parse(argv, {
    import: { type: 'string' },
    'call-type': { type: 'string' },
    consent: { type: 'string' },
    participant: { type: 'string', multiple: true },
    account: { type: 'string' },
    title: { type: 'string' },
    'consent-date': { type: 'string' },
    'attested-by': { type: 'string' },
    'approved-by': { type: 'string' },
    'approver-role': { type: 'string' },
    'approval-reason': { type: 'string' },
  });
  if (values.help === true) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  const file = values.import;
  const callType = values['call-type'];
  const method = values.consent;
  const participants = (values.participant ?? []).map(parseParticipant);
  if (file === undefined || callType === undefined || method === undefined || participants.length === 0) {
    throw new CliFailure(ExitCode.usage, `record needs --import, --call-type, --consent and at least one --participant.\n${HELP}`);
  }
  if (method !== 'verbal' && method !== 'written' && method !== 'notified-in-advance') {
    throw new CliFailure(ExitCode.usage, `--consent must be verbal, written or notified-in-advance, not "${method}".`);
  }
  const approvedBy = values['approved-by'];
  const approverRole = values['approver-role'];
  const approvalReason = values['approval-reason'];
  const store = profileStore(values.home, io);
  const profile = chooseProfile(store, values.profile);
  const vault = await unlockForCli(profile, await readUnlockSecret(io, values), await vaultContext());
  try {
    const calls = new CallService(new PolicySource(store.appHome, io.env), () => new Date());
    const outcome = await importRecording(
      vault,
      calls,
      path.resolve(file),
      {
        callType,
        account: values.account ?? participants[0]?.email.split('@')[1] ?? 'unknown',
        meetingTitle: values.title ?? path.basename(file),
        participants,
        approval: approvedBy !== undefined && approverRole !== undefined && approvalReason !== undefined ? { approvedBy, approverRole: approverRole as never, reason: approvalReason } : undefined,
      },
      { method, consentDate: values['consent-date'] ?? new Date().toISOString().slice(0, 10), attestedBy: values['attested-by'] ?? 'the vault owner' },
    );
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
    vault.close();
  }
};
