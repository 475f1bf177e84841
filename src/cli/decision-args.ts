import { CliFailure } from './cli-failure';
import { ExitCode } from './cli-io';

/** A request id as the team server makes them (a UUID). */
export const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "REQUEST_ID approve|deny", the arguments of the commands an approver decides with; `usage` otherwise. */
export function decisionArgs(positionals: readonly string[], usage: string): { readonly requestId: string; readonly decision: 'approved' | 'denied' } {
  const [id, word, ...extra] = positionals;
  const decision = word === 'approve' ? 'approved' : word === 'deny' ? 'denied' : undefined;
  if (id === undefined || !REQUEST_ID.test(id) || decision === undefined || extra.length > 0) {
    throw new CliFailure(ExitCode.usage, usage);
  }
  return { requestId: id.toLowerCase(), decision };
}
