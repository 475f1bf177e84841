"""Templated exchanges for blind-4. Markup inside segment text:
  {TYPE|value}      a span inside one segment
  <TYPE|  ...  |>   a span that opens in one segment and closes in a later one
Every frame returns (segments, form) with segments as [(speaker, text)].
"""
from values import (card, groups_of, group_spoken, digit_words, pair_words, ssn, itin, aba, iban, phone_us, phone_uk,
                    word_of, number_words, MONTHS, ORD, year_words, NATO, EVERYDAY, not_luhn, ONES)
import string

R, C = 'rep', 'customer'
FILLERS = ['uh', 'um', 'uh hold on', 'sorry', 'let me see', 'hang on', 'okay', 'uh wait']
ACKS = ['Mm-hmm.', 'Okay.', 'Yep.', 'Go ahead.', 'Got it.', 'Uh-huh.', 'Okay, go on.', 'Right.']
OPEN = ['so', 'yeah so', 'okay so', 'um', 'uh', 'alright', 'yeah', 'sure']


def pick(r, xs):
    return r.choice(xs)


def styled_groups(r, groups):
    style = pick(r, ['digits', 'words', 'words', 'mixed', 'pairs'])
    out = []
    for g in groups:
        s = style if r.random() < 0.8 else pick(r, ['digits', 'words', 'pairs'])
        out.append(group_spoken(g, r, s))
    return out


def join_groups(r, parts, fill=0.25, seps=None):
    seps = seps or [' ', ', ', ' ', '. ', ' ']
    out = parts[0]
    for p in parts[1:]:
        if r.random() < fill:
            out += ', ' + pick(r, FILLERS) + ', ' + p
        else:
            out += pick(r, seps) + p
    return out


# ---------------------------------------------------------------- cards
def card_text(r, num, written=None):
    gs = groups_of(num)
    if written is None:
        written = r.random() < 0.35
    if written:
        sep = pick(r, [' ', '-', ' ', ''])
        return sep.join(gs)
    return join_groups(r, styled_groups(r, gs))


CARD_LEADS = [
    "{o} the card number is {v}",
    "{o} it's a visa, {v}",
    "okay you ready, it's {v}",
    "{o} card number, {v}",
    "it's uh, {v}, that's the business amex",
    "{o} let me grab it, okay it's {v}",
    "the number on the front is {v}",
    "put it on my card, {v}",
    "yeah the corporate card is {v}",
    "{o} {v}, and that's a mastercard",
]


def f_card_single(r):
    num = card(r)
    t = pick(r, CARD_LEADS).format(o=pick(r, OPEN), v='{CARD|' + card_text(r, num) + '}')
    segs = [(C, t)]
    if r.random() < 0.4:
        segs.insert(0, (R, pick(r, ["Great, what card would you like to use?", "And how are you paying today?",
                                    "Okay, I can take the card whenever you're ready.", "Can I get the card number?"])))
    return segs, 'spoken'


def f_card_split(r):
    num = card(r)
    gs = groups_of(num)
    cut = r.randint(1, len(gs) - 1)
    first = card_text(r, ''.join(gs[:cut])) if False else join_groups(r, styled_groups(r, gs[:cut]), fill=0)
    second = join_groups(r, styled_groups(r, gs[cut:]), fill=0)
    how = r.random()
    lead = pick(r, ["okay the card is ", "so it's ", "yeah um ", "card number ", "it's a visa ", ""])
    if how < 0.4:  # rep interjects
        segs = [(C, lead + '<CARD|' + first), (R, pick(r, ACKS)), (C, pick(r, ['', 'and then ', 'then ', 'uh ']) + second + '|>')]
    elif how < 0.7:  # same speaker, two segments (ASR break)
        segs = [(C, lead + '<CARD|' + first), (C, second + '|>' + pick(r, ['', '.', ', got that?']))]
    else:  # rep reads back a part, customer continues
        segs = [(C, lead + '<CARD|' + first), (R, pick(r, ['Sorry, you cut out, after the first few?', 'Hang on, let me type that.', 'Okay, and?'])),
                (C, pick(r, ['yeah ', 'then ', '']) + second + '|>')]
    if r.random() < 0.5:
        segs.insert(0, (R, pick(r, ["Whenever you're ready with the card.", "What's the card number?", "Alright, card details please."])))
    return segs, 'spoken'


