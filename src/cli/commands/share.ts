import path from 'node:path';
import { PolicySource } from '../../app/calls/policy-source';
import { buildSharedArtifact, ExportRefused, writeArtifact } from '../../app/export/shared-artifact';
import { latestTranscript, reviewState, saveReview, StoredReview } from '../../app/redaction/redaction-review';
import { formatPolicyError } from '../../core/policy';
import { topicPolicyFrom } from '../../core/policy/topic-policy';
import { isFindingType, type FindingType } from '../../core/redaction';
import { transcriptDocument } from '../../core/transcription/transcript';
import { chooseProfile, parse, profileStore, readUnlockSecret, unlockForCli, vaultContext } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';

const REVIEW_HELP = `Usage: callvault review RECORDING_ID [--add TYPE:START-END]... [--dismiss ID --reason TEXT]... [--save] [--json]

Shows what will be redacted in the recording's latest transcript version: each finding's id
(TYPE:START-END, character offsets into the transcript), its rule and its text, and the
policy's topic flags. --add marks text the detectors missed; --dismiss ID --reason TEXT says
a finding is not sensitive (one --reason per --dismiss, in order). --save stores the review
with the transcript version (audited); only a saved review can be exported.
`;

const EXPORT_HELP = `Usage: callvault export RECORDING_ID --out DIR [--audio] [--clip FROM-TO] [--purpose TEXT]

Writes the redacted transcript (and with --audio the redacted audio) of a reviewed transcript
version into a new folder DIR, with a manifest of sha256 sums. Refuses (exit 7) when the
version was not reviewed, the review is out of date, the policy restricts sharing this call,
or redaction fails; nothing is written then. --clip takes seconds or m:ss, e.g. 1:05-1:40.
`;

export const reviewCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, {
    add: { type: 'string', multiple: true },
    dismiss: { type: 'string', multiple: true },
    reason: { type: 'string', multiple: true },
    save: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help === true) {
    io.stdout.write(REVIEW_HELP);
    return ExitCode.ok;
  }
  const recordingId = single(positionals, REVIEW_HELP, io);
  const added = (values.add ?? []).map(parseSpan);
  const dismissIds = values.dismiss ?? [];
  const reasons = values.reason ?? [];
  if (dismissIds.length !== reasons.length) {
    throw new CliFailure(ExitCode.usage, 'Give one --reason for each --dismiss.');
  }
  const dismissed = dismissIds.map((id, i) => ({ ...parseSpan(id), reason: reasons[i] ?? '' }));
  const store = profileStore(values.home, io);
  const vault = await unlockForCli(chooseProfile(store, values.profile), await readUnlockSecret(io, values), await vaultContext());
  try {
    const transcript = latestTranscript(vault, recordingId);
    let stored: StoredReview | undefined;
    if (values.save === true || added.length > 0 || dismissed.length > 0) {
      const load = await new PolicySource(store.appHome, io.env).load();
      if (!load.ok) {
        throw new CliFailure(ExitCode.policyBlocked, `The policy cannot be read, so nothing can be reviewed for sharing: ${load.errors.map((e) => formatPolicyError(load.source, e)).join('; ') || load.message}`);
      }
      const context = { reviewer: vault.profile.displayName, policyHash: load.loaded.hash, topicPolicy: topicPolicyFrom(load.loaded.policy), now: new Date() };
      if (values.save === true) {
        stored = saveReview(vault, recordingId, transcript.version, { added, dismissed }, context);
      }
    }
    const existing = vault.redactionSets.get(recordingId, transcript.version);
    const parsedExisting = existing ? StoredReview.safeParse(existing.redactions) : undefined;
    const state = reviewState(transcript, stored ?? (parsedExisting?.success === true ? parsedExisting.data : undefined));
    const text = transcriptDocument(transcript.segments).text;
    for (const finding of state.findings) {
      const dismissal = state.dismissals.get(finding.id);
      const row = { id: finding.id, type: finding.type, start: finding.start, end: finding.end, rule: finding.rule, origin: finding.origin, text: text.slice(finding.start, finding.end), dismissed: dismissal?.reason ?? null };
      writeLine(io.stdout, values.json === true ? JSON.stringify(row) : `${dismissal ? 'keep  ' : 'redact'}  ${row.id.padEnd(22)} ${row.rule.padEnd(24)} "${row.text}"${dismissal ? `  (dismissed: ${dismissal.reason})` : ''}`);
    }
    writeLine(io.stderr, `Transcript version ${transcript.version}: ${state.findings.length} finding(s). ${stored ? 'Review saved.' : existing ? `Reviewed ${existing.reviewedAt} by ${existing.reviewedBy}.` : 'Not reviewed yet: add --save to store this review.'}`);
    return ExitCode.ok;
  } finally {
    vault.close();
  }
};

export const exportCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    audio: { type: 'boolean' },
    clip: { type: 'string' },
    purpose: { type: 'string' },
  });
  if (values.help === true) {
    io.stdout.write(EXPORT_HELP);
    return ExitCode.ok;
  }
  const recordingId = single(positionals, EXPORT_HELP, io);
  if (values.out === undefined) {
    throw new CliFailure(ExitCode.usage, `export needs --out DIR.\n${EXPORT_HELP}`);
  }
  const clip = values.clip === undefined ? undefined : parseClip(values.clip);
  const vault = await unlockForCli(chooseProfile(profileStore(values.home, io), values.profile), await readUnlockSecret(io, values), await vaultContext());
  try {
    const artifact = buildSharedArtifact(vault, { recordingId, audio: values.audio === true, clip, purpose: values.purpose ?? 'file export (CLI)' });
    for (const file of writeArtifact(artifact, path.resolve(values.out))) {
      writeLine(io.stdout, file);
    }
    writeLine(io.stderr, `Exported transcript version ${artifact.version}: ${artifact.redactedFindings} finding(s) and ${artifact.redactedSegments} segment(s) redacted.`);
    return ExitCode.ok;
  } catch (error: unknown) {
    if (error instanceof ExportRefused) {
      throw new CliFailure(ExitCode.exportRefused, `Nothing was exported. ${error.message}`);
    }
    throw error;
  } finally {
    vault.close();
  }
};

function single(positionals: readonly string[], help: string, io: CliIo): string {
  if (positionals.length !== 1 || positionals[0] === undefined) {
    io.stderr.write(help);
    throw new CliFailure(ExitCode.usage, 'Name one recording id.');
  }
  return positionals[0];
}

function parseSpan(value: string): { start: number; end: number; type: FindingType } {
  const match = /^([A-Z_]+):(\d+)-(\d+)$/.exec(value);
  const type = match?.[1] ?? '';
  if (!match || !isFindingType(type)) {
    throw new CliFailure(ExitCode.usage, `"${value}" is not TYPE:START-END (for example CARD:120-139).`);
  }
  return { type, start: Number(match[2]), end: Number(match[3]) };
}

function parseClip(value: string): { fromMs: number; toMs: number } {
  const [from, to] = value.split('-').map(seconds);
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) || to <= from) {
    throw new CliFailure(ExitCode.usage, `--clip takes FROM-TO in seconds or m:ss, e.g. 65-100 or 1:05-1:40; "${value}" is not that.`);
  }
  return { fromMs: from * 1000, toMs: to * 1000 };
}

function seconds(part: string): number {
  const pieces = part.split(':').map(Number);
  return pieces.reduce((total, n) => total * 60 + n, 0);
}
