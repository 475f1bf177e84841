"""Values and spoken renderings for blind-4 (seeded by the caller's Random)."""
import string

ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
NATO = {'a': 'alpha', 'b': 'bravo', 'c': 'charlie', 'd': 'delta', 'e': 'echo', 'f': 'foxtrot', 'g': 'golf',
        'h': 'hotel', 'i': 'india', 'j': 'juliet', 'k': 'kilo', 'l': 'lima', 'm': 'mike', 'n': 'november',
        'o': 'oscar', 'p': 'papa', 'q': 'quebec', 'r': 'romeo', 's': 'sierra', 't': 'tango', 'u': 'uniform',
        'v': 'victor', 'w': 'whiskey', 'x': 'x-ray', 'y': 'yankee', 'z': 'zulu'}
EVERYDAY = {'a': 'apple', 'b': 'boy', 'c': 'cat', 'd': 'david', 'e': 'edward', 'f': 'frank', 'g': 'george',
            'h': 'henry', 'j': 'john', 'k': 'king', 'l': 'larry', 'm': 'mary', 'n': 'nancy', 'p': 'peter',
            'r': 'robert', 's': 'sam', 't': 'tom', 'v': 'victor', 'w': 'william'}


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num):
    return luhn_digit(num[:-1]) == num[-1]


def card(r):
    kind = r.choice(['visa', 'visa', 'mc', 'mc2', 'amex', 'disc', 'maestro'])
    prefix, length = {
        'visa': ('4', 16), 'mc': (str(r.randint(51, 55)), 16), 'mc2': (str(r.randint(2221, 2720)), 16),
        'amex': (r.choice(['34', '37']), 15), 'disc': ('6011', 16), 'maestro': (r.choice(['6759', '5018', '6304']), 16),
    }[kind]
    body = prefix + ''.join(r.choice(string.digits) for _ in range(length - len(prefix) - 1))
    return body + luhn_digit(body)


def not_luhn(r, length):
    while True:
        n = str(r.randint(1, 9)) + ''.join(r.choice(string.digits) for _ in range(length - 1))
        if not luhn_ok(n):
            return n


def groups_of(num):
    if len(num) == 15:
        return [num[:4], num[4:10], num[10:]]
    return [num[i:i + 4] for i in range(0, len(num), 4)]


def ssn(r):
    area = r.choice([a for a in range(1, 900) if a != 666])
    return f'{area:03d}{r.randint(1, 99):02d}{r.randint(1, 9999):04d}'


def itin(r):
    group = r.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92, 94, 95, 96, 97, 98, 99])
    return f'9{r.randint(0, 99):02d}{group:02d}{r.randint(0, 9999):04d}'


def aba(r):
    while True:
        prefix = r.choice(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '21', '22', '26', '31', '32'])
        body = prefix + ''.join(r.choice(string.digits) for _ in range(6))
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        s = sum(int(d) * w[i] for i, d in enumerate(body))
        return body + str((10 - s % 10) % 10)


def iban(r, country):
    if country == 'GB':
        bban = ''.join(r.choice(string.ascii_uppercase) for _ in range(4)) + ''.join(r.choice(string.digits) for _ in range(14))
    elif country == 'DE':
        bban = ''.join(r.choice(string.digits) for _ in range(18))
    else:  # NL
        bban = ''.join(r.choice(string.ascii_uppercase) for _ in range(4)) + ''.join(r.choice(string.digits) for _ in range(10))
    rearr = bban + country + '00'
    num = ''.join(str(int(c, 36)) for c in rearr)
    check = 98 - int(num) % 97
    return f'{country}{check:02d}{bban}'


def iban_ok(value):
    v = value.replace(' ', '')
    rearr = v[4:] + v[:4]
    return int(''.join(str(int(c, 36)) for c in rearr)) % 97 == 1


def phone_us(r):
    area = r.choice(['312', '415', '617', '646', '720', '773', '206', '512', '404', '213', '919', '614'])
    return area + '555' + f'01{r.randint(0, 99):02d}'


def phone_uk(r):
    return '07700900' + f'{r.randint(0, 999):03d}'


def digit_words(digits, r, oh=0.6, double=0.25):
    out = []
    i = 0
    while i < len(digits):
        d = digits[i]
        if i + 2 < len(digits) and digits[i + 1] == d and digits[i + 2] == d and r.random() < double:
            out.append('triple ' + word_of(d, r, oh))
            i += 3
            continue
        if i + 1 < len(digits) and digits[i + 1] == d and r.random() < double:
            out.append('double ' + word_of(d, r, oh))
            i += 2
            continue
        out.append(word_of(d, r, oh))
        i += 1
    return ' '.join(out)


def word_of(d, r, oh=0.6):
    if d == '0':
        return 'oh' if r.random() < oh else 'zero'
    return ONES[int(d)]


def pair_words(two, r):
    """'47' -> 'forty seven', '07' -> 'oh seven', '10' -> 'ten', '40' -> 'forty'."""
    a, b = two[0], two[1]
    if a == '0':
        return word_of('0', r, 0.9) + ' ' + word_of(b, r)
    if a == '1':
        return TEENS[int(b)]
    if b == '0':
        return TENS[int(a)]
    return TENS[int(a)] + r.choice([' ', '-']) + ONES[int(b)]


def group_spoken(group, r, style):
    if style == 'digits':
        return group
    if style == 'words':
        return digit_words(group, r)
    if style == 'pairs' and len(group) % 2 == 0:
        return ' '.join(pair_words(group[i:i + 2], r) for i in range(0, len(group), 2))
    if style == 'mixed':
        return ' '.join(ch if r.random() < 0.5 else word_of(ch, r) for ch in group)
    return digit_words(group, r)


def number_words(n):
    """0..9999 in plain words (for quantities, prices)."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        return TENS[n // 10] + ('' if n % 10 == 0 else ' ' + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + ' hundred' + ('' if rest == 0 else ' ' + number_words(rest))
    rest = n % 1000
    return number_words(n // 1000) + ' thousand' + ('' if rest == 0 else ' ' + number_words(rest))


MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
ORD = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth',
       'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
       'twenty first', 'twenty second', 'twenty third', 'twenty fourth', 'twenty fifth', 'twenty sixth', 'twenty seventh',
       'twenty eighth']


def year_words(y):
    if 2000 <= y < 2010:
        return 'two thousand ' + ONES[y - 2000] if y > 2000 else 'two thousand'
    hi, lo = divmod(y, 100)
    lo_w = ('oh ' + ONES[lo]) if lo < 10 else number_words(lo)
    return number_words(hi) + ' ' + lo_w