CVV_Q = ["And the security code on the back?", "What's the three digit code on the back?", "And the CVV?",
         "Last thing, the little code on the back of the card?", "Can you read me the three numbers on the back?",
         "and the cvc", "And the code on the back, the three digits?", "What's the security code?",
         "what are the three digits on the back of the card"]
CVV_A = ["{v}", "uh {v}", "it's {v}", "yeah {v}", "okay {v}", "hang on, {v}", "um, {v}, I think, yeah {v2}", "that's {v}"]


def f_cvv_answer(r):
    cvv = f'{r.randint(0, 999):03d}'
    v = pick(r, [digit_words(cvv, r), cvv, digit_words(cvv, r)])
    a = pick(r, CVV_A)
    if '{v2}' in a:
        v2 = pick(r, [digit_words(cvv, r), cvv])
        t = a.replace('{v}', '{CVV|' + v + '}', 1).replace('{v2}', '{CVV|' + v2 + '}')
    else:
        t = a.replace('{v}', '{CVV|' + v + '}')
    segs = [(R, pick(r, CVV_Q)), (C, t)]
    if r.random() < 0.5:
        segs.insert(0, (C, pick(r, ["okay so that's the whole card number", "and it expires next year", "that's the visa ending in " + f'{r.randint(1000, 9999)}'])))
    return segs, 'spoken'


EXP_Q = ["And the expiration date?", "What's the expiry on that?", "and when does it expire", "Expiration?"]


def expiry_text(r):
    m = r.randint(1, 12)
    y = r.randint(26, 33)
    return pick(r, [f'{m:02d}/{y}', f'{pair_words(f"{m:02d}", r)} {number_words(y)}', f'{MONTHS[m - 1]} {number_words(y)}',
                    f'{MONTHS[m - 1]} twenty {number_words(y)}', f'{word_of("0", r)} {ONES[m]} slash {number_words(y)}' if m < 10 else f'{m} slash {y}'])


def f_expiry(r):
    v = '{EXPIRY|' + expiry_text(r) + '}'
    if r.random() < 0.6:
        return [(R, pick(r, EXP_Q)), (C, pick(r, ['{v}', 'uh {v}', "it's {v}", 'expires {v}']).format(v=v))], 'spoken'
    return [(C, pick(r, ['and it expires {v}', 'expiration {v}', 'exp date is {v}', 'good through {v}']).format(v=v))], 'spoken'


# ---------------------------------------------------------------- ssn / itin
def nine_text(r, n, mode=None):
    a, b, c = n[:3], n[3:5], n[5:]
    mode = mode or pick(r, ['dash', 'dots', 'spaces', 'worddash', 'wordcomma', 'wordpairs', 'spokendash', 'mixed', 'plain'])
    if mode == 'dash':
        return f'{a}-{b}-{c}'
    if mode == 'dots':
        return f'{a}.{b}.{c}'
    if mode == 'spaces':
        return f'{a} {b} {c}'
    if mode == 'plain':
        return n
    if mode == 'worddash':
        return f'{digit_words(a, r)} dash {digit_words(b, r)} dash {digit_words(c, r)}'
    if mode == 'spokendash':
        return f'{a} dash {b} dash {c}'
    if mode == 'wordcomma':
        return f'{digit_words(a, r)}, {digit_words(b, r)}, {digit_words(c, r)}'
    if mode == 'wordpairs':
        return f'{digit_words(a, r)}, {pair_words(b, r)}, {pair_words(c[:2], r)} {pair_words(c[2:], r)}'
    return f'{a} {digit_words(b, r)} {c}'


SSN_LEADS = ["{o} my social is {v}", "social security number is {v}", "it's {v}, that's my social",
             "{o} the ssn on file should be {v}", "for the background check my social's {v}",
             "yeah my social, {v}"]
