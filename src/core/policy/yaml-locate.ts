import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';

/** 1-based line and column in the policy file. */
export interface SourcePosition {
  readonly line: number;
  readonly col: number;
}

export type IssuePath = readonly (string | number)[];

/** "consent.scripts[1].id"; keys that are not plain words are quoted: callTypes["a b"]. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (/^[A-Za-z_][\w-]*$/.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

function resolved(node: unknown, doc: Document): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function start(node: unknown): number | undefined {
  return isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
}

/**
 * Each map's first pair per key, built once per map. Locating every error of a policy with
 * thousands of keys by scanning the map's items was quadratic (a 510 KB file of unknown keys
 * took over a minute); with the index it is linear.
 */
export class KeyIndex {
  private readonly byMap = new WeakMap<YAMLMap, Map<string, Pair>>();

  pair(map: YAMLMap, key: string): Pair | undefined {
    let keys = this.byMap.get(map);
    if (!keys) {
      keys = new Map();
      for (const item of map.items) {
        const text = isScalar(item.key) ? String(item.key.value) : undefined;
        if (text !== undefined && !keys.has(text)) {
          keys.set(text, item);
        }
      }
      this.byMap.set(map, keys);
    }
    return keys.get(key);
  }
}

/**
 * Where `path` points in the YAML source. Map entries report their key (the line a person
 * looks for), scalars their value; a path that leaves the document (a missing key) reports the
 * deepest part that exists.
 */
export function locate(doc: Document, path: IssuePath, lines: LineCounter, index: KeyIndex = new KeyIndex()): SourcePosition | undefined {
  let node: unknown = resolved(doc.contents, doc);
  let offset = start(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = index.pair(node, String(segment));
      if (!pair) {
        break;
      }
      offset = start(pair.key) ?? offset;
      node = resolved(pair.value, doc);
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = resolved(node.items[segment], doc);
      if (item === undefined) {
        break;
      }
      offset = start(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lines.linePos(offset);
}

export interface KeyProblem {
  readonly path: IssuePath;
  readonly offset: number | undefined;
  readonly message: string;
}

/**
 * Duplicate and non-text keys, found by walking the document. Done here rather than by the
 * YAML parser so the error can name the field path, not just a line.
 */
export function findKeyProblems(doc: Document): KeyProblem[] {
  const problems: KeyProblem[] = [];
  const visited = new Set<Node>();
  const walk = (node: unknown, path: IssuePath): void => {
    if (isMap(node)) {
      if (visited.has(node)) {
        return;
      }
      visited.add(node);
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isScalar(pair.key) || (pair.key.value !== null && typeof pair.key.value === 'object')) {
          problems.push({ path, offset: start(pair.key), message: 'keys must be plain text, not lists or maps' });
          continue;
        }
        const key = String(pair.key.value);
        if (key === '__proto__') {
          // zod drops this key from records without a word; a policy key must never vanish silently.
          problems.push({ path: [...path, key], offset: start(pair.key), message: 'the key "__proto__" is not allowed' });
          continue;
        }
        if (seen.has(key)) {
          problems.push({ path: [...path, key], offset: start(pair.key), message: `duplicate key "${key}": each key may appear once in a map` });
        }
        seen.add(key);
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      if (visited.has(node)) {
        return;
      }
      visited.add(node);
      node.items.forEach((item, index) => {
        walk(item, [...path, index]);
      });
    }
  };
  walk(doc.contents, []);
  return problems;
}
