#!/usr/bin/env python3
"""blind-5: a fifth redaction set for issue #12, generated from templates of the classes the
issue names (not from any detector rule, fixture sentence or test). Seeded and deterministic.

Markup inside an exchange: segments are separated by "\n", each starting "R:" (rep) or "C:"
(customer); a labelled value is [[TYPE|text]] and may cross a segment break. Topics are given
per exchange.

Run: python3 tools/blind5-gen/gen.py > tests/fixtures/redaction/blind-5.jsonl
"""
import json
import random
import re
import sys

rng = random.Random(20261203)

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix]
    while len(digits) < length - 1:
        digits.append(rng.randint(0, 9))
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    digits.append((10 - total % 10) % 10)
    return "".join(str(d) for d in digits)


def luhn_invalid(length):
    while True:
        s = "".join(str(rng.randint(0, 9)) for _ in range(length))
        if s[0] != "0" and not luhn_ok(s):
            return s


def luhn_ok(s):
    total = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def spoken_digit(c, oh=True):
    if c == "0" and oh and rng.random() < 0.6:
        return "oh"
    return ONES[int(c)]


def spoken(digits, style=None):
    """Digits as a recogniser writes speech: words, mixed, pairs, with or without commas."""
    style = style or rng.choice(["words", "words", "digits", "mixed"])
    if style == "digits":
        return digits
    if style == "mixed":
        return " ".join(d if rng.random() < 0.5 else spoken_digit(d) for d in digits)
    return " ".join(spoken_digit(d) for d in digits)


def groups_of(digits, sizes):
    out, at = [], 0
    for size in sizes:
        out.append(digits[at:at + size])
        at += size
    if at < len(digits):
        out.append(digits[at:])
    return [g for g in out if g]


def card_sizes(n):
    return {12: [4, 4, 4], 13: [4, 4, 5], 14: [4, 6, 4], 15: [4, 6, 5], 16: [4, 4, 4, 4], 17: [4, 4, 4, 5], 18: [4, 4, 4, 6], 19: [4, 4, 4, 4, 3]}[n]


FILLERS = ["uh", "um", "uh, wait,", "sorry", "hold on", "let me see", "er", "okay so", "one sec"]


def broken(digits, sizes, sep=None, spoken_style=None):
    """A number in groups joined the way recognisers break it: full stops, commas, fillers."""
    parts = [spoken(g, spoken_style) if spoken_style != "raw" else g for g in groups_of(digits, sizes)]
    sep = sep or rng.choice([". ", ", ", " ", "... ", " - "])
    if sep == "filler":
        out = parts[0]
        for p in parts[1:]:
            out += ", " + rng.choice(FILLERS) + ", " + p if rng.random() < 0.5 else " " + p
        return out
    text = sep.join(parts)
    if sep == ". ":
        text = ". ".join(p[:1].upper() + p[1:] if rng.random() < 0.5 else p for p in parts)
    return text


CARD_PREFIXES = ["5018", "5020", "5038", "6304", "6759", "6761", "6762", "6763", "5612", "5893", "6220", "6011", "3528", "3589", "3600", "6240", "8699", "9792", "2200", "6390"]
CARD_CONTEXT = [
    "my card number is", "the card is", "the number on the card is", "it's a Maestro card, number", "I'll pay with the debit card,",
    "card number", "the long number on the front is", "put it on my company card,", "the card I want to use is", "here's the card,",
]


def card_value():
    length = rng.choice([12, 13, 14, 15, 16, 16, 16, 17, 18, 19])
    return luhn_complete(rng.choice(CARD_PREFIXES), length)