SSN_Q = ["Can you verify the social on the account?", "And your social security number?", "I'll need your SSN for the credit check.",
         "what's the social for the primary account holder", "Can I get your full social, not just the last four?"]


def f_ssn(r):
    n = ssn(r)
    v = '{SSN|' + nine_text(r, n) + '}'
    if r.random() < 0.5:
        return [(R, pick(r, SSN_Q)), (C, pick(r, ['{v}', 'uh yeah it is {v}', 'sure, {v}', 'okay um {v}', "it's {v}"]).format(v=v))], 'spoken'
    return [(C, pick(r, SSN_LEADS).format(o=pick(r, OPEN), v=v))], 'spoken'


def f_ssn_split(r):
    n = ssn(r)
    a = digit_words(n[:3], r) if r.random() < 0.6 else n[:3]
    b = digit_words(n[3:5], r) if r.random() < 0.6 else n[3:5]
    c = digit_words(n[5:], r) if r.random() < 0.6 else n[5:]
    segs = [(R, pick(r, SSN_Q)), (C, pick(r, ['yeah it is ', 'okay ', 'sure ', '']) + '<SSN|' + a + ' ' + b),
            (R, pick(r, ACKS)), (C, c + '|>')]
    return segs, 'spoken'


def f_itin(r):
    n = itin(r)
    v = '{ITIN|' + nine_text(r, n) + '}'
    return [(C, pick(r, ["I don't have a social, I file with an ITIN, it's {v}", "my itin is {v}",
                         "the taxpayer id, the itin, is {v}", "{o} individual taxpayer number {v}"]).format(o=pick(r, OPEN), v=v))], 'spoken'


# ---------------------------------------------------------------- phones
def phone_text(r, n):
    if len(n) == 10:
        a, b, c = n[:3], n[3:6], n[6:]
        return pick(r, [f'{a}-{b}-{c}', f'{a} {b} {c}', f'{a}.{b}.{c}', f'({a}) {b}-{c}',
                        f'{digit_words(a, r)}, {digit_words(b, r)}, {digit_words(c, r)}',
                        f'{digit_words(a, r)} {digit_words(b, r)} {pair_words(c[:2], r)} {pair_words(c[2:], r)}',
                        f'{a} {digit_words(b, r)} {c}'])
    return pick(r, [f'{n[:5]} {n[5:]}', f'{digit_words(n[:5], r)}, {digit_words(n[5:], r)}'])


PHONE_Q = ["What's the best number to reach you?", "And a good callback number?", "what's your cell in case we get cut off",
           "Can I get a direct line for you?", "Best mobile for the text alerts?"]


def f_phone(r):
    n = phone_us(r) if r.random() < 0.8 else phone_uk(r)
    v = '{PHONE|' + phone_text(r, n) + '}'
    if r.random() < 0.55:
        return [(R, pick(r, PHONE_Q)), (C, pick(r, ['{v}', 'yeah my cell is {v}', "uh it's {v}", 'just use my mobile, {v}', '{v}, that one has voicemail'])
                                     .format(v=v))], 'spoken'
    return [(C, pick(r, ["{o} you can call me on my cell, {v}", "my personal number is {v}", "text me at {v}",
                         "{o} reach me at {v} after five", "my direct is {v}"]).format(o=pick(r, OPEN), v=v))], 'spoken'


def f_phone_split(r):
    n = phone_us(r)
    a = digit_words(n[:3], r) if r.random() < 0.6 else n[:3]
    b = digit_words(n[3:6], r) if r.random() < 0.6 else n[3:6]
    c = digit_words(n[6:], r) if r.random() < 0.6 else n[6:]
    if r.random() < 0.5:
        segs = [(R, pick(r, PHONE_Q)), (C, '<PHONE|' + a + ' ' + b), (R, pick(r, ACKS)), (C, c + '|>')]
    else:
        segs = [(C, pick(r, ['my cell is ', 'call me on ', 'uh it is ']) + '<PHONE|' + a), (C, b + ' ' + c + '|>')]
    return segs, 'spoken'


