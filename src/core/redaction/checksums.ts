/** Check-digit algorithms. A valid check digit is what separates an identifier from noise. */

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/u.test(digits)) {
    return false;
  }
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** ABA routing number: weights 3, 7, 1 repeated; the weighted sum is a multiple of ten. */
export function abaValid(digits: string): boolean {
  if (!/^\d{9}$/u.test(digits) || digits === '000000000') {
    return false;
  }
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  }
  // The first two digits name a Federal Reserve district range; 00 is government only.
  const prefix = Number(digits.slice(0, 2));
  const prefixOk = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  return sum % 10 === 0 && prefixOk;
}

/** ISO 13616 mod-97 check over an IBAN without blanks, upper case. */
export function ibanChecksumValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/u.test(iban)) {
    return false;
  }
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : char;
    for (const digit of value) {
      remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
    }
  }
  return remainder === 1;
}

/** IBAN lengths by country (ISO 13616 registry, the countries callers are likely to read out). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31,
  MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SE: 24,
  SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20,
};

/** US SSN structural rules: no 000/666/9xx area, no 00 group, no 0000 serial. */
export function ssnStructureValid(digits: string): boolean {
  if (!/^\d{9}$/u.test(digits)) {
    return false;
  }
  const area = digits.slice(0, 3);
  return area !== '000' && area !== '666' && !area.startsWith('9') && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

/** ITIN: 9xx-[50-65|70-88|90-92|94-99]-xxxx. */
export function itinStructureValid(digits: string): boolean {
  if (!/^9\d{8}$/u.test(digits)) {
    return false;
  }
  const group = Number(digits.slice(3, 5));
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
}

/** Issuer prefixes of the card networks a US/EU caller reads out. */
export function cardPrefixValid(digits: string): boolean {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) {
    return len === 13 || len === 16 || len === 19;
  }
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
    return len === 16;
  }
  if (p2 === 34 || p2 === 37) {
    return len === 15;
  }
  if (digits.startsWith('6011') || digits.startsWith('65') || (p4 >= 6440 && p4 <= 6499) || digits.startsWith('62')) {
    return len >= 16 && len <= 19;
  }
  if (p2 === 35 || p2 === 36 || p2 === 38 || p2 === 30) {
    return len >= 14 && len <= 19;
  }
  return false;
}

/** NHS number (England and Wales): ten digits, weights 10..2 on the first nine, mod-11 check digit. */
export function nhsNumberValid(digits: string): boolean {
  if (!/^\d{10}$/u.test(digits)) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    sum += (digits.charCodeAt(i) - 48) * (10 - i);
  }
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}