def make_card():
    number = card_value()
    sizes = card_sizes(len(number))
    shape = rng.random()
    ctx = rng.choice(CARD_CONTEXT)
    if shape < 0.3:
        return f"C: {ctx} [[CARD|{broken(number, sizes)}]]."
    if shape < 0.55:
        # Split across two segments of the same speaker, or across the rep's interruption.
        g = groups_of(number, sizes)
        cut = rng.randint(1, len(g) - 1)
        a = broken("".join(g[:cut]), sizes[:cut], spoken_style=rng.choice(["digits", "words"]))
        b = broken("".join(g[cut:]), sizes[cut:], spoken_style=rng.choice(["digits", "words"]))
        mid = rng.choice(["", "\nR: mm-hmm", "\nR: okay go on", "\nR: sorry, you cut out. After the first part?", "\nR: got it, and the rest?"])
        return f"C: {ctx} [[CARD|{a}.{mid}\nC: {rng.choice(['And then', 'then', 'and the rest is', 'uh'])} {b}]]."
    if shape < 0.75:
        return f"R: What's the card number?\nC: [[CARD|{broken(number, sizes, sep='filler')}]]"
    if shape < 0.9:
        # Self-correction: both readings are sensitive; one span covering both.
        wrong = list(number)
        i = rng.randint(4, len(wrong) - 2)
        wrong[i] = str((int(wrong[i]) + 1) % 10)
        wrong = "".join(wrong)
        fix = rng.choice(['no wait,', 'sorry, I mean', 'no, let me start again,'])
        return f"C: {ctx} [[CARD|{' '.join(groups_of(wrong, sizes))}, {fix} {' '.join(groups_of(number, sizes))}]]."
    return f"C: {ctx}\nC: [[CARD|{' '.join(groups_of(number, sizes))}]]"


def cvv_value():
    return "".join(str(rng.randint(0, 9)) for _ in range(rng.choice([3, 3, 3, 4])))


def make_cvv():
    v = cvv_value()
    intro = rng.choice([
        "the security code on the back is", "the three digits on the back are", "security code's", "the code on the back of the card is",
        "and the CVC is", "the little code by the signature strip is", "the four digit code on the front of the Amex is",
    ])
    if rng.random() < 0.4:
        return f"R: {rng.choice(['And the security code?', 'What are the three digits on the back?', 'Can I get the code on the back of the card?'])}\nC: {rng.choice(['uh ', '', 'it is ', 'okay, '])}[[CVV|{spoken(v)}]]"
    return f"C: {intro} [[CVV|{spoken(v)}]]."


def ssn_value():
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    return f"{a:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def make_ssn():
    v = ssn_value()
    sep = rng.choice([" ", "-", ". ", ", ", " dash "])
    g = groups_of(v, [3, 2, 4])
    text = sep.join(spoken(x, rng.choice(["digits", "words"])) for x in g)
    intro = rng.choice(["my social is", "social security number", "SSN is", "my social security number's", "the last thing, my social,"])
    if rng.random() < 0.3:
        return f"R: And your social security number?\nC: [[SSN|{text}]]"
    if rng.random() < 0.3:
        wrong = g[0][:-1] + str((int(g[0][-1]) + 3) % 10)
        return f"C: {intro} [[SSN|{wrong}, sorry, {text}]]."
    return f"C: {intro} [[SSN|{text}]]."


def make_phone():
    kind = rng.random()
    if kind < 0.5:
        area = rng.choice(["415", "312", "646", "617", "503", "720", "404", "212"])
        v = f"{area}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"
        text = broken(v, [3, 3, 4], sep=rng.choice([". ", " ", ", ", "-"]), spoken_style=rng.choice(["digits", "words"]))
    else:
        head, more = rng.choice([("+44 7700 9", 5), ("+353 87 ", 7), ("+61 4", 8), ("+49 151 ", 8)])
        v = head + "".join(str(rng.randint(0, 9)) for _ in range(more))
        text = v
    intro = rng.choice(["my cell is", "you can reach me on my mobile,", "my direct line is", "best number for me is", "call me back on", "my personal number is"])
    if rng.random() < 0.3 and kind < 0.5:
        g = text.split(". ") if ". " in text else None
        if g and len(g) == 3:
            return f"C: {intro} [[PHONE|{g[0]}. {g[1]}.\nR: yep\nC: {g[2]}]]"
    return f"C: {intro} [[PHONE|{text}]]."


WORDS = ["sunflower", "bluebird", "marmalade", "copper", "tangerine", "riverside", "falcon", "pepper", "lantern", "meadow", "orbit", "harbor"]


