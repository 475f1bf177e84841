import { parse } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { ExitCode, writeLine, type CliCommand, type CliIo } from '../cli-io';
import { openCliSession } from '../cli-session';
import { askLines, readTextLines } from '../free-text';
import type { SearchHitView } from '../../shared/contract';

// A client of the handler table: "search" is search.calls, nothing more.

const HELP = `Usage: callvault search [QUERY] [--json] [--call-type TYPE] [--tag TAG] [--speaker rep|customer]
                       [--from DATE] [--to DATE] [--person-file FILE] [--limit N]

Searches every call in the vault: the latest version of each transcript, titles, accounts,
participants, notes and tags. Words must all appear in one segment (or one title, note...);
"quoted words" must appear together. Numbers match however they were written: 4242 finds
"four two four two" and the other way round. Operators and symbols are read as plain words.

Leave out QUERY to give it on standard input (one line; in a terminal you are asked for it):
a search often names a customer, and arguments end up in shell history, in the process list
and in npm's logs; standard input does not. Give the passphrase with --passphrase-file or
CALLVAULT_PASSPHRASE then. For the same reason the participant or account filter is read
from --person-file FILE, never from an argument.

Each hit prints the recording id, the moment (m:ss) and speaker, the call's title and the
text around the match with matches in »these marks«. --json prints one JSON object per hit.
`;

export const searchCommand: CliCommand = async (argv, io) => {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    'call-type': { type: 'string' },
    tag: { type: 'string' },
    speaker: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'person-file': { type: 'string' },
    limit: { type: 'string' },
  });
  if (values.help === true) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  const speaker = values.speaker;
  if (speaker !== undefined && speaker !== 'rep' && speaker !== 'customer') {
    throw new CliFailure(ExitCode.usage, '--speaker is rep or customer.');
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 200)) {
    throw new CliFailure(ExitCode.usage, '--limit is a whole number from 1 to 200.');
  }
  const query = await readQuery(io, positionals, values);
  const personFile = values['person-file'];
  if (personFile === '-') {
    throw new CliFailure(ExitCode.usage, '--person-file takes a file (standard input carries the search).');
  }
  const person = personFile === undefined ? undefined : (await readTextLines(io, personFile, 'the person filter')).join(' ').trim() || undefined;

  const session = await openCliSession(values, io);
  try {
    const result = await session.call('search.calls', {
      query,
      callType: values['call-type'],
      tag: values.tag,
      speaker,
      from: values.from,
      to: values.to,
      person,
      limit,
    });
    for (const hit of result.hits) {
      writeLine(io.stdout, values.json === true ? JSON.stringify(hit) : describe(hit));
    }
    writeLine(io.stderr, `${result.hits.length}${result.more ? '+' : ''} hit(s).`);
    return ExitCode.ok;
  } finally {
    session.close();
  }
};

async function readQuery(io: CliIo, positionals: readonly string[], values: { 'passphrase-file'?: string | undefined; 'recovery-key-file'?: string | undefined }): Promise<string> {
  if (positionals.length > 0) {
    return positionals.join(' ');
  }
  if (io.interactive) {
    const [answer] = await askLines(io, ['Search: ']);
    return answer ?? '';
  }
  if (values['passphrase-file'] === undefined && values['recovery-key-file'] === undefined && !io.env.CALLVAULT_PASSPHRASE) {
    throw new CliFailure(ExitCode.usage, 'Standard input carries the search, so give the passphrase with --passphrase-file or CALLVAULT_PASSPHRASE (or give the search as an argument, which shell history keeps).');
  }
  return (await readTextLines(io, '-', 'the search')).join(' ');
}

function describe(hit: SearchHitView): string {
  const where = hit.startMs === null ? hit.source : `${clock(hit.startMs)} ${hit.speaker ?? ''}`.trim();
  let text = '';
  let cursor = 0;
  for (const range of hit.snippet.highlights) {
    text += `${hit.snippet.text.slice(cursor, range.start)}»${hit.snippet.text.slice(range.start, range.end)}«`;
    cursor = range.end;
  }
  text += hit.snippet.text.slice(cursor);
  const snippet = `${hit.snippet.clippedStart ? '…' : ''}${text}${hit.snippet.clippedEnd ? '…' : ''}`.replace(/\s+/g, ' ');
  return `${hit.recordingId}  ${where.padEnd(14)} ${hit.title}: ${snippet}`;
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
