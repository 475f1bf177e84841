"""Independent checks of blind-4.jsonl (does not import the generator)."""
import json, re, sys, collections
W = {w: str(i) for i, w in enumerate('zero one two three four five six seven eight nine'.split())}
W['oh'] = '0'
TEEN = {w: str(10 + i) for i, w in enumerate('ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split())}
TENS = {w: str(i + 2) for i, w in enumerate('twenty thirty forty fifty sixty seventy eighty ninety'.split())}
def digits(text):
    toks = re.findall(r"[a-z]+|\d+", text.lower().replace('-', ' '))
    out, i, mult = '', 0, 1
    while i < len(toks):
        t = toks[i]
        if t.isdigit(): out += t
        elif t in ('double', 'triple'): mult = 2 if t == 'double' else 3; i += 1; continue
        elif t in W: out += W[t] * mult
        elif t in TEEN: out += TEEN[t] * mult
        elif t in TENS:
            if i + 1 < len(toks) and toks[i + 1] in W and toks[i + 1] not in ('zero', 'oh'):
                out += TENS[t] + W[toks[i + 1]]; i += 1
            else: out += TENS[t] + '0'
        mult = 1; i += 1
    return out
def luhn(n):
    s = 0
    for i, c in enumerate(reversed(n)):
        d = int(c) * (2 if i % 2 else 1); s += d - 9 if d > 9 else d
    return s % 10 == 0
def aba(n): return len(n) == 9 and sum(int(d) * w for d, w in zip(n, [3,7,1]*3)) % 10 == 0
errors = []; forms = collections.Counter(); types = collections.Counter(); topics = collections.Counter(); cross = 0; ids = set()
for line in open(sys.argv[1] if len(sys.argv) > 1 else '../blind-4.jsonl'):
    rec = json.loads(line); rid = rec['id']
    if set(rec) != {'id', 'segments', 'spans', 'topics', 'form'} or rid in ids: errors.append(rid + ' keys/id')
    ids.add(rid); forms[rec['form']] += 1
    text = '\n'.join(s['text'] for s in rec['segments'])
    for s in rec['segments']:
        if s['speaker'] not in ('rep', 'customer') or '\n' in s['text'] or s['text'] != s['text'].strip() or not s['text']: errors.append(rid + ' segment')
    taken = []
    for sp in rec['spans']:
        types[sp['type']] += 1
        st = sp['text']; cnt = 0; pos = text.find(st); positions = []
        while pos >= 0: positions.append(pos); pos = text.find(st, pos + 1)
        if not positions: errors.append(rid + ' span missing'); continue
        if len(positions) > 1 and 'occurrence' not in sp: errors.append(rid + ' needs occurrence')
        start = positions[sp.get('occurrence', 1) - 1]; end = start + len(st)
        if any(start < e and s < end for s, e in taken): errors.append(rid + ' overlap')
        taken.append((start, end))
        if not (st[0].isalnum() and st[-1].isalnum()): errors.append(rid + ' edge ' + st)
        if '\n' in st: cross += 1
        d = digits(st)
        if sp['type'] == 'CARD' and not (len(d) == 8 and 'first eight' in text) and not (12 <= len(d) <= 19 and luhn(d)): errors.append(f'{rid} card {st} -> {d}')
        if sp['type'] == 'ROUTING' and not aba(d): errors.append(f'{rid} aba {st} -> {d}')
        if sp['type'] in ('SSN', 'ITIN') and len(d) != 9: errors.append(f'{rid} ssn {st} -> {d}')
        if sp['type'] == 'CVV' and len(d) not in (3, 4) and 'sorry' not in st: errors.append(f'{rid} cvv {st} -> {d}')
    for t in rec['topics']: topics[t] += 1
    if rec['form'] in ('negative', 'topic-negative') and (rec['spans'] or rec['topics']): errors.append(rid + ' negative with labels')
    if rec['form'] in ('negative', 'topic-negative'):
        for run in re.findall(r'\d[\d .-]{11,}\d', text):
            d = re.sub(r'\D', '', run)
            if 13 <= len(d) <= 19 and luhn(d): errors.append(rid + ' luhn-valid in negative ' + run)
    if rec['form'] == 'topic' and not rec['topics']: errors.append(rid + ' topic without topics')
print('forms', dict(forms)); print('types', dict(types), sum(types.values())); print('topics', dict(topics)); print('cross-segment spans', cross)
print('\n'.join(errors)); print('RESULT:', 'PASS' if not errors else f'FAIL ({len(errors)})')