def password_value():
    w = rng.choice(WORDS)
    style = rng.random()
    if style < 0.4:
        return f"{w.capitalize()}{rng.randint(10, 99)}!"
    if style < 0.7:
        return f"{w} {rng.randint(10, 99)} {rng.choice(['exclamation mark', 'dollar sign', 'hashtag', 'at sign'])}"
    return f"capital {w[0]}, {' '.join(w[1:4])}, {rng.randint(1, 9)}, {rng.randint(1, 9)}"


def make_password():
    v = password_value()
    kind = rng.randint(0, 6)
    if kind == 0:
        return f"C: log in with [[PASSWORD|{v}]] as the password."
    if kind == 1:
        return f"C: the password, [[PASSWORD|{v}]]."
    if kind == 2:
        return f"C: the verbal password on the account is [[PASSWORD|{v}]]."
    if kind == 3:
        user = rng.choice(["jsmith", "mlopez22", "admin.kelly", "dwright"])
        return f"C: my login is {user} slash [[PASSWORD|{v}]]."
    if kind == 4:
        return f"R: I've set a temporary password for you, it's [[PASSWORD|{v}]], change it when you sign in."
    if kind == 5:
        return f"R: What password did you pick?\nC: [[PASSWORD|{v}]]"
    return f"C: I changed my password to [[PASSWORD|{v}]] yesterday."


def make_pin():
    v = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice([4, 4, 6])))
    if rng.random() < 0.5:
        return f"R: And the PIN on the account?\nC: [[PIN|{spoken(v)}]]"
    return f"C: my pin is [[PIN|{spoken(v)}]]."


def make_otp():
    v = "".join(str(rng.randint(0, 9)) for _ in range(6))
    kind = rng.randint(0, 4)
    if kind == 0:
        return f"C: the code is [[OTP|{spoken(v, 'words')}]]."
    if kind == 1:
        return f"C: it wants a code now. [[OTP|{spoken(v[:3], 'words').capitalize()}, {spoken(v[3:], 'words')}]]."
    if kind == 2:
        return f"R: I just texted you a code, can you read it back?\nC: [[OTP|{spoken(v)}]]"
    if kind == 3:
        return f"C: okay I got a text, it says [[OTP|{v}]]."
    return f"C: the app is showing [[OTP|{v[:3]} {v[3:]}]] right now."


def spell(s):
    out = []
    for c in s:
        if c == "_":
            out.append("underscore")
        elif c == "-":
            out.append("dash")
        elif c.isupper():
            out.append(f"capital {c.lower()}")
        else:
            out.append(ONES[int(c)] if c.isdigit() and rng.random() < 0.3 else c)
    return " ".join(out)


def make_api_key():
    body = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(rng.randint(10, 14)))
    prefix = rng.choice(["sk_live_", "pk_live_", "ghp_", "xoxb-", "AKIA", "sk-"])
    key = prefix + body
    intro = rng.choice(["the API key is", "here's the key:", "our secret key is", "the token they gave us is"])
    return f"C: {intro} [[API_KEY|{spell(key)}]]."


def make_health_id():
    kind = rng.randint(0, 4)
    if kind == 0:
        v = f"{rng.choice(['XEH', 'JQW', 'ZGP', 'W'])}{rng.randint(100000000, 999999999)}"
        return f"C: my member ID is [[HEALTH_ID|{v}]]."
    if kind == 1:
        v = f"{rng.randint(1, 9)}{rng.choice('ACDEFGHJK')}{rng.choice('ACDEFGHJK')}{rng.randint(1, 9)}-{rng.choice('ACDEFGHJK')}{rng.choice('ACDEFGHJK')}{rng.randint(1, 9)}-{rng.choice('ACDEFGHJK')}{rng.choice('ACDEFGHJK')}{rng.randint(10, 99)}"
        return f"C: my Medicare number is [[HEALTH_ID|{v}]]."
    if kind == 2:
        v = f"{rng.randint(100000, 999999)}{rng.randint(10, 99)}"
        return f"R: What's the medical record number?\nC: [[HEALTH_ID|{spoken(v)}]]"
    if kind == 3:
        v = f"{rng.choice(['U', 'H', 'AB'])}{rng.randint(1000000, 9999999)}"
        return f"C: the insurance ID on my card is [[HEALTH_ID|{v}]]."
    v = f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"C: my NHS number is [[HEALTH_ID|{v}]]."


