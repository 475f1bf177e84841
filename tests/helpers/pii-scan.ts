import fs from 'node:fs';
import path from 'node:path';

/**
 * Looks for personal data (canaries a test planted) in every file under some directories: the
 * text as typed, in UTF-16 (how some tools store strings), case-folded, and JSON- or
 * URL-escaped (how npm's logs and caches write arguments). Encrypted stores are scanned too:
 * they must hold no plaintext. Returns one line per hit, empty when there is none.
 */
export function scanForPersonalData(dirs: readonly string[], canaries: readonly string[]): string[] {
  const needles = canaries.flatMap((canary) =>
    [
      [canary, 'utf8'],
      [canary.toLowerCase(), 'utf8'],
      [JSON.stringify(canary).slice(1, -1), 'utf8'],
      [encodeURIComponent(canary), 'utf8'],
      [canary, 'utf16le'],
    ].map(([text = '', encoding = 'utf8']) => ({ canary, encoding, bytes: Buffer.from(text, encoding as BufferEncoding) })),
  );
  const hits: string[] = [];
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        continue; // removed while we looked (a lock or temp file)
      }
      for (const needle of needles) {
        if (bytes.includes(needle.bytes)) {
          hits.push(`${file} holds "${needle.canary}" (${needle.encoding})`);
        }
      }
    }
  }
  return [...new Set(hits)];
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The command line of every live process, by pid (what `ps` and other users can see). */
export function processCommandLines(): Map<number, string> {
  const out = new Map<number, string>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      out.set(Number(name), fs.readFileSync(`/proc/${name}/cmdline`).toString('utf8').replaceAll('\0', ' '));
    } catch {
      // the process ended
    }
  }
  return out;
}

/** The parent pid of `pid`, or undefined when it has ended. */
export function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ")".
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
