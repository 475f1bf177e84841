import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('phone detector', () => {
  it('finds US numbers written in common formats', () => {
    expect(found('call 415-555-0142 today', 'PHONE')).toEqual(['415-555-0142']);
    expect(found('it is (646) 555-0187', 'PHONE')).toEqual(['(646) 555-0187']);
    expect(found('text 917.555.0134', 'PHONE')).toEqual(['917.555.0134']);
    expect(found('Call me on 1-800-555-0199 any time.', 'PHONE')).toEqual(['1-800-555-0199']);
  });

  it('finds international numbers written and spoken', () => {
    expect(found('try +44 20 7946 0958', 'PHONE')).toEqual(['+44 20 7946 0958']);
    expect(found('reach me on plus four four, twenty, seven nine four six, oh nine five eight', 'PHONE')).toEqual(['plus four four, twenty, seven nine four six, oh nine five eight']);
    expect(found('my mobile is oh seven seven double oh nine double eight one two three', 'PHONE')).toEqual(['oh seven seven double oh nine double eight one two three']);
  });

  it('finds spoken US numbers with phone words before or after', () => {
    expect(found('my cell is six four six five five five oh one eight seven', 'PHONE')).toEqual(['six four six five five five oh one eight seven']);
    expect(found("six one seven, five five five, oh one nine eight, that's my cell", 'PHONE')).toEqual(['six one seven, five five five, oh one nine eight']);
    expect(found('my number is one eight hundred five five five oh one nine nine', 'PHONE')).toEqual(['one eight hundred five five five oh one nine nine']);
  });

  it('does not read counts, meeting ids or order numbers as phones', () => {
    expect(found('one two three four five six seven eight nine ten, can you hear me now')).toEqual([]);
    expect(found('The Zoom ID is 912 345 6789, no passcode.')).toEqual([]);
    expect(found('Order number 5550192837 shipped yesterday.')).toEqual([]);
    expect(found('we had 4,155,550,142 impressions')).toEqual([]);
  });
});

describe('email detector', () => {
  it('finds written addresses', () => {
    expect(found('send it to maria.gonzalez@brightpath.io please', 'EMAIL')).toEqual(['maria.gonzalez@brightpath.io']);
    expect(found('tax.docs+2024@harlow-partners.com', 'EMAIL')).toEqual(['tax.docs+2024@harlow-partners.com']);
  });

  it('finds spoken addresses with dots, underscores, dashes, spelled letters and digits', () => {
    expect(found('email me at jane dot doe at acme dot com', 'EMAIL')).toEqual(['jane dot doe at acme dot com']);
    expect(found("it's j smith four two at gmail dot com", 'EMAIL')).toEqual(['j smith four two at gmail dot com']);
    expect(found('send it to d underscore okafor at meridian health dot org', 'EMAIL')).toEqual(['d underscore okafor at meridian health dot org']);
    expect(found('ops at fernwood dash capital dot co dot uk', 'EMAIL')).toEqual(['ops at fernwood dash capital dot co dot uk']);
  });

  it('does not read "at" phrases without a domain as addresses', () => {
    expect(found("let's meet at the office at noon")).toEqual([]);
    expect(found('look at slide three, the dot plot')).toEqual([]);
  });
});
