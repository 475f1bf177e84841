import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('credential detector', () => {
  it('finds passwords after their trigger, written and spelled out', () => {
    expect(found('Temporary password is Welcome2024! so change it', 'CREDENTIAL')).toEqual(['Welcome2024!']);
    expect(found('the admin password: Kx9#mPq2vL', 'CREDENTIAL')).toEqual(['Kx9#mPq2vL']);
    expect(found('the password is capital T r o u b l e seven seven exclamation mark', 'CREDENTIAL')).toEqual(['capital T r o u b l e seven seven exclamation mark']);
    expect(found('Password: correct horse battery staple', 'CREDENTIAL')).toEqual(['correct horse battery staple']);
  });

  it('finds PINs, passcodes and one-time codes', () => {
    expect(found('my pin is eight eight four one', 'CREDENTIAL')).toEqual(['eight eight four one']);
    expect(found('the one-time code is 48 29 13', 'CREDENTIAL')).toEqual(['48 29 13']);
    expect(found('the passcode for the bridge is seven three nine two oh four', 'CREDENTIAL')).toEqual(['seven three nine two oh four']);
    expect(found('OTP is 48Q2ZK, it expires soon', 'CREDENTIAL')).toEqual(['48Q2ZK']);
  });

  it('does not flag talk about passwords and pins without a secret', () => {
    expect(found('The password policy requires 12 characters.')).toEqual([]);
    expect(found('the password is expired so I will reset it')).toEqual([]);
    expect(found('can you pin the deck, and pin 2 messages')).toEqual([]);
    expect(found('the PIN pad hardware is on back order')).toEqual([]);
    expect(found('the promo code is SPRING25 for 25 percent off')).toEqual([]);
  });
});

describe('API key detector', () => {
  it('finds keys and tokens by shape', () => {
    expect(found('key AKIAIOSFODNN7EXAMPLE', 'API_KEY')).toEqual(['AKIAIOSFODNN7EXAMPLE']);
    expect(found('stripe sk_live_51HqLyjWDarjtT1zdp7dcXYZ ok', 'API_KEY')).toEqual(['sk_live_51HqLyjWDarjtT1zdp7dcXYZ']);
    expect(found('ghp_8fJ2kLmN0pQrStUvWxYz1234567890AbCdEf', 'API_KEY')).toEqual(['ghp_8fJ2kLmN0pQrStUvWxYz1234567890AbCdEf']);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(found(`bearer ${jwt}`, 'API_KEY')).toEqual([jwt]);
  });

  it('redacts a private key block, even one cut off before its end line', () => {
    const block = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----';
    expect(found(`here: ${block} thanks`, 'API_KEY')).toEqual([block]);
    expect(found('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt', 'API_KEY')).toEqual(['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt']);
  });

  it('does not flag long ordinary words or URLs', () => {
    expect(found('the internationalization team owns https://docs.example.com/getting-started')).toEqual([]);
  });
});
