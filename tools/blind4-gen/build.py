"""Builds blind-4.jsonl from hand.txt and the templated frames. Seed 20261202."""
import json
import random
import re
import sys

import frames as F
from values import card, groups_of, digit_words, pair_words, ssn, itin, aba, iban, phone_us

SEED = 20261202
r = random.Random(SEED)

SPAN_IN = re.compile(r'\{([A-Z_]+)\|([^{}]*)\}')


def parse(segs):
    """segs: [(speaker, raw)] -> (texts, spans[(start, end, type)]) over the '\n'-joined text."""
    raw = '\n'.join(t for _, t in segs)
    out = []
    spans = []
    open_stack = []
    i = 0
    while i < len(raw):
        if raw[i] == '{':
            m = SPAN_IN.match(raw, i)
            if not m:
                raise ValueError('bad span at ' + raw[i:i + 40])
            start = len(''.join(out))
            out.append(m.group(2))
            spans.append([start, start + len(m.group(2)), m.group(1)])
            i = m.end()
        elif raw[i] == '<' and re.match(r'<[A-Z_]+\|', raw[i:]):
            m = re.match(r'<([A-Z_]+)\|', raw[i:])
            open_stack.append((len(''.join(out)), m.group(1)))
            i += m.end()
        elif raw.startswith('|>', i):
            start, typ = open_stack.pop()
            spans.append([start, len(''.join(out)), typ])
            i += 2
        else:
            out.append(raw[i])
            i += 1
    if open_stack:
        raise ValueError('unclosed span in ' + raw)
    return ''.join(out), spans


def asr(text, spans):
    """Lower-case, drop sentence punctuation (before a space, line break or the end) and quotes."""
    keep = []
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ' '
        drop = (ch in ',.?!;:' and nxt in ' \n') or ch in '"'
        keep.append(not drop)
    new = []
    index = []
    for i, ch in enumerate(text):
        index.append(len(new))
        if keep[i]:
            new.append(ch.lower())
    index.append(len(new))
    out = ''.join(new)
    out = re.sub(r' +', ' ', out)  # cannot happen often; guard below
    if len(out) != len(new):
        raise ValueError('double space after asr: ' + text)
    return out, [[index[s], index[e], t] for s, e, t in spans]


def trim(text, spans):
    res = []
    for s, e, t in spans:
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum():
            e -= 1
        res.append((s, e, t))
    return res


def occurrence(text, span_text, start):
    pos = text.find(span_text)
    n = 1
    while pos != start:
        pos = text.find(span_text, pos + 1)
        n += 1
        if pos < 0:
            raise ValueError('occurrence')
    return n


def record(segs, form, topics, lower):
    text, spans = parse(segs)
    if lower:
        text, spans = asr(text, spans)
    spans = trim(text, spans)
    texts = text.split('\n')
    if len(texts) != len(segs):
        raise ValueError('segment count changed')
    out_spans = []
    for s, e, t in sorted(spans):
        st = text[s:e]
        sp = {'type': t, 'text': st}
        if text.count(st) > 1 or text.find(st, text.find(st) + 1) >= 0:
            sp['occurrence'] = occurrence(text, st, s)
        out_spans.append(sp)
    return {'segments': [{'speaker': sp, 'text': tx.strip()} for (sp, _), tx in zip(segs, texts)], 'spans': out_spans,
            'topics': topics, 'form': form}