def make_licence():
    shapes = [
        ("California", lambda: f"{rng.choice('ABDFY')}{rng.randint(1000000, 9999999)}"),
        ("Florida", lambda: f"{rng.choice('ABDGLMS')}{rng.randint(100, 999)}-{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(100, 999)}-0"),
        ("New York", lambda: f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"),
        ("Illinois", lambda: f"{rng.choice('ABDS')}{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"),
        ("Washington", lambda: f"WDL{''.join(rng.choice('ABCDEFGHJKLMN0123456789') for _ in range(9))}"),
        ("Texas", lambda: f"{rng.randint(10000000, 99999999)}"),
        ("Pennsylvania", lambda: f"{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"),
    ]
    state, value = rng.choice(shapes)
    v = value()
    if rng.random() < 0.5:
        return f"C: my {state} driver's license number is [[DRIVERS_LICENSE|{v}]]."
    return f"R: Can I get your driver's license number and the state?\nC: {state}, [[DRIVERS_LICENSE|{v}]]"


def make_address():
    choice = rng.randint(0, 4)
    if choice == 0:
        v = f"{rng.randint(2, 220)} {rng.choice(['Harrow Road', 'Mill Lane', 'Kings Street'])}, {rng.choice(['Leeds LS6 2QT', 'Bristol BS1 4DJ', 'London N1 7GU'])}"
    elif choice == 1:
        v = f"{rng.randint(2, 99)} {rng.choice(['rue des Lilas', 'rue Victor Hugo'])}, {rng.choice(['75011 Paris', '69003 Lyon'])}"
    elif choice == 2:
        v = f"{rng.randint(2, 99)} {rng.choice(['Queen Street West', 'Elm Avenue'])}, {rng.choice(['Toronto M5V 2T6', 'Ottawa K1P 5G4'])}"
    elif choice == 3:
        v = f"{rng.randint(2, 99)} {rng.choice(['George Street', 'Smith Road'])}, {rng.choice(['Sydney NSW 2000', 'Brunswick VIC 3056'])}"
    else:
        v = f"{rng.choice(['Hauptstraße', 'Bergstraße'])} {rng.randint(2, 99)}, {rng.choice(['10115 Berlin', '80331 München'])}"
    return f"C: {rng.choice(['send it to my home address,', 'I live at', 'ship it to my flat,', 'my address is'])} [[ADDRESS|{v}]]."


def make_bank():
    acct = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice([8, 10, 12])))
    if rng.random() < 0.5:
        return f"C: my checking account number is [[BANK_ACCOUNT|{broken(acct, [4] * 3, sep=rng.choice(['. ', ' ', ', ']), spoken_style=rng.choice(['digits', 'words']))}]]."
    return f"R: And the account number for the direct debit?\nC: [[BANK_ACCOUNT|{spoken(acct, 'digits')}]]"


POSITIVE = [(make_card, 70), (make_cvv, 25), (make_ssn, 25), (make_phone, 20), (make_password, 35), (make_pin, 10), (make_otp, 20),
            (make_api_key, 12), (make_health_id, 15), (make_licence, 12), (make_address, 10), (make_bank, 10)]


