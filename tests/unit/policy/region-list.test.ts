import { describe, expect, it } from 'vitest';
import { participantRegion } from '../../../src/core/policy/region-match';
import { REGIONS, regionName, searchRegions } from '../../../src/core/policy/region-list';

describe('the region list', () => {
  it('has every US state and DC, Canada’s provinces and the common countries, each code as the policy writes it', () => {
    expect(REGIONS.filter((r) => r.code.startsWith('US-'))).toHaveLength(51);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length);
    for (const region of REGIONS) {
      expect(participantRegion(region.code)).toBe(region.code);
    }
  });

  it('finds places by name or code, in any case and without accents', () => {
    expect(searchRegions('calif')[0]).toEqual({ code: 'US-CA', name: 'California, United States' });
    expect(searchRegions('us-tx')[0]?.code).toBe('US-TX');
    expect(searchRegions('DE')[0]?.code).toBe('DE');
    expect(searchRegions('turkiye')[0]?.code).toBe('TR');
    expect(searchRegions('zzz')).toEqual([]);
    expect(regionName('us-ca')).toBe('California, United States');
    expect(regionName('XX')).toBeUndefined();
  });
});
