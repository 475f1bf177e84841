import { CallService } from '../../app/calls/call-service';
import { PolicySource } from '../../app/calls/policy-source';
import { ExitCode, writeLine, type CliIo } from '../cli-io';
import { chooseProfile, parse, profileStore, readUnlockSecret, unlockForCli, vaultContext } from '../cli-context';
import { CliFailure } from '../cli-failure';

/**
 * `callvault policy acknowledge`: shows the purpose and how recordings will and will not be
 * used, then records the acknowledgment of this policy version in the vault (audited).
 */
export async function acknowledgePolicy(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { yes: { type: 'boolean', short: 'y' } });
  const store = profileStore(values.home, io);
  const profile = chooseProfile(store, values.profile);
  const vault = await unlockForCli(profile, await readUnlockSecret(io, values), await vaultContext());
  try {
    const calls = new CallService(new PolicySource(store.appHome, io.env), () => new Date());
    const { needed, content } = await calls.acknowledgment(vault);
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
    await calls.acknowledge(vault, content.policyHash);
    writeLine(io.stdout, 'Acknowledged.');
    return ExitCode.ok;
  } finally {
    vault.close();
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
