import { ExitCode, writeLine, type CliIo } from '../cli-io';
import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { openCliSession } from '../cli-session';

/**
 * `callvault policy acknowledge`: shows the purpose and how recordings will and will not be
 * used, then records the acknowledgment of this policy version in the vault (audited): the
 * contract's policy.acknowledgment and policy.acknowledge, as the app's acknowledgment screen.
 */
export async function acknowledgePolicy(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { yes: { type: 'boolean', short: 'y' } });
  const session = await openCliSession(values, io);
  try {
    const { needed, content } = await session.call('policy.acknowledgment', {});
    writeLine(io.stdout, `${content.policyName} (version ${content.policyVersion})`);
    writeLine(io.stdout, `Purpose: ${content.purpose}`);
    writeLine(io.stdout, 'Recordings will be used for:');
    content.willBeUsedFor.forEach((use) => { writeLine(io.stdout, `  - ${use}`); });
    writeLine(io.stdout, `Only with extra approval (${content.onlyWithApproval.approvers.join(', ')}):`);
    content.onlyWithApproval.uses.forEach((use) => { writeLine(io.stdout, `  - ${use}`); });
    writeLine(io.stdout, 'Recordings will never be used for:');
    content.willNotBeUsedFor.forEach((use) => { writeLine(io.stdout, `  - ${use}`); });
    writeLine(io.stdout, `Policy hash: ${content.policyHash}`);
    if (!needed) {
      writeLine(io.stdout, 'You have already acknowledged this policy.');
      return ExitCode.ok;
    }
    if (values.yes !== true) {
      if (!io.interactive) {
        throw new CliFailure(ExitCode.usage, 'Pass --yes to acknowledge without a prompt.');
      }
      io.stderr.write('Type "yes" to acknowledge that you have read this policy: ');
      const answer = await readLine(io);
      if (answer.trim().toLowerCase() !== 'yes') {
        writeLine(io.stdout, 'Not acknowledged.');
        return ExitCode.failure;
      }
    }
    await session.call('policy.acknowledge', { policyHash: content.policyHash });
    writeLine(io.stdout, 'Acknowledged.');
    return ExitCode.ok;
  } finally {
    session.close();
  }
}

function readLine(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        io.stdin.off('data', onData);
        io.stdin.pause();
        resolve(text.split('\n')[0] ?? '');
      }
    };
    io.stdin.on('data', onData);
    io.stdin.resume();
  });
}
