import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { detectSensitive, flagTopics, redactText } from '../../core/redaction';
import { BoundedReadError, formatLimit, readBoundedFile, readBoundedStream } from '../../platform/files/bounded-read';
import { boundedLines } from '../bounded-lines';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';

/** Longest --jsonl line read; a longer one is skipped with an error line, never buffered. */
export const MAX_JSONL_LINE_BYTES = 1024 * 1024;
/** Largest FILE (or standard input) for "redact FILE". */
export const MAX_REDACT_FILE_BYTES = 16 * 1024 * 1024;

const HELP = `Usage: callvault redact --jsonl
       callvault redact FILE

Finds sensitive data (cards, SSNs, phone numbers, emails, IBANs, bank and routing numbers,
credentials, API keys, dates of birth, addresses, passport, licence and health ids) in
transcript text, written or spoken ("four two four two ...").

  --jsonl     read JSON lines {"id": ..., "text": "..."} on stdin and write, for each line in
              order, {"id": ..., "findings": [{"start","end","type","confidence"}], "topics": [...]}.
              start/end are JavaScript string indices (UTF-16) into "text". A line that cannot
              be read produces {"id": null | ..., "line": N, "error": "..."} and processing goes on.
              A line longer than 1 MiB is not read: it gets such an error line too, so the output
              still has one line per input line; split long transcripts into several lines.
  FILE        print FILE with every finding replaced by a placeholder such as [CARD] or [SSN]
              ("-" reads stdin). Topics found are listed on stderr. FILE must be a regular file
              of at most 16 MiB.
  -h, --help  show this help

Exit codes: 0 every line processed, 1 some line was malformed, 2 usage error, 5 FILE not found.
`;

/**
 * One input line: an object with "id" (string or number) and "text" (string); other keys are
 * ignored. Checked by hand, not with zod: loading zod would cost more than the rest of this
 * command's start-up, and scripts run it in loops.
 */
function inputLine(json: unknown): { id: string | number; text: string } | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('id' in json) || !('text' in json)) {
    return undefined;
  }
  const { id, text } = json;
  return (typeof id === 'string' || typeof id === 'number') && typeof text === 'string' ? { id, text } : undefined;
}

export const redactCommand: CliCommand = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { jsonl: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    writeLine(io.stderr, `callvault redact: ${error instanceof Error ? error.message : String(error)}`);
    io.stderr.write(HELP);
    return ExitCode.usage;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  const file = positionals[0];
  if (values.jsonl === true && positionals.length === 0) {
    return redactJsonLines(io);
  }
  if (values.jsonl !== true && file !== undefined && positionals.length === 1) {
    return redactFile(file, io);
  }
  writeLine(io.stderr, 'callvault redact: give either --jsonl or one FILE.');
  io.stderr.write(HELP);
  return ExitCode.usage;
};

async function write(stream: Writable, line: string): Promise<void> {
  // Respect backpressure so a large transcript dump does not pile up in memory.
  if (!stream.write(`${line}\n`)) {
    await once(stream, 'drain');
  }
}

async function redactJsonLines(io: CliIo): Promise<number> {
  let lineNo = 0;
  let failed = false;
  for await (const raw of boundedLines(io.stdin, MAX_JSONL_LINE_BYTES)) {
    lineNo += 1;
    const result: LineResult =
      raw.kind === 'line'
        ? processLine(raw.text, lineNo)
        : { id: null, line: lineNo, error: `line is ${raw.bytes} bytes, longer than the ${formatLimit(MAX_JSONL_LINE_BYTES)} limit; it was skipped (split the text over several lines)` };
    failed ||= 'error' in result;
    await write(io.stdout, JSON.stringify(result));
  }
  return failed ? ExitCode.failure : ExitCode.ok;
}

type LineResult =
  | { id: string | number; findings: { start: number; end: number; type: string; confidence: number }[]; topics: string[] }
  | { id: string | number | null; line: number; error: string };

function processLine(raw: string, lineNo: number): LineResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { id: null, line: lineNo, error: raw.trim() === '' ? 'empty line' : 'not valid JSON' };
  }
  const input = inputLine(json);
  if (input === undefined) {
    const id = typeof json === 'object' && json !== null && 'id' in json ? json.id : null;
    return {
      id: typeof id === 'string' || typeof id === 'number' ? id : null,
      line: lineNo,
      error: 'expected an object with "id" (string or number) and "text" (string)',
    };
  }
  const { id, text } = input;
  try {
    const findings = detectSensitive(text).map((f) => ({
      start: f.start,
      end: f.end,
      type: f.type,
      confidence: Math.round(f.confidence * 100) / 100,
    }));
    return { id, findings, topics: flagTopics(text).map((t) => t.topic) };
  } catch (error) {
    // A detector bug must not stop the batch, and must not pass the line off as clean.
    return { id, line: lineNo, error: `detection failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function redactFile(file: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    const bytes = file === '-' ? await readBoundedStream(io.stdin, MAX_REDACT_FILE_BYTES, 'standard input') : readBoundedFile(file, MAX_REDACT_FILE_BYTES);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof BoundedReadError) {
      writeLine(io.stderr, `callvault redact: ${error.message}.${error.problem === 'too-large' ? ' Split it into smaller files, or use --jsonl.' : ''}`);
      return error.problem === 'missing' ? ExitCode.notFound : ExitCode.failure;
    }
    throw error;
  }
  io.stdout.write(redactText(text, detectSensitive(text)));
  const topics = flagTopics(text).map((t) => t.topic);
  if (topics.length > 0) {
    writeLine(io.stderr, `callvault redact: topics flagged: ${topics.join(', ')}`);
  }
  return ExitCode.ok;
}
