import { describe, expect, it } from 'vitest';
import { domainIsWithin, foldText, normaliseDomain, normaliseEmail, titleHasKeyword } from '../../../src/core/policy';

describe('meeting-title keyword matching', () => {
  it.each([
    ['Privileged', 'privileged'],
    ['PRIVILEGED: board prep', 'privileged'],
    ['Privileged & Confidential — pricing', 'privileged'],
    ['Call with Attorneys', 'attorney'],
    ["Attorney's review", 'attorney'],
    ['attorney-client sync', 'attorney'],
    ['Confidentiality terms', 'confidential'],
    ['Offer Letter review', 'offer letter'],
    ['offer-letter draft', 'offer letter'],
    ['OFFER   LETTERS', 'offer letter'],
    ['Ｐｒｉｖｉｌｅｇｅｄ (full width)', 'privileged'],
    ['Privi\u200Bleged', 'privileged'],
    ['CONFIDÉNTIAL', 'confidential'],
    ['Réunion confidentielle', 'confidentielle'],
  ])('"%s" matches keyword "%s"', (title, keyword) => {
    expect(titleHasKeyword(title, keyword)).toBe(true);
  });

  it.each([
    ['Unprivileged access review', 'privileged'],
    ['Nonconfidential roadmap', 'confidential'],
    ['Offer review; letter to follow', 'offer letter'],
    ['Letter offer', 'offer letter'],
    ['Discovery call', 'privileged'],
    ['', 'privileged'],
  ])('"%s" does not match keyword "%s"', (title, keyword) => {
    expect(titleHasKeyword(title, keyword)).toBe(false);
  });

  it('folds case, accents, compatibility forms and invisible characters', () => {
    expect(foldText('ＣＯＮＦＩＤＥＮＴＩＡＬ')).toBe('confidential');
    expect(foldText('Café\u200D')).toBe('cafe');
  });
});

describe('domains and emails', () => {
  it('normalises case, trailing dots and internationalised names', () => {
    expect(normaliseDomain('LawFirm.Example.')).toBe('lawfirm.example');
    expect(normaliseDomain('bücher.example')).toBe('xn--bcher-kva.example');
  });

  it.each(['localhost', '*.lawfirm.example', 'a b.example', 'user@lawfirm.example', '10.0.0.1', '', 'lawfirm..example', '-bad.example'])('rejects %j as a domain', (text) => {
    expect(normaliseDomain(text)).toBeUndefined();
  });

  it('matches a domain and its subdomains only', () => {
    expect(domainIsWithin('lawfirm.example', 'lawfirm.example')).toBe(true);
    expect(domainIsWithin('eu.mail.lawfirm.example', 'lawfirm.example')).toBe(true);
    expect(domainIsWithin('notlawfirm.example', 'lawfirm.example')).toBe(false);
    expect(domainIsWithin('lawfirm.example.evil', 'lawfirm.example')).toBe(false);
  });

  it('reads email addresses case-insensitively and refuses what is not one', () => {
    expect(normaliseEmail(' Jane.Doe@LawFirm.Example ')).toEqual({ address: 'jane.doe@lawfirm.example', domain: 'lawfirm.example' });
    for (const bad of ['jane', '@lawfirm.example', 'jane@', 'jane doe@lawfirm.example', 'jane@localhost']) {
      expect(normaliseEmail(bad), bad).toBeUndefined();
    }
  });
});