def negative():
    kind = rng.randint(0, 13)
    n = rng.randint(12, 480)
    if kind == 0:
        return f"C: we'd need {n} seats, maybe {n + rng.randint(5, 40)} by the spring."
    if kind == 1:
        return f"R: the list price is ${rng.randint(12, 99)}.{rng.choice(['00', '50', '99'])} per user per month, so {rng.randint(2, 90)},{rng.randint(100, 999)} a year."
    if kind == 2:
        return f"C: our renewal date is {rng.choice(['March', 'June', 'October'])} {rng.randint(1, 28)}, {rng.randint(2025, 2028)}."
    if kind == 3:
        return f"C: we're on version {rng.randint(3, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 30)} of the desktop app."
    if kind == 4:
        return f"C: the order number is {luhn_invalid(rng.choice([10, 12, 13]))}."
    if kind == 5:
        return f"R: I opened ticket {rng.randint(100000, 999999)} for that, you should get an email."
    if kind == 6:
        return f"C: the zip code is {spoken(str(rng.randint(10000, 99999)))}."
    if kind == 7:
        return f"R: the card on file ends in {spoken(str(rng.randint(1000, 9999)))}, is that still right?\nC: yes that's the one"
    if kind == 8:
        return f"R: you can always call our main line, {rng.choice(['800', '888'])} {rng.randint(200, 999)} {rng.randint(1000, 9999)}, it's on the website."
    if kind == 9:
        return f"C: we've been with you since {rng.randint(2009, 2022)}, about {rng.randint(3, 14)} years now."
    if kind == 10:
        return f"R: How many people are on the team?\nC: uh {spoken(str(rng.randint(12, 90)))}, no wait, {spoken(str(rng.randint(12, 90)))}"
    if kind == 11:
        return f"R: what's the error code on the screen?\nC: it says E {rng.randint(100, 999)}"
    if kind == 12:
        return f"C: the quote number was Q-{rng.randint(2024, 2026)}-{rng.randint(1000, 9999)} I think."
    return f"R: your extension is {rng.randint(100, 999)}, and the PO is {rng.randint(4500000000, 4599999999)}."


# Topics: a subject of the class the issue names, optionally with a confidentiality signal.
SECRECY = ["between you and me,", "this hasn't been announced, but", "keep that quiet, but", "not public yet, but", "off the record,",
           "don't repeat this, but", "confidentially,", "I probably shouldn't say this, but", "strictly between us,", "nobody outside leadership knows this, but"]
TOPIC_SUBJECTS = {
    "SECURITY": ["we had a breach last month and customer emails got out", "somebody fell for a phishing email and the attacker got into payroll",
                 "our staging server was exposed to the internet for weeks", "we leaked customer records and haven't told anyone yet",
                 "ransomware hit our file server over the weekend", "a contractor's laptop with unencrypted client data was stolen",
                 "the admin password for the database was posted in a public channel", "our backups were readable by anyone with the link"],
    "COMPETITIVE": ["Acme's product loses data all the time, their engineers told me", "Northwind is basically insolvent, they can't make payroll",
                    "Globex fakes their uptime numbers", "I've seen Initech's internal pricing deck and they're undercutting everyone at a loss",
                    "Vandelay's CEO is about to get fired", "Hooli's platform is full of security holes they haven't disclosed",
                    "their biggest customer is leaving them, I heard it from their VP", "Contoso's sales team is lying about features that don't exist"],
    "FINANCIAL": ["we missed the quarter by a lot and it hasn't been reported", "we're being acquired by a bigger player, the deal closes next month",
                  "the board just cut next year's budget by forty percent", "we're going to restate last year's revenue",
                  "we're about to write off the whole product line", "we're in talks to buy one of our suppliers",
                  "our runway is about six months unless the round closes", "revenue is down thirty percent and the numbers come out next week"],
    "PERSONNEL": ["they're laying off a fifth of the company in January", "my manager is being let go at the end of the month",
                  "we're closing the support team and moving it offshore", "two of the directors are under investigation by HR",
                  "nobody's getting raises this year, they're freezing pay", "the VP of sales is on a performance plan",
                  "they're restructuring and my whole department goes away", "the CFO resigned but they haven't told the staff"],
    "HEALTH": ["I'm going in for chemo next week so I'll be slow to respond", "my husband had a stroke and I'm caring for him",
               "I've been on medical leave for depression", "I was just diagnosed with diabetes", "I'm pregnant, so I'll be out in spring",
               "I'm recovering from surgery on my back", "my daughter's in the hospital with pneumonia", "I'm seeing a therapist for anxiety"],
    "LEGAL": ["we're being sued by a former customer", "the regulator opened an investigation into our billing", "we settled a discrimination claim last year",
              "our lawyers say we'll lose the patent case", "a whistleblower filed a complaint against the company", "we're in arbitration with our old reseller",
              "I got a subpoena about the merger", "the class action over the data is going to trial"],
}
# Public or benign uses of the same words: no topic.
TOPIC_NEGATIVES = [
    "our security team will join the demo on Thursday.", "is a dollar bill legal tender in Canada?", "the phishing simulation module is part of the enterprise tier.",
    "we announced the acquisition last quarter, it's on our website.", "our health and safety training is due in June.", "I'm the legal contact for procurement, send the contract to me.",
    "their product is fine, we just prefer your reporting.", "our budget for this is set, it was approved in the plan.", "we hired two new reps last week, they're great.",
    "the quarterly results were published on Tuesday.", "the gym membership is part of our wellness benefit.", "we ran a penetration test last year and published the summary.",
    "the lawsuit in the news was dismissed months ago.", "I'm on vacation next week, back on the 14th.", "the breach notification feature is what sold us.",
    "can your tool export to the competitor's format?", "our layoffs were in the press in March, that's all public now.", "the doctor's office down the street uses you too.",
    "we're growing, headcount went up twenty percent.", "their support is friendly, yours is too.",
]


