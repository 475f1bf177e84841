/**
 * Classes fixed for blind-4 (#12), each with generated variations rather than sentences from
 * an evaluation set: values answered to a question in the turn before, numbers cut where a
 * segment ends with a short aside between, spoken separators inside numbers, keys read out
 * with their vendor prefix, and passwords set "to" a spoken value.
 */
import { describe, expect, it } from 'vitest';
import { detectSensitive, normalise, scanTranscript, type FindingType, type ScanSegment } from '../../../src/core/redaction';
import { mulberry32 } from '../../../tools/seeded-random';

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const words = (digits: string): string => Array.from(digits, (d) => ONES[Number(d)]).join(' ');


function luhnCard(random: () => number, prefix: string): string {
  let body = prefix;
  while (body.length < 15) {
    body += String(Math.floor(random() * 10));
  }
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const lines = (...texts: string[]): ScanSegment[] => texts.map((text, i) => ({ speaker: i % 2 === 0 ? 'rep' : 'customer', text }));
const found = (segments: ScanSegment[], type: FindingType): string[] => {
  const scan = scanTranscript(segments);
  return scan.bySegment.filter((f) => f.type === type).map((f) => segments[f.segment]?.text.slice(f.segmentStart, f.segmentEnd) ?? '');
};
const allFindings = (segments: ScanSegment[]): string[] => {
  const scan = scanTranscript(segments);
  return scan.findings.map((f) => `${f.type}:${scan.text.slice(f.start, f.end)}`);
};

describe('a value answered to the question in the turn before', () => {
  const random = mulberry32(12);
  const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');
  const answerForms = (value: string): string[] => [value, words(value), `uh ${words(value)}`, `it's ${value}`, `okay, ${words(value)}.`, `hang on. ${words(value)}`];
  const cases: [FindingType, string[], number][] = [
    ['CARD_CVV', ['What are the three digits on the back?', 'and the security code', 'And the code on the back of the card?', 'the four digits on the front please'], 3],
    ['CREDENTIAL', ['Can you read me the code we just texted?', "what's the verification code", 'You should have a six digit code, what does it say?'], 6],
    ['CREDENTIAL', ['And the PIN on the account?', 'can you give me the voicemail passcode'], 4],
    ['SSN', ['Can you verify your social?', 'I need the SSN for the credit check.'], 9],
    ['BANK_ACCOUNT', ['And the account number?', 'what checking account should the refund go to'], 10],
    ['PHONE', ["What's the best number to reach you?", 'and a good callback number'], 10],
  ];
  for (const [type, questions, length] of cases) {
    it.each(questions)(`reads the answer to "%s" as ${type}`, (question) => {
      for (const form of answerForms(type === 'SSN' ? `5${digits(2)}4${digits(length - 5)}1` : digits(length))) {
        expect(found(lines(question, form), type), `${question} / ${form}`).toHaveLength(1);
      }
    });
  }

  it('reads four digits asked for as the code on the front of a card as its CVV, not a login code', () => {
    for (const code of ['4412', '9081', '3307']) {
      const t = lines('thanks, and the four digits on the front', `oh on the front, okay ${words(code)}`);
      expect(found(t, 'CARD_CVV')).toEqual([words(code)]);
      expect(found(t, 'CREDENTIAL')).toEqual([]);
    }
  });

  it('splits a code said twice at the pause into two codes', () => {
    for (const code of ['317', '905', '442']) {
      expect(found(lines("What's the CVV?", `I think it's ${words(code)}, yeah, ${words(code)}.`), 'CARD_CVV')).toHaveLength(2);
    }
  });

  it('reads a password answer that reads as one, spelled or with symbols', () => {
    for (const answer of ['bluehouse seventy-nine at sign', 'p as in papa, capital r, o, j, seven seven', 'all lowercase falcon, then four three, then a dollar sign', 'juniper 29 hashtag, all one word']) {
      for (const question of ['What password did you set?', 'and the temporary password', 'Can you read me the password you are typing?']) {
        const values = found(lines(question, answer), 'CREDENTIAL');
        expect(values, `${question} / ${answer}`).toHaveLength(1);
        expect(values[0]).not.toContain('all one word');
      }
    }
  });

  it('reads ids and dates answered to their question', () => {
    expect(found(lines("What's the member ID on your insurance card?", 'okay, ZHS025178765'), 'HEALTH_ID')).toEqual(['ZHS025178765']);
    expect(found(lines("and your driver's license number", 'yep g1288310'), 'DRIVERS_LICENSE')).toEqual(['g1288310']);
    expect(found(lines('date of birth for verification', 'uh 04/17/1951'), 'DOB')).toEqual(['04/17/1951']);
    expect(found(lines('For security, what is your memorable word?', 'Lighthouse.'), 'CREDENTIAL')).toEqual(['Lighthouse']);
  });

  it('keeps numbers answered to questions about non-secret things unredacted', () => {
    const questions = [
      'What zip code are you in?',
      "What's your extension?",
      'What are the last four on the card so I can find it?',
      "What's the promo code?",
      "What's the error code it shows?",
      'Do you have the ticket number?',
      'How many seats do you need?',
      'What version are you on?',
      "What's the quote number?",
      'How many digits is the code?',
      'What are the first four digits of the routing number?',
    ];
    for (const question of questions) {
      for (const answer of ['94107', 'nine four one oh seven', '4412', 'uh four two oh', 'two fifty', 'seven point two', '0x80070005', 'six']) {
        expect(allFindings(lines(question, answer)), `${question} / ${answer}`).toEqual([]);
      }
    }
  });

  it('finds nothing when the answer has no value', () => {
    for (const answer of ["I don't have the card on me", 'yeah it worked, I am in', 'hmm, let me check and call you back']) {
      for (const question of ['And the security code?', 'Can you read me the code we just texted?', 'What password did you set?', 'And the account number?']) {
        expect(allFindings(lines(question, answer)), `${question} / ${answer}`).toEqual([]);
      }
    }
  });

  it('does not read the answer two turns later', () => {
    expect(allFindings(lines('And the security code?', "I'll look for it.", 'We also need 250 seats.'))).toEqual([]);
  });
});

describe('a number cut where a segment ends', () => {
  const random = mulberry32(4);
  const asides = ['Mm-hmm.', 'Hang on, let me type that.', 'Okay, and?', 'Sorry, you cut out, go on.', 'Got it.', 'uh huh'];

  it('joins a card cut at any group, with or without an aside, and marks both parts', () => {
    for (const prefix of ['4', '51', '6011', '6759', '5018']) {
      const card = luhnCard(random, prefix);
      const groups = [card.slice(0, 4), card.slice(4, 8), card.slice(8, 12), card.slice(12)];
      for (let cut = 1; cut < 4; cut += 1) {
        for (const aside of [undefined, ...asides]) {
          const first = `the card is ${groups.slice(0, cut).join(' ')}`;
          const rest = words(groups.slice(cut).join(''));
          const transcript: ScanSegment[] =
            aside === undefined
              ? [{ speaker: 'customer', text: first }, { speaker: 'customer', text: rest }]
              : [{ speaker: 'customer', text: first }, { speaker: 'rep', text: aside }, { speaker: 'customer', text: rest }];
          const parts = found(transcript, 'CARD');
          expect(parts, `${card} cut ${cut} / ${aside ?? '-'}`).toHaveLength(2);
        }
      }
    }
  });

  it('does not join two numbers when the turn between asks for something else', () => {
    for (const question of ['And what zip code?', 'How many seats?', 'What about the extension?', 'and the order number']) {
      const t = [
        { speaker: 'customer', text: 'the order is 4471 9920' },
        { speaker: 'rep', text: question },
        { speaker: 'customer', text: '3318 2210' },
      ];
      expect(allFindings(t), question).toEqual([]);
    }
  });

  it('does not join written numbers followed by more words on the same line', () => {
    const t = [{ speaker: 'customer', text: 'We need 4111 seats.' }, { speaker: 'rep', text: 'Okay.' }, { speaker: 'customer', text: '1111 more next year.' }];
    expect(allFindings(t)).toEqual([]);
  });
});

describe('spoken separators inside numbers', () => {
  const ssns = ['355854720', '014331445', '729714028'];
  const forms = (s: string): string[] => [
    `${s.slice(0, 3)} dash ${s.slice(3, 5)} dash ${s.slice(5)}`,
    `${s.slice(0, 3)} hyphen ${s.slice(3, 5)} hyphen ${s.slice(5)}`,
    `${words(s.slice(0, 3))} dot ${words(s.slice(3, 5))} dot ${words(s.slice(5))}`,
    `${words(s.slice(0, 3))} dash ${s.slice(3, 5)} dash ${words(s.slice(5))}`,
  ];
  it.each(ssns)('reads SSN %s with the separators said as words', (ssn) => {
    for (const form of forms(ssn)) {
      expect(detectSensitive(`my social is ${form}`).map((f) => f.type), form).toEqual(['SSN']);
    }
  });

  it('treats only the separator words as separators, not names inherited by every object', () => {
    for (const word of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(normalise(`four ${word} five`).text).toBe(`4 ${word} 5`);
      expect(normalise(`415 ${word} 555`).text).toBe(`415 ${word} 555`);
    }
  });

  it('leaves versions and ranges with spoken separators alone', () => {
    for (const text of ['we are on version 4 dot 2 dot 1', 'pages 10 dash 12 of the contract', 'build 2026 dash 11 went out', 'call me at 3 slash 4 of the way through']) {
      expect(detectSensitive(text), text).toEqual([]);
    }
  });
});

describe('keys read out with their vendor prefix and no key word', () => {
  const random = mulberry32(9);
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const body = (): string =>
    Array.from({ length: 12 }, () => (random() < 0.3 ? ONES[Math.floor(random() * 10)] : letters[Math.floor(random() * letters.length)])).join(' ');
  it.each(['s k underscore live underscore', 'sk dash test dash', 'rk underscore live underscore', 'ghp underscore', 'x o x b dash', 'xoxb underscore'])('finds "%s ..."', (prefix) => {
    for (const lead of ['okay here it is,', "I'll read it to you", 'so it starts with, well it is']) {
      const text = `${lead} ${prefix} ${body()}`;
      expect(valuesOf(text, 'API_KEY'), text).toHaveLength(1);
    }
  });

  it('needs the spelled body: a prefix in talk is not a key', () => {
    for (const text of ['the sk dash test dash environment is down', 'we use ghp underscore tokens for ci', 'the x o x b dash prefix means a bot token']) {
      expect(detectSensitive(text), text).toEqual([]);
    }
  });
});

const valuesOf = (text: string, type: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('a password set "to" a spoken value', () => {
  it.each(['sunflower 37 dollar sign', 'capital t igerlily one two exclamation point', 'b as in boy l u e, nine nine, hashtag'])('finds "I set it to %s"', (value) => {
    for (const lead of ['I set it to', 'I reset it to', 'we changed it to']) {
      expect(valuesOf(`${lead} ${value}`, 'CREDENTIAL')).toEqual([value]);
    }
  });

  it('leaves settings that are not secrets', () => {
    for (const text of ['I set it to 30 days', 'we changed it to tuesday at 3', 'I set it to twelve characters minimum', 'they reset it to the default']) {
      expect(detectSensitive(text), text).toEqual([]);
    }
  });
});