# ---------------------------------------------------------------- hand blocks
def fill(block_text):
    kind = 'amex' if 'amex' in block_text else None
    while True:
        c = card(r)
        if (kind == 'amex') == (len(c) == 15):
            break
    gs = groups_of(c)
    s = ssn(r)
    it = itin(r)
    ph = phone_us(r)
    rt = aba(r)
    ib = iban(r, r.choice(['GB', 'DE']))
    sub = {
        'CARD.d': ' '.join(gs), 'CARD.dash': '-'.join(gs), 'CARD.w': ', '.join(digit_words(g, r) for g in gs),
        'CARD.pairs': ' '.join(' '.join(pair_words(g[i:i + 2], r) for i in range(0, len(g) - 1, 2)) for g in gs if len(g) % 2 == 0),
        'SSN.w3': digit_words(s[:3], r), 'SSN.w2': digit_words(s[3:5], r), 'SSN.w4': digit_words(s[5:], r),
        'SSN.wdots': f'{digit_words(s[:3], r)} dot {digit_words(s[3:5], r)} dot {digit_words(s[5:], r)}',
        'SSN.dots': f'{s[:3]}.{s[3:5]}.{s[5:]}',
        'ITIN.w3': digit_words(it[:3], r), 'ITIN.w2': digit_words(it[3:5], r), 'ITIN.w4': digit_words(it[5:], r),
        'PHONE.w3': digit_words(ph[:3], r), 'PHONE.w3b': digit_words(ph[3:6], r), 'PHONE.w4': digit_words(ph[6:], r),
        'PHONE.d3': ph[:3], 'PHONE.d3b': ph[3:6], 'PHONE.d4': ph[6:],
        'ABA.w': digit_words(rt, r), 'ABA.d': rt, 'IBAN.sp': ' '.join(ib[i:i + 4] for i in range(0, len(ib), 4)),
    }
    for n, g in enumerate(gs, 1):
        sub[f'CARD.w{n}'] = digit_words(g, r)
        sub[f'CARD.d{n}'] = g
    for a in range(1, len(gs) + 1):
        for b in range(a + 1, len(gs) + 1):
            sub[f'CARD.w{a}-{b}'] = ' '.join(digit_words(g, r) for g in gs[a - 1:b])
            sub[f'CARD.d{a}-{b}'] = ' '.join(gs[a - 1:b])

    def rep(m):
        return sub[m.group(1)]
    return re.sub(r'%([A-Z]+\.[a-z0-9-]+)%', rep, block_text)


def hand_records():
    blocks = []
    cur = None
    for line in open('hand.txt', encoding='utf8'):
        line = line.rstrip('\n')
        if line.startswith('# ') or line == '#' or line.strip() == '':
            continue
        if line.startswith('#'):
            head = line[1:].split()
            lower = 'asr' in head
            head = [h for h in head if h != 'asr']
            cur = {'form': head[0], 'topics': head[1:], 'lower': lower, 'segs': []}
            blocks.append(cur)
        else:
            who, txt = line.split(': ', 1)
            cur['segs'].append(('rep' if who == 'R' else 'customer', txt))
    out = []
    for b in blocks:
        joined = '\x00'.join(t for _, t in b['segs'])
        joined = fill(joined)
        segs = [(sp, t) for (sp, _), t in zip(b['segs'], joined.split('\x00'))]
        rec = record(segs, b['form'], b['topics'], b['lower'])
        rec['_src'] = 'hand'
        out.append(rec)
    return out


# ---------------------------------------------------------------- templated
PLAN = [
    (F.f_card_single, 30), (F.f_card_split, 30), (F.f_cvv_answer, 24), (F.f_expiry, 12), (F.f_ssn, 20), (F.f_ssn_split, 10),
    (F.f_itin, 8), (F.f_phone, 18), (F.f_phone_split, 12), (F.f_email, 10), (F.f_routing_account, 10), (F.f_account_answer, 8),
    (F.f_iban, 6), (F.f_password, 22), (F.f_pin, 12), (F.f_otp, 16), (F.f_apikey, 14), (F.f_dob, 10), (F.f_address, 8),
    (F.f_passport, 5), (F.f_dl, 8), (F.f_health, 8), (F.f_written_mix, 30),
]
NEGATIVES = 130


def templated():
    out = []
    for fn, n in PLAN:
        for _ in range(n):
            segs, form = fn(r)
            lower = form == 'spoken' and r.random() < 0.35
            rec = record(segs, form, [], lower)
            rec['_src'] = 'template:' + fn.__name__
            out.append(rec)
    for _ in range(NEGATIVES):
        segs = F.f_neg(r)
        rec = record(segs, 'negative', [], r.random() < 0.3)
        rec['_src'] = 'template:f_neg'
        out.append(rec)
    return out


def main():
    recs = hand_records() + templated()
    seen = set()
    uniq = []
    for rec in recs:
        key = json.dumps(rec['segments'])
        if key in seen:
            continue
        seen.add(key)
        uniq.append(rec)
    random.Random(SEED + 1).shuffle(uniq)
    with open('../blind-4.jsonl', 'w', encoding='utf8') as f, open('provenance.tsv', 'w', encoding='utf8') as p:
        for i, rec in enumerate(uniq, 1):
            rid = f'b4-{i:04d}'
            p.write(f'{rid}\t{rec.pop("_src")}\n')
            f.write(json.dumps({'id': rid, **rec}, ensure_ascii=False) + '\n')
    print(len(uniq), 'lines', file=sys.stderr)


if __name__ == '__main__':
    main()
