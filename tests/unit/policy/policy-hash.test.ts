import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalPolicyJson, hashPolicy, isPolicyHash, type Policy } from '../../../src/core/policy';
import { defaultPolicyText, editedPolicyText, loadPolicyTextOnce, policyWith } from './policy-fixture';

function parse(text: string): Policy {
  const load = loadPolicyTextOnce(text);
  if (!load.ok) {
    throw new Error(load.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  }
  return load.loaded.policy;
}

const base = () => hashPolicy(parse(defaultPolicyText()));

describe('canonical JSON', () => {
  it('sorts keys, drops whitespace and keeps list order', () => {
    expect(canonicalJson({ b: [2, 1], a: { d: 'x', c: null } })).toBe('{"a":{"c":null,"d":"x"},"b":[2,1]}');
  });
});

describe('policy content hash', () => {
  it('is sha256 of the canonical JSON, so standard tools reproduce it', () => {
    const policy = parse(defaultPolicyText());
    const hash = hashPolicy(policy);
    expect(isPolicyHash(hash)).toBe(true);
    expect(hash).toBe(`sha256:${createHash('sha256').update(canonicalPolicyJson(policy), 'utf8').digest('hex')}`);
  });

  it('ignores comments, blank lines, indentation and quoting', () => {
    const text = defaultPolicyText()
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#') && line.trim() !== '')
      .join('\n')
      .replace('  name: CallVault default AI call recording governance policy', '  name: "CallVault default AI call recording governance policy"');
    expect(hashPolicy(parse(text))).toBe(base());
  });

  it('ignores key order', () => {
    const text = defaultPolicyText();
    const start = text.indexOf('\nschemaVersion: 1\n');
    const moved = `${text.slice(0, start)}\n${text.slice(start + '\nschemaVersion: 1\n'.length)}\nschemaVersion: 1\n`;
    expect(moved).not.toBe(text);
    expect(hashPolicy(parse(moved))).toBe(base());
    const demo = text.replace('    label: Product demo\n    rule: standard\n', '    rule: standard\n    label: Product demo\n');
    expect(hashPolicy(parse(demo))).toBe(base());
  });

  it('ignores equivalent spellings: duration forms, keyword and domain case', () => {
    const a = editedPolicyText([['retention', 'default', 'recording'], '180d'], [['doNotRecord', 'emailDomains'], ['lawfirm.example']]);
    const b = editedPolicyText([['retention', 'default', 'recording'], '180 days'], [['doNotRecord', 'emailDomains'], ['LawFirm.Example.']]);
    expect(hashPolicy(parse(a))).toBe(hashPolicy(parse(b)));
    const c = editedPolicyText([['doNotRecord', 'titleKeywords'], ['Privileged', 'ATTORNEY', 'confidential', 'Offer  Letter']]);
    expect(hashPolicy(parse(c))).toBe(base());
  });

  it('changes with any change of content', () => {
    const variants = [
      policyWith([['consent', 'scripts', 0, 'text'], 'Do you mind if I record this call so I can stay focused on the conversation and send accurate notes afterwards?']),
      policyWith([['consent', 'scripts', 0, 'version'], 2]),
      policyWith([['callTypes', 'qualification', 'rule'], 'standard']),
      policyWith([['retention', 'default', 'recording'], '181d']),
      policyWith([['review', 'owner'], 'Revenue operations']),
      policyWith([['doNotRecord', 'titleKeywords'], ['attorney', 'privileged', 'confidential', 'offer letter']]),
      policyWith([['policy', 'rolloutDate'], '2026-03-01']),
    ];
    const hashes = new Set([base(), ...variants.map(hashPolicy)]);
    expect(hashes.size).toBe(variants.length + 1);
  });
});