# ---------------------------------------------------------------- emails
FIRST = ['jordan', 'priya', 'marcus', 'elena', 'tom', 'aisha', 'kevin', 'maria', 'dev', 'lucy', 'sam', 'nina']
LAST = ['reyes', 'shah', 'oconnor', 'lindqvist', 'park', 'kowalski', 'mbeki', 'tran', 'feld', 'haas']
DOMAINS = ['gmail', 'yahoo', 'outlook', 'hotmail', 'icloud', 'proton']


def f_email(r):
    f, l = pick(r, FIRST), pick(r, LAST)
    d = pick(r, DOMAINS)
    mode = r.random()
    if mode < 0.3:
        v = f'{f}.{l}@{d}.com'
    elif mode < 0.6:
        v = f'{f} dot {l} at {d} dot com'
    elif mode < 0.8:
        v = f'{f[0]} {l} {number_words(r.randint(11, 99))} at {d} dot com'
    else:
        v = f'{f} underscore {l} at {d} dot com'
    return [(C, pick(r, ["{o} my personal email is {v}", "send it to {v}", "it's {v}, all lowercase",
                         "you can use my home email {v}"]).format(o=pick(r, OPEN), v='{EMAIL|' + v + '}'))], 'spoken'


# ---------------------------------------------------------------- bank
def f_routing_account(r):
    rt = aba(r)
    acct = ''.join(r.choice(string.digits) for _ in range(r.randint(8, 12)))
    rv = '{ROUTING|' + pick(r, [rt, digit_words(rt, r), rt[:3] + ' ' + rt[3:6] + ' ' + rt[6:]]) + '}'
    av = '{BANK_ACCOUNT|' + pick(r, [acct, digit_words(acct, r), join_groups(r, [digit_words(acct[:4], r), digit_words(acct[4:], r)])]) + '}'
    if r.random() < 0.5:
        return [(R, "For the ACH I'll need the routing number."), (C, pick(r, ['{rv}', 'okay {rv}', "it's {rv}"]).format(rv=rv)),
                (R, "And the account number?"), (C, pick(r, ['{av}', 'uh {av}', 'checking is {av}']).format(av=av))], 'spoken'
    return [(C, pick(r, ["routing {rv} and the account is {av}", "the routing number's {rv}, account {av}"]).format(rv=rv, av=av))], 'spoken'


def f_account_answer(r):
    acct = ''.join(r.choice(string.digits) for _ in range(r.randint(8, 12)))
    av = '{BANK_ACCOUNT|' + pick(r, [acct, digit_words(acct, r)]) + '}'
    return [(R, pick(r, ["What's the account number you want the refund to go to?", "and the checking account number",
                         "Can you read me the account number on the check?"])),
            (C, pick(r, ['{av}', 'sure {av}', 'hang on... {av}', "it's {av}"]).format(av=av))], 'spoken'


def f_iban(r):
    v = iban(r, pick(r, ['GB', 'DE', 'NL']))
    if r.random() < 0.5:
        txt = ' '.join(v[i:i + 4] for i in range(0, len(v), 4))
    else:
        parts = []
        for ch in v:
            parts.append(ch.lower() if ch.isalpha() else word_of(ch, r))
        txt = ' '.join(parts)
    return [(C, pick(r, ["the iban is {v}", "{o} for the wire, iban {v}", "our iban, {v}"]).format(o=pick(r, OPEN), v='{IBAN|' + txt + '}'))], 'spoken'


# ---------------------------------------------------------------- credentials
WORDS = ['sunflower', 'bluehouse', 'tigerlily', 'maple', 'harbor', 'rocket', 'pumpkin', 'falcon', 'juniper', 'copper']
SYMS = [('!', 'exclamation point'), ('#', 'hashtag'), ('$', 'dollar sign'), ('@', 'at sign'), ('*', 'star')]


