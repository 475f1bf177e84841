import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('address detector', () => {
  it('reads any mention of "address" with a short bridge to the street', () => {
    expect(found('the address on the lease is 91 Willow Bend Road, Apt 7, Tucson, AZ 85701', 'ADDRESS')).toEqual([
      '91 Willow Bend Road, Apt 7, Tucson, AZ 85701',
    ]);
    expect(found("my address, um, it's six oh two Juniper Court, Eugene, Oregon", 'ADDRESS')).toEqual(['six oh two Juniper Court, Eugene, Oregon']);
    expect(found('billing address: 4 4 1 Spruce Avenue, Fargo, North Dakota', 'ADDRESS')).toEqual(['4 4 1 Spruce Avenue, Fargo, North Dakota']);
  });

  it('reads spoken house numbers, units and spoken ZIP codes', () => {
    expect(found('I live at twenty one hundred Lake Shore Drive, unit fourteen B, Chicago', 'ADDRESS')).toEqual([
      'twenty one hundred Lake Shore Drive, unit fourteen B, Chicago',
    ]);
    expect(found('home address is 8 Rose Lane, Ames, Iowa, five oh oh one oh', 'ADDRESS')).toEqual(['8 Rose Lane, Ames, Iowa, five oh oh one oh']);
  });

  it('finds a home-shaped address said with no introduction', () => {
    expect(found("Yeah it's 350 Cherry Street, Apt 12, Denver, CO 80220.", 'ADDRESS')).toEqual(['350 Cherry Street, Apt 12, Denver, CO 80220']);
    expect(found('okay so 12 Harbor Road, Salem, MA 01970', 'ADDRESS')).toEqual(['12 Harbor Road, Salem, MA 01970']);
  });

  it('leaves offices, venues and bare streets alone', () => {
    expect(found('Our office address is 200 Clarendon Street, Boston, MA 02116.')).toEqual([]);
    expect(found('The venue is at 1 Harbor Way, Suite 200, Tampa, FL 33602.')).toEqual([]);
    expect(found('Our headquarters is 10 Main Street, Apt 1, Austin, TX 78701.')).toEqual([]);
    expect(found('There is a cafe on 5th Street near the station.')).toEqual([]);
    expect(found('The email address is on file.')).toEqual([]);
  });
});
