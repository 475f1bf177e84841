import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('date of birth detector', () => {
  it('finds written and spoken dates after a birth cue', () => {
    expect(found('Date of birth is 04/17/1986.', 'DOB')).toEqual(['04/17/1986']);
    expect(found('My DOB is March 3rd, 1979.', 'DOB')).toEqual(['March 3rd, 1979']);
    expect(found('I was born on the seventeenth of april nineteen eighty six', 'DOB')).toEqual(['seventeenth of april nineteen eighty six']);
  });

  it('does not flag meeting dates or birthday talk without a date', () => {
    expect(found("Let's meet on March 14th at 2:30 pm.")).toEqual([]);
    expect(found('His birthday party is next week.')).toEqual([]);
  });
});

describe('home address detector', () => {
  it('finds addresses introduced as home, written and spoken', () => {
    expect(found('I live at 1842 Willow Creek Drive, Austin, TX 78745.', 'ADDRESS')).toEqual(['1842 Willow Creek Drive, Austin, TX 78745']);
    expect(found('I live at eighteen forty two willow creek drive in austin', 'ADDRESS')).toEqual(['eighteen forty two willow creek drive']);
    expect(found('Mail the check to my home at 19 Birch Road, Hanover NH.', 'ADDRESS')).toEqual(['19 Birch Road, Hanover NH']);
  });

  it('does not flag office addresses mentioned without a home cue', () => {
    expect(found("We're located at 500 Oak Street in Denver.")).toEqual([]);
    expect(found('Our office address is 100 Main Street, Boston.')).toEqual([]);
  });
});

describe('health and insurance id detector', () => {
  it('finds ids introduced with a health context', () => {
    expect(found('Insurance member ID is XJH482910344 with Cigna.', 'HEALTH_ID')).toEqual(['XJH482910344']);
    expect(found('My Medicare number is 1EG4-TE5-MK73.', 'HEALTH_ID')).toEqual(['1EG4-TE5-MK73']);
    expect(found('the policy number for my health insurance is H four four nine two one oh seven', 'HEALTH_ID')).toEqual(['H four four nine two one oh seven']);
  });

  it('does not treat CRM member or group numbers as health ids', () => {
    expect(found('the group number for the webinar is 4410')).toEqual([]);
    expect(found('member id 88213 is the admin in Salesforce')).toEqual([]);
  });
});