def topic_line(topic):
    subject = rng.choice(TOPIC_SUBJECTS[topic])
    with_secrecy = rng.random() < 0.6
    if topic in ("HEALTH", "LEGAL", "SECURITY") and rng.random() < 0.4:
        with_secrecy = False
    if with_secrecy:
        cue = rng.choice(SECRECY)
        if rng.random() < 0.3:
            return f"C: {cue[:-1].capitalize()}?\nR: sure\nC: {subject}."
        return f"C: {cue.capitalize()} {subject}."
    return f"C: {subject[0].upper()}{subject[1:]}."


def asr(line):
    """About a third of spoken lines as lower case without sentence punctuation."""
    if rng.random() < 0.33:
        out = []
        for seg in line.split("\n"):
            head, body = seg[:3], seg[3:]
            body = re.sub(r"(?<!\d)[.,?!](?!\d)", "", body) if "[[" not in body else body
            out.append(head + body.lower() if "[[" not in body else head + body)
        return "\n".join(out)
    return line


MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]", re.S)


def render(markup):
    """Markup -> (segments, spans as (type, start, end) in the joined text)."""
    spans = []
    text = ""
    at = 0
    for m in MARK.finditer(markup):
        text += markup[at:m.start()]
        start = len(text)
        text += m.group(2)
        spans.append((m.group(1), start, len(text)))
        at = m.end()
    text += markup[at:]
    lines = text.split("\n")
    segments = []
    offset_fix = []
    clean = ""
    # Strip "R: " / "C: " prefixes, tracking how positions move.
    shift = 0
    pos = 0
    for line in lines:
        assert line[:3] in ("R: ", "C: "), line
        segments.append({"speaker": "rep" if line[0] == "R" else "customer", "text": line[3:]})
        offset_fix.append((pos, shift + 3))
        shift += 3
        pos += len(line) + 1
    joined = "\n".join(s["text"] for s in segments)

    def fix(p):
        d = 0
        for start, s in offset_fix:
            if p >= start:
                d = s
        return p - d

    out_spans = []
    for typ, s, e in spans:
        a, b = fix(s), fix(e)
        value = joined[a:b]
        occurrence = joined[:a].count(value) + 1 if value else 1
        span = {"type": typ, "text": value}
        if joined.count(value) > 1:
            span["occurrence"] = occurrence
        out_spans.append(span)
    return segments, out_spans, joined