def password_spoken(r):
    w = pick(r, WORDS)
    n = f'{r.randint(10, 99)}'
    sym = pick(r, SYMS)[1]
    return pick(r, [f'{w} {pair_words(n, r)} {sym}', f'capital {w[0]} {w[1:]} {digit_words(n, r)} {sym}',
                    f'{w} {n} {sym}', f'all lowercase {w}, then {digit_words(n, r)}, then a {sym}'])


def spelled(r, word, alphabet):
    parts = []
    for ch in word:
        if ch.isdigit():
            parts.append(word_of(ch, r))
        elif ch in alphabet and r.random() < 0.6:
            parts.append(f'{ch} as in {alphabet[ch]}')
        else:
            parts.append(('capital ' + ch) if r.random() < 0.15 else ch)
    return ', '.join(parts) if r.random() < 0.5 else ' '.join(parts)


def f_password(r):
    mode = r.random()
    if mode < 0.35:
        w = pick(r, WORDS)[:r.randint(4, 6)] + f'{r.randint(1, 99)}'
        v = spelled(r, w, pick(r, [NATO, EVERYDAY]))
    else:
        v = password_spoken(r)
    v = '{PASSWORD|' + v + '}'
    if r.random() < 0.5:
        return [(R, pick(r, ["What password did you set on it?", "and what's the temporary password you gave them",
                             "Can you read me the password you're typing?", "what's the admin password right now"])),
                (C, pick(r, ['{v}', "uh it's {v}", 'okay {v}', 'so {v}']).format(v=v))], 'spoken'
    return [(C, pick(r, ["{o} the password is {v}", "I set it to {v}", "login's my email and the password's {v}",
                         "the wifi password, no wait, the portal password is {v}"]).format(o=pick(r, OPEN), v=v))], 'spoken'


def f_pin(r):
    p = ''.join(r.choice(string.digits) for _ in range(pick(r, [4, 4, 6])))
    v = '{PIN|' + pick(r, [p, digit_words(p, r), pair_words(p[:2], r) + ' ' + pair_words(p[2:4], r) + ('' if len(p) == 4 else ' ' + pair_words(p[4:], r))]) + '}'
    if r.random() < 0.6:
        return [(R, pick(r, ["And the PIN on the account?", "what's the four digit pin you set up", "Can you give me the voicemail passcode?",
                             "I just need the account pin to verify"])),
                (C, pick(r, ['{v}', 'uh {v}', "it's {v}", 'yeah, {v}']).format(v=v))], 'spoken'
    return [(C, pick(r, ["my pin is {v}", "{o} the pin's {v}", "the passcode for the voicemail is {v}"]).format(o=pick(r, OPEN), v=v))], 'spoken'


def f_otp(r):
    p = ''.join(r.choice(string.digits) for _ in range(6))
    if r.random() < 0.35:
        segs = [(R, pick(r, ["Can you read me the code we just texted?", "You should have a six digit code, what does it say?", "What's the code on your screen?"])),
                (C, '<OTP|' + digit_words(p[:3], r)), (R, pick(r, ACKS)), (C, digit_words(p[3:], r) + '|>')]
        return segs, 'spoken'
    v = '{OTP|' + pick(r, [p, digit_words(p, r), p[:3] + ' ' + p[3:], digit_words(p[:3], r) + ', ' + digit_words(p[3:], r)]) + '}'
    if r.random() < 0.6:
        return [(R, pick(r, ["Can you read me the code we just texted?", "what's the verification code", "It should've sent you a code, what is it?",
                             "Okay read me the six digits"])),
                (C, pick(r, ['{v}', 'uh {v}', 'got it, {v}', "it says {v}"]).format(v=v))], 'spoken'
    return [(C, pick(r, ["I just got a text, it says {v}", "okay the code is {v}", "the authenticator says {v}"]).format(v=v))], 'spoken'


