import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand } from '../cli-io';
import { openCliSession } from '../cli-session';

// A client of the handler table: "retention run" is retention.run, "retention upcoming" is retention.upcoming.

const HELP = `Usage: callvault retention run [--dry-run] [--json]
       callvault retention upcoming [--days N] [--json]

run       Runs the retention sweep now, as the app does at unlock and every hour: every artifact
          of a call (audio, transcript versions, notes, tags) whose period under the policy has
          ended, and that no hold keeps, is destroyed and audited (kind, rule, day; no content).
          A sweep cut short by a crash is finished first. --dry-run lists what would be
          destroyed and changes nothing.
upcoming  What will be destroyed in the next N days (default 14), soonest first, and why.

--json prints one JSON object (run) or one per line (upcoming). Nothing printed names a person
or quotes a transcript: ids, artifact kinds, rules and days only.
`;

export const retentionCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, days: { type: 'string' } });
  const [sub, ...extra] = positionals;
  if (values.help === true || sub === undefined) {
    io.stdout.write(HELP);
    return values.help === true ? ExitCode.ok : ExitCode.usage;
  }
  if (extra.length > 0 || (sub !== 'run' && sub !== 'upcoming')) {
    throw new CliFailure(ExitCode.usage, 'retention takes "run" or "upcoming" (see callvault retention --help).');
  }
  const days = values.days === undefined ? 14 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new CliFailure(ExitCode.usage, '--days is a whole number from 1 to 366.');
  }
  const session = await openCliSession(values, io);
  try {
    if (sub === 'upcoming') {
      const soon = await session.call('retention.upcoming', { days });
      for (const item of soon) {
        writeLine(io.stdout, values.json === true ? JSON.stringify(item) : `${item.on}  ${item.recordingId ?? `call ${item.callId ?? ''} (no recording)`}  ${item.artifact}  ${item.why} (${item.rule})`);
      }
      writeLine(io.stderr, `${soon.length} artifact(s) expire in the next ${days} day(s).`);
      return ExitCode.ok;
    }
    const report = await session.call('retention.run', { dryRun: values['dry-run'] === true });
    if (values.json === true) {
      writeLine(io.stdout, JSON.stringify(report));
    } else {
      for (const item of report.destroyed) {
        writeLine(io.stdout, `${report.dryRun ? 'would destroy' : 'destroyed'}  ${item.recordingId}  ${item.artifact}  due ${item.dueOn}  (${item.rule})`);
      }
      for (const call of report.callsErased) {
        writeLine(io.stdout, `${report.dryRun ? 'would erase' : 'erased'}  call ${call.callId}  (no recording)  due ${call.dueOn}  (${call.rule})`);
      }
    }
    writeLine(
      io.stderr,
      `${report.day}: ${report.destroyed.length} artifact(s) ${report.dryRun ? 'would be destroyed (dry run, nothing changed)' : 'destroyed'}` +
        (report.recordingsRemoved.length > 0 ? `, ${report.recordingsRemoved.length} call(s) removed entirely` : '') +
        (report.callsErased.length > 0 ? `, ${report.callsErased.length} call(s) without a recording erased` : '') +
        `${report.resumed > 0 ? `, ${report.resumed} resumed from an interrupted sweep` : ''}.`,
    );
    return ExitCode.ok;
  } finally {
    session.close();
  }
};
