import { BoundedReadError, formatLimit, readBoundedFile, readBoundedStream } from '../platform/files/bounded-read';
import { ExitCode, type CliIo } from './cli-io';
import { CliFailure } from './cli-failure';
import { LinePrompt } from './prompt';

/**
 * The personal details of a call (who took part, the customer account, the meeting title, who
 * attests and who approved). They never come from the command line: arguments are readable by
 * every user of the machine (/proc/PID/cmdline, ps) and `npx` writes them to npm's debug log
 * (~/.npm/_logs). They come from a file, standard input or a terminal prompt instead.
 */

/** Far more than the details of any call. */
export const MAX_DETAILS_BYTES = 64 * 1024;

export interface CallDetails {
  readonly participants: { name: string; email: string; region?: string | undefined }[];
  readonly account?: string | undefined;
  readonly title?: string | undefined;
  readonly attestedBy?: string | undefined;
  readonly approval?: undefined;
}

/** The schema of the details; zod loads when details are read, not at every start of the CLI. */
async function callDetailsSchema() {
  const { z } = await import('zod');
  const Participant = z.object({
    name: z.string().trim().min(1, 'a participant needs a name'),
    email: z.string().trim().regex(/^[^\s<>@]+@[^\s<>@]+$/, 'is not an email address'),
    region: z
      .string()
      .regex(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, 'is not a region such as US or US-CA')
      .transform((r) => r.toUpperCase())
      .optional(),
  });
  return z.strictObject({
    participants: z.array(Participant).min(1, 'list at least one participant'),
    account: z.string().trim().min(1).optional(),
    title: z.string().trim().min(1).optional(),
    attestedBy: z.string().trim().min(1).optional(),
    // Approvals are not typed in: they come signed from the organisation's team server. The key is
    // refused by name so an old details file gets a reason rather than "unrecognized key".
    approval: z
      .never({ error: 'approvals are no longer typed in: they come signed from your organisation\'s team server ("callvault approval request", then record with --approval REQUEST_ID), and without one an approval-gated call type cannot be recorded' })
      .optional(),
  }) satisfies { parse(data: unknown): CallDetails };
}

/** Options that used to carry personal details; refused with a pointer to --details. */
export const PERSONAL_FLAGS = ['participant', 'account', 'title', 'attested-by', 'approved-by', 'approver-role', 'approval-reason'] as const;

export const DETAILS_HELP = `Call details (--details FILE, or --details - to read them from standard input) are JSON or YAML:
  {"participants": [{"name": "...", "email": "...", "region": "US-CA"}],
   "account": "...", "title": "...", "attestedBy": "..."}
Only "participants" is required; "region" is optional. account defaults to the first
participant's email domain, title to the audio file's name, attestedBy to "the vault owner".
Call types that need approval are recorded only under an approval from your team server: ask
with "callvault approval request", then pass --approval REQUEST_ID. Without
--details, in a terminal, you are asked for them.`;

export function refusePersonalFlags(given: readonly string[]): void {
  if (given.length === 0) {
    return;
  }
  // The values are not repeated here: the message may end up in a log of its own.
  throw new CliFailure(
    ExitCode.usage,
    `${given.map((f) => `--${f}`).join(', ')} ${given.length === 1 ? 'is' : 'are'} no longer accepted: command-line arguments can be read by other users of this computer (the process list) and npx writes them to npm's log files. ` +
      'Put participants, account, title and approval in a file and pass --details FILE (JSON or YAML; delete it afterwards), pipe them in with --details -, or run in a terminal without --details to be asked. See "callvault record --help".',
  );
}

async function parseDetails(text: string, source: string): Promise<CallDetails> {
  const [{ parse: parseYaml }, CallDetails] = await Promise.all([import('yaml'), callDetailsSchema()]);
  let data: unknown;
  try {
    // YAML reads JSON too; aliases are not needed for a call's details.
    data = parseYaml(text, { maxAliasCount: 0, strict: true, uniqueKeys: true });
  } catch (error) {
    throw new CliFailure(ExitCode.usage, `The call details in ${source} are not JSON or YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`);
  }
  const parsed = CallDetails.safeParse(data);
  if (!parsed.success) {
    // Paths and reasons only: the details themselves are personal data.
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
    throw new CliFailure(ExitCode.usage, `The call details in ${source} are not valid: ${problems.join('; ')}.\n${DETAILS_HELP}`);
  }
  return parsed.data;
}

/** The details from --details FILE, --details - (standard input), or a terminal prompt. */
export async function readCallDetails(io: CliIo, file: string | undefined): Promise<CallDetails> {
  if (file === '-') {
    let bytes: Buffer;
    try {
      bytes = await readBoundedStream(io.stdin, MAX_DETAILS_BYTES, 'standard input');
    } catch (error) {
      throw new CliFailure(ExitCode.usage, error instanceof Error ? `${error.message}.` : String(error));
    }
    return parseDetails(bytes.toString('utf8'), 'standard input');
  }
  if (file !== undefined) {
    let bytes: Buffer;
    try {
      bytes = readBoundedFile(file, MAX_DETAILS_BYTES);
    } catch (error) {
      if (error instanceof BoundedReadError) {
        throw new CliFailure(error.problem === 'missing' ? ExitCode.notFound : ExitCode.usage, `Cannot read the call details: ${error.message}${error.problem === 'too-large' ? ` (call details are at most ${formatLimit(MAX_DETAILS_BYTES)})` : ''}.`);
      }
      throw error;
    }
    return parseDetails(bytes.toString('utf8'), file);
  }
  if (!io.interactive) {
    throw new CliFailure(ExitCode.usage, `record needs the call's details: --details FILE or --details - (standard input).\n${DETAILS_HELP}`);
  }
  return promptDetails(io);
}

async function promptDetails(io: CliIo): Promise<CallDetails> {
  const prompt = new LinePrompt(io);
  try {
    const participants: CallDetails['participants'] = [];
    io.stderr.write('Participants, one per line as "Name <email>" or "Name <email> US-CA"; an empty line ends the list.\n');
    for (;;) {
      const line = (await prompt.ask(`Participant ${participants.length + 1}: `)).trim();
      if (line === '') {
        if (participants.length > 0) {
          break;
        }
        io.stderr.write('At least one participant is needed.\n');
        continue;
      }
      const match = /^(.+?)\s*<([^>\s]+@[^>\s]+)>\s*([A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?)?$/.exec(line);
      if (!match?.[1] || !match[2]) {
        io.stderr.write('Write it as "Name <email>", optionally followed by a region such as US-CA.\n');
        continue;
      }
      participants.push(match[3] ? { name: match[1], email: match[2], region: match[3].toUpperCase() } : { name: match[1], email: match[2] });
    }
    const account = (await prompt.ask('Customer account (empty: the first participant\'s email domain): ')).trim();
    const title = (await prompt.ask('Meeting title (empty: the file name): ')).trim();
    return await parseDetails(JSON.stringify({ participants, ...(account !== '' && { account }), ...(title !== '' && { title }) }), 'the answers');
  } finally {
    prompt.close();
  }
}