def apikey_spoken(r):
    prefix = pick(r, [('sk', 'live'), ('sk', 'test'), ('rk', 'live'), ('pk', 'live'), ('ghp', None), ('xoxb', None)])
    body = ''.join(r.choice(string.ascii_lowercase + string.digits) for _ in range(r.randint(10, 16)))
    sep = pick(r, ['underscore', 'dash'])
    parts = [' '.join(prefix[0]) if r.random() < 0.5 else prefix[0], sep]
    if prefix[1]:
        parts += [prefix[1], sep]
    chars = []
    for ch in body:
        if ch.isdigit():
            chars.append(word_of(ch, r))
        elif r.random() < 0.15:
            chars.append('capital ' + ch)
        else:
            chars.append(ch)
    parts.append(' '.join(chars))
    return ' '.join(parts)


def f_apikey(r):
    if r.random() < 0.3:
        body = ''.join(r.choice(string.ascii_letters + string.digits) for _ in range(24))
        v = pick(r, ['sk_live_', 'sk_test_', 'ghp_', 'xoxb-']) + body
    else:
        v = apikey_spoken(r)
    return [(C, pick(r, ["{o} the api key is {v}", "okay here's the key, {v}", "the secret key starts with, well it's {v}",
                         "I'll read you the token, {v}"]).format(o=pick(r, OPEN), v='{API_KEY|' + v + '}'))], 'spoken'


# ---------------------------------------------------------------- dob, ids, address
def dob_text(r):
    m, d, y = r.randint(1, 12), r.randint(1, 28), r.randint(1950, 2003)
    return pick(r, [f'{MONTHS[m - 1]} {ORD[d]} {year_words(y)}', f'{m}/{d}/{y % 100:02d}', f'{m:02d}/{d:02d}/{y}',
                    f'{MONTHS[m - 1]} {d}, {y}', f'{word_of("0", r)} {ONES[m]} {pair_words(f"{d:02d}", r)} {pair_words(f"{y % 100:02d}", r)}' if m < 10 else f'{MONTHS[m - 1]} {ORD[d]} {pair_words(f"{y % 100:02d}", r)}'])


def f_dob(r):
    v = '{DOB|' + dob_text(r) + '}'
    if r.random() < 0.6:
        return [(R, pick(r, ["And can you confirm your date of birth?", "What's the date of birth on the policy?", "dob for verification"])),
                (C, pick(r, ['{v}', 'uh {v}', "it's {v}", 'sure, {v}']).format(v=v))], 'spoken'
    return [(C, pick(r, ["my date of birth is {v}", "I was born {v}", "{o} birthday's {v}"]).format(o=pick(r, OPEN), v=v))], 'spoken'


STREETS = ['elm street', 'maple avenue', 'north lake shore drive', 'oak ridge road', 'sunset boulevard', 'birch lane', 'pine court']
CITIES = [('denver', 'colorado', '80205'), ('austin', 'texas', '78704'), ('columbus', 'ohio', '43215'), ('tacoma', 'washington', '98402')]


def f_address(r):
    num = r.randint(12, 9800)
    st = pick(r, STREETS)
    city, state, z = pick(r, CITIES)
    numt = pick(r, [str(num), number_words(num) if num < 1000 else f'{pair_words(str(num).zfill(4)[:2], r)} {pair_words(str(num).zfill(4)[2:], r)}'])
    apt = pick(r, ['', f' apartment {r.randint(1, 40)}', f' unit {r.randint(1, 9)}b'])
    zt = pick(r, [z, digit_words(z, r)])
    v = f'{numt} {st}{apt}, {city}, {state} {zt}'
    return [(C, pick(r, ["ship it to my home, {v}", "my home address is {v}", "{o} mailing address, {v}"]).format(o=pick(r, OPEN), v='{ADDRESS|' + v + '}'))], 'spoken'


def f_passport(r):
    p = ''.join(r.choice(string.digits) for _ in range(9))
    v = pick(r, [p, digit_words(p, r), p[:3] + ' ' + p[3:6] + ' ' + p[6:]])
    return [(R, "For the travel booking I need the passport number."), (C, pick(r, ['{v}', "it's {v}", 'okay, {v}']).format(v='{PASSPORT|' + v + '}'))], 'spoken'