HAND = [
    # Hand-written exchanges (values filled in where a checksum is needed).
    ("spoken", "R: Okay, I'm ready for the card whenever you are.\nC: Right, it's [[CARD|{card16a}]], and it's a Maestro, the old kind.", []),
    ("spoken", "C: so the number is [[CARD|{card19split}]]", []),
    ("spoken", "R: And the code from the back?\nC: Hang on, it's rubbed off a bit. [[CVV|Seven one, I think nine]].", []),
    ("spoken", "C: the security code on the back is [[CVV|five five two]] if you need it.", []),
    ("spoken", "C: for the portal it's my email and then [[PASSWORD|Tuesday-Lemon-42]] as the password.", []),
    ("spoken", "R: did the text come through?\nC: yeah it says [[OTP|nine one four, two two eight]]", []),
    ("spoken", "C: my social is [[SSN|five one two. Eight eight. Four oh one nine]].", []),
    ("spoken", "C: the verbal password on the account should be [[PASSWORD|grandma's maiden name, Whitfield]].", []),
    ("spoken", "C: Oh, and the mobile is [[PHONE|oh seven seven oh oh, nine double oh one two three]].", []),
    ("spoken", "C: member number is [[HEALTH_ID|M as in Mary 8 4 4 1 9 2 0 3]] on the back of the card.", []),
    ("negative", "R: So that's 25 licenses at $38 each, and I'll send the quote by Friday.\nC: Great, our PO should be ready by then.", []),
    ("negative", "C: it's 4 o'clock here, can we do 10 tomorrow?\nR: 10 works.", []),
    ("negative", "C: the last four on the card are 4417 and the expiry is next year, but I don't want to change it.", []),
    ("negative", "R: our main number is 1 800 555 0199, it's printed on every invoice.", []),
    ("negative", "C: we have 3 offices, 140 people, and about 2,300 customers.", []),
    ("negative", "R: the case number for your ticket is 00912837, keep that handy.", []),
    ("topic", "C: I'm not supposed to talk about it, but we found out someone in finance wired money to a fake vendor after a spoofed email.", ["SECURITY"]),
    ("topic", "C: Look, between us, the merger with our parent is happening and half the sales floor won't survive it.", ["FINANCIAL", "PERSONNEL"]),
    ("topic", "C: their rep told our buyer that your company is going bankrupt, which is nonsense.", ["COMPETITIVE"]),
    ("topic", "C: I'll be out for a while, I'm having a hysterectomy on the 3rd.", ["HEALTH"]),
    ("topic", "R: Why the delay?\nC: Honestly? Our general counsel froze all new vendors while the SEC thing plays out.", ["LEGAL"]),
    ("topic", "C: keep this to yourself but they're shutting down our whole Austin site next quarter.", ["PERSONNEL"]),
    ("topic", "C: we haven't disclosed it yet but Q3 came in way under forecast.", ["FINANCIAL"]),
    ("topic", "C: someone left an S3 bucket with our customer files wide open and we only just noticed.", ["SECURITY"]),
    ("topic-negative", "C: our security team reviewed your SOC 2 report and they're happy.", []),
    ("topic-negative", "C: legal already signed off on the MSA, so we're good.", []),
    ("topic-negative", "R: we were acquired in 2021, that's public, and nothing changed for customers.", []),
    ("topic-negative", "C: I've got a doctor's appointment at 2, can we move the call?", []),
]


def fill_hand(markup):
    card16 = luhn_complete("6759", 16)
    card19 = luhn_complete("5018", 19)
    g = groups_of(card19, [4, 4, 4, 4, 3])
    values = {
        "card16a": " ".join(groups_of(card16, [4, 4, 4, 4])),
        "card19split": f"{g[0]}. {g[1]}. {g[2]}.\nR: Mm-hmm.\nC: {g[3]}. And then the last three are {g[4]}",
    }
    return markup.format(**values)


def main():
    records = []
    for fn, count in POSITIVE:
        for _ in range(count):
            markup = asr(fn())
            records.append(("spoken", markup, []))
    for _ in range(175):
        records.append(("negative", asr(negative()), []))
    topics = list(TOPIC_SUBJECTS)
    for i in range(96):
        topic = topics[i % len(topics)]
        records.append(("topic", asr(topic_line(topic)), [topic]))
    for line in TOPIC_NEGATIVES:
        records.append(("topic-negative", "C: " + line[0].upper() + line[1:], []))
    hand = [(form, fill_hand(m), t) for form, m, t in HAND]
    rng.shuffle(records)
    records = hand + records
    for i, (form, markup, topics_) in enumerate(records, start=1):
        segments, spans, _ = render(markup)
        print(json.dumps({"id": f"b5-{i:04d}", "segments": segments, "spans": spans, "topics": topics_, "form": form}))
    print(f"{len(records)} records", file=sys.stderr)


if __name__ == "__main__":
    main()
