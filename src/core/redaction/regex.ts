/**
 * Regex helpers for the hot paths. `String.prototype.matchAll` clones its regex on every call
 * (species constructor, flags re-read), which costs more than the matching itself on short
 * transcript segments; an exec loop over the module-level regex does not.
 */

/** All matches of a global (or sticky) regex, like `[...text.matchAll(re)]` without the clone. */
export function execAll(re: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let match = re.exec(text); match !== null; match = re.exec(text)) {
    matches.push(match);
    if (match[0] === '') {
      // Step past an empty match by one code point, as matchAll does.
      const code = text.charCodeAt(re.lastIndex);
      re.lastIndex += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
  }
  re.lastIndex = 0;
  return matches;
}