def f_dl(r):
    mode = r.random()
    if mode < 0.5:
        letter = pick(r, list('ADFGSW'))
        digits = ''.join(r.choice(string.digits) for _ in range(7))
        v = pick(r, [f'{letter}{digits}', f'{letter.lower()} as in {NATO[letter.lower()]} {digit_words(digits, r)}', f'{letter} {digits}'])
    else:
        digits = ''.join(r.choice(string.digits) for _ in range(pick(r, [8, 9])))
        v = pick(r, [digits, digit_words(digits, r)])
    if r.random() < 0.5:
        return [(R, pick(r, ["And your driver's license number?", "Can I get the license number off your ID?"])),
                (C, pick(r, ['{v}', "uh it's {v}", 'yep, {v}']).format(v='{DRIVERS_LICENSE|' + v + '}'))], 'spoken'
    return [(C, pick(r, ["my driver's license is {v}", "license number {v}, it's a colorado license"]).format(v='{DRIVERS_LICENSE|' + v + '}'))], 'spoken'


def f_health(r):
    letters = ''.join(r.choice(string.ascii_uppercase) for _ in range(3))
    digits = ''.join(r.choice(string.digits) for _ in range(9))
    v = pick(r, [letters + digits, ' '.join(letters.lower()) + ' ' + digit_words(digits, r), f'{letters} {digits[:3]} {digits[3:6]} {digits[6:]}'])
    if r.random() < 0.5:
        return [(R, pick(r, ["What's the member ID on your insurance card?", "and the policy number on the card"])),
                (C, pick(r, ['{v}', "it's {v}", 'okay, {v}']).format(v='{HEALTH_ID|' + v + '}'))], 'spoken'
    return [(C, pick(r, ["my member id is {v}", "the insurance id on my card is {v}"]).format(v='{HEALTH_ID|' + v + '}'))], 'spoken'


# ---------------------------------------------------------------- written (digits, mixed punctuation)
def f_written_mix(r):
    k = r.random()
    if k < 0.25:
        num = card(r)
        return [(C, pick(r, ["Card is {v}.", "Use {v} for the renewal.", "{v}, expiring {e}."]).format(
            v='{CARD|' + ' '.join(groups_of(num)) + '}', e='{EXPIRY|' + f'{r.randint(1, 12):02d}/{r.randint(26, 32)}' + '}'))], 'written'
    if k < 0.45:
        n = ssn(r)
        return [(C, pick(r, ["SSN: {v}.", "My social is {v}.", "It's {v}, my Social."]).format(v='{SSN|' + nine_text(r, n, pick(r, ['dash', 'dots', 'spaces'])) + '}'))], 'written'
    if k < 0.65:
        n = phone_us(r)
        return [(C, pick(r, ["Call me at {v}.", "My cell is {v}.", "Text {v} if the link doesn't work."]).format(v='{PHONE|' + phone_text(r, n) + '}'))], 'written'
    if k < 0.8:
        return [(C, pick(r, ["The account is {a}, routing {rt}.", "Routing {rt}, account {a}."]).format(
            a='{BANK_ACCOUNT|' + ''.join(r.choice(string.digits) for _ in range(10)) + '}', rt='{ROUTING|' + aba(r) + '}'))], 'written'
    return [(C, pick(r, ["Email me at {v}.", "It's {v}."]).format(v='{EMAIL|' + f'{pick(r, FIRST)}.{pick(r, LAST)}{r.randint(1, 99)}@{pick(r, DOMAINS)}.com' + '}'))], 'written'


