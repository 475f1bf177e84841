// callvault retention run [--dry-run] [--json]: the CLI is a client of retention.run, on the
// machine's clock; calls made in January 2026 are past the default 180 days by now.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCliCapture } from '../../helpers/cli-runner';
import { retentionFixture } from '../../helpers/retention-fixture';
import { PASSPHRASE } from '../../helpers/vault-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

const Report = z.object({ dryRun: z.boolean(), destroyed: z.array(z.object({ recordingId: z.string(), artifact: z.string(), rule: z.string(), dueOn: z.string() })), recordingsRemoved: z.array(z.string()) });

describe('callvault retention', () => {
  it('run --dry-run --json lists what is due and changes nothing; run destroys it; a second run finds nothing', async () => {
    const f = await retentionFixture('2026-01-12T10:00:00.000Z');
    open.push(f);
    const { recordingId } = await f.addCall('discovery', 'Quantelbrook');
    f.session.lock();
    const env = { CALLVAULT_HOME: f.home, CALLVAULT_PASSPHRASE: PASSPHRASE };

    const dry = await runCliCapture(['retention', 'run', '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    const planned = Report.parse(JSON.parse(dry.stdout));
    expect(planned.dryRun).toBe(true);
    expect(planned.destroyed.map((d) => d.artifact).sort()).toEqual(['notes', 'recording', 'summary', 'tags', 'transcript']);
    expect(planned.destroyed.every((d) => d.recordingId === recordingId && d.dueOn === '2026-07-11')).toBe(true);
    expect(dry.stdout).not.toMatch(/Quantelbrook|Dana|Initech/u);

    const again = Report.parse(JSON.parse((await runCliCapture(['retention', 'run', '--dry-run', '--json'], env)).stdout));
    expect(again.destroyed).toHaveLength(5); // the dry run destroyed nothing

    const run = await runCliCapture(['retention', 'run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(5);
    // The summary goes with its transcript (on the transcript's day, not its own 365), so every
    // content artifact is gone and the call is removed entirely.
    expect(run.stderr).toMatch(/5 artifact\(s\) destroyed/);

    const after = Report.parse(JSON.parse((await runCliCapture(['retention', 'run', '--json'], env)).stdout));
    expect(after.destroyed).toEqual([]);
    expect((await runCliCapture(['audit', 'verify'], env)).code).toBe(0);
  });

  it('refuses an unknown subcommand with a usage error', async () => {
    expect((await runCliCapture(['retention', 'purge'], {})).code).toBe(2);
  });
});