# ---------------------------------------------------------------- near-miss negatives (templated)
def f_neg(r):
    k = r.randint(0, 21)
    n = r.randint(20, 900)
    if k == 0:
        return [(C, f"we're looking at about {number_words(n)} seats, maybe {number_words(n + 50)} by q3")]
    if k == 1:
        return [(R, "How many licenses are you thinking?"), (C, pick(r, [f'uh {number_words(n)}', f'{n}, maybe {n + 25}', f'{digit_words(str(n), r)}']))]
    if k == 2:
        p = r.randint(19, 99)
        return [(R, f"So that's {number_words(p)} ninety nine per seat per month."), (C, f"and for {n} seats that's what, {number_words(p * n)} a month")]
    if k == 3:
        return [(C, f"my extension is {pick(r, [str(r.randint(100, 9999)), digit_words(str(r.randint(1000, 9999)), r)])}")]
    if k == 4:
        return [(R, "What's your extension?"), (C, pick(r, [str(r.randint(1000, 9999)), digit_words(str(r.randint(1000, 9999)), r), f'extension {r.randint(100, 999)}']))]
    if k == 5:
        o = not_luhn(r, pick(r, [12, 14, 16]))
        return [(C, pick(r, [f"the order number is {o}", f"order {' '.join(o[i:i + 4] for i in range(0, len(o), 4))}",
                             f"tracking number {digit_words(o, r)}"]))]
    if k == 6:
        o = not_luhn(r, 16)
        return [(R, "Do you have the order number handy?"), (C, pick(r, [' '.join(o[i:i + 4] for i in range(0, 16, 4)), digit_words(o[:8], r) + ', ' + digit_words(o[8:], r)]))]
    if k == 7:
        z = pick(r, ['94107', '60611', '10001', '78704', '02139'])
        return [(R, "What zip code are you in?"), (C, pick(r, [z, digit_words(z, r)]))]
    if k == 8:
        return [(C, f"we're on version {r.randint(3, 14)}.{r.randint(0, 20)}.{r.randint(0, 9)} and the upgrade goes to {r.randint(15, 16)}.0")]
    if k == 9:
        return [(R, "What version are you running?"), (C, pick(r, [f'{number_words(r.randint(3, 12))} point {number_words(r.randint(0, 9))}', f'uh {r.randint(3, 12)}.{r.randint(0, 9)}.{r.randint(0, 9)} I think']))]
    if k == 10:
        m, d = r.randint(1, 12), r.randint(1, 28)
        return [(C, pick(r, [f"let's do {MONTHS[m - 1]} {ORD[d]} at two thirty", f"the contract renews on {m}/{d}/2027",
                             f"we signed back on {MONTHS[m - 1]} {ORD[d]} twenty twenty three"]))]
    if k == 11:
        return [(R, "When does the current contract end?"), (C, pick(r, [f'{MONTHS[r.randint(0, 11)]} twenty twenty seven', f'{r.randint(1, 12)}/{r.randint(1, 28)}/27', 'end of q2 next year']))]
    if k == 12:
        return [(C, f"the last four on the card are {pick(r, [str(r.randint(1000, 9999)), digit_words(str(r.randint(1000, 9999)), r)])}, can you tell me if that went through")]
    if k == 13:
        return [(R, "Did you get the code?"), (C, pick(r, ["yeah got it, I'm in", "yep, it worked", "not yet, hang on... okay it went through"]))]
    if k == 14:
        return [(R, "What's the error code it shows?"), (C, pick(r, ['four oh three', 'uh 500', 'error 0x80070005', 'it says e four one two']))]
    if k == 15:
        return [(R, "What's the promo code on the flyer?"), (C, pick(r, ['spring twenty five', 'SAVE20', 'it says partner fifty']))]
    if k == 16:
        t = r.randint(10000, 999999)
        return [(R, "Do you have the ticket number?"), (C, pick(r, [f'yeah {t}', f'INC{t:07d}', digit_words(str(t), r)]))]
    if k == 17:
        return [(C, pick(r, [f"we have {number_words(r.randint(2, 40))} locations and about {r.randint(200, 4000)} employees",
                             f"revenue was around {r.randint(12, 90)} million last year"]))]
    if k == 18:
        return [(C, f"the main line is {r.choice(['800', '888'])}-555-01{r.randint(10, 99)}, it's on our website"), ]
    if k == 19:
        return [(C, f"we need {number_words(n)}"), (C, f"no wait {number_words(n + 100)} units for the first shipment")]
    if k == 20:
        return [(R, "How many digits is the code supposed to be?"), (C, pick(r, ['six', 'I think six, maybe eight']))]
    return [(R, "What's the quote number?"), (C, f"Q{r.randint(2025, 2026)}-{r.randint(100, 9999):04d}")]
