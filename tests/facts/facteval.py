#!/usr/bin/env python3
"""Scores `marsad facts --json` against the gold facts.

usage: facteval.py NEWS.jsonl STORE_TEXTS.jsonl PREDICTED.jsonl GOLD.jsonl
                   ARTICLES.txt [--floor FILE] [--errors N]

NEWS.jsonl        the annotated articles as in the news corpus (id, text)
STORE_TEXTS.jsonl {"article": N, "ext_id": ..., "text": ...} per stored
                  article (what the predicted offsets point into)
PREDICTED.jsonl   the output of `marsad facts --json`
GOLD.jsonl        gold facts (goldconv.py), offsets into the corpus text
ARTICLES.txt      the ids of the annotated articles, one per line

A predicted fact is right when it overlaps a gold fact of its kind not
yet matched and carries the same value: numbers the same value (and the
same high end for a range), dates the same ISO value and granularity,
quotes the same speaker (an entity name whose words all occur in the
gold name, or the other way round, after spelling folds and allowing a
transliteration variant of a word; or both none). Precision and recall per kind follow; for numbers
also how often the unit, approximation and bound agree, for quotes the
span-only figures. With --floor, the exit status is 1 when a figure
falls below its floor (lines "kind p|r value").
"""
import bisect
import difflib
import json
import re
import sys

FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي',
                      'ة': 'ه', 'ـ': None})
MARKS = re.compile('[\u064b-\u065f\u0670]')


def fold(s):
    return MARKS.sub('', s or '').translate(FOLD).strip()


def words(s):
    out = []
    for w in fold(s).split():
        w = w.strip('«»"“”‘’()،,.:')
        if len(w) > 2 and w.startswith('ال'):
            w = w[2:]
        if w:
            out.append(w)
    return set(out)


def same_speaker(pred, gold):
    if not pred and not gold:
        return True
    if not pred or not gold:
        return False
    a, b = words(pred), words(gold)

    def has(x, ys):
        return any(x == y or difflib.SequenceMatcher(None, x, y).ratio() >= 0.8
                   for y in ys)

    return bool(a) and bool(b) and (all(has(x, b) for x in a) or
                                    all(has(y, a) for y in b))


class Mapper:
    """Maps byte offsets of the stored text to byte offsets of the corpus
    text, through a character alignment when the two differ."""

    def __init__(self, stored, orig):
        self.same = stored == orig
        self.sb = self._byte_starts(stored)
        self.ob = self._byte_starts(orig)
        if not self.same:
            sm = difflib.SequenceMatcher(None, stored, orig, autojunk=False)
            self.blocks = [b for b in sm.get_matching_blocks() if b.size]
            self.keys = [b.a for b in self.blocks]

    @staticmethod
    def _byte_starts(s):
        out, n = [], 0
        for ch in s:
            out.append(n)
            n += len(ch.encode('utf-8'))
        out.append(n)
        return out

    def __call__(self, off):
        if self.same:
            return off
        c = bisect.bisect_left(self.sb, off)
        k = bisect.bisect_right(self.keys, c) - 1
        if k < 0:
            return None
        b = self.blocks[k]
        if c > b.a + b.size:
            c = b.a + b.size
        return self.ob[b.b + (c - b.a)]


def value_ok(p, g):
    kind = g['kind']
    if kind == 'number':
        def eq(x, y):
            return x is not None and y is not None and abs(x - y) <= 1e-6 * max(1, abs(y))
        if not eq(p.get('value'), g['value']):
            return False
        if 'value_max' in g:
            return eq(p.get('value_max'), g['value_max'])
        return not p.get('range')
    if kind == 'date':
        return p.get('value') == g['value'] and p.get('granularity') == g['granularity']
    return same_speaker(p.get('speaker'), g.get('speaker'))


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def main(argv):
    floor_file, show, only_file = None, 0, None
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == '--floor':
            floor_file = argv[i + 1]
            i += 2
        elif argv[i] == '--only':
            only_file = argv[i + 1]
            i += 2
        elif argv[i] == '--errors':
            show = int(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 5:
        sys.stderr.write(__doc__)
        return 2
    news_path, store_path, pred_path, gold_path, ids_path = args
    ids = [l.strip() for l in open(ids_path, encoding='utf-8') if l.strip()]
    if only_file:
        keep = {l.strip() for l in open(only_file, encoding='utf-8')}
        ids = [i for i in ids if i in keep]
    idset = set(ids)
    orig = {}
    for line in open(news_path, encoding='utf-8'):
        a = json.loads(line)
        if a['id'] in idset:
            orig[a['id']] = a['text']
    stored, ext = {}, {}
    for line in open(store_path, encoding='utf-8'):
        r = json.loads(line)
        if r['ext_id'] in idset:
            stored[r['article']] = r['text']
            ext[r['article']] = r['ext_id']
    missing = idset - set(ext.values())
    if missing:
        print(f'facteval: {len(missing)} annotated articles are not in the '
              f'store: {sorted(missing)[:3]}', file=sys.stderr)
        return 1
    maps = {a: Mapper(stored[a], orig[ext[a]]) for a in stored}
    preds = {k: [] for k in ('number', 'date', 'quote')}
    for line in open(pred_path, encoding='utf-8'):
        p = json.loads(line)
        if p.get('field', 'text') != 'text' or p['article'] not in ext:
            continue
        m = maps[p['article']]
        p['id'] = ext[p['article']]
        if p['kind'] == 'quote' and p.get('text') is not None:
            # the quoted words are what the gold span covers
            t = stored[p['article']]
            tb = t.encode('utf-8')
            s = tb.find(p['text'].encode('utf-8'), p['start'])
            if s >= 0:
                p['start'], p['end'] = s, s + len(p['text'].encode('utf-8'))
        p['ostart'], p['oend'] = m(p['start']), m(p['end'])
        if p['ostart'] is None or p['oend'] is None:
            continue
        preds[p['kind']].append(p)
    gold = {k: [] for k in ('number', 'date', 'quote')}
    for line in open(gold_path, encoding='utf-8'):
        g = json.loads(line)
        if g['id'] in idset:
            gold[g['kind']].append(g)

    status = 0
    figures = {}
    print(f'{len(ids)} articles')
    print(f'{"kind":8} {"gold":>5} {"found":>5} {"right":>5} {"P":>6} {"R":>6} {"F1":>6}')
    errors = []
    for kind in ('number', 'date', 'quote'):
        by_art = {}
        for g in gold[kind]:
            g['_m'] = False
            by_art.setdefault(g['id'], []).append(g)
        tp_p = 0
        span_p = 0
        extra = {'unit': [0, 0], 'approx': [0, 0], 'bound': [0, 0]}
        for p in sorted(preds[kind], key=lambda p: (p['id'], p['ostart'])):
            cands = [g for g in by_art.get(p['id'], [])
                     if not g['_m'] and overlaps(p['ostart'], p['oend'], g['start'], g['end'])]
            if cands:
                span_p += 1
            good = [g for g in cands if value_ok(p, g)]
            if good:
                g = good[0]
                g['_m'] = True
                tp_p += 1
                if kind == 'number':
                    gu = 'unit_start' in g
                    pu = p.get('unit') is not None
                    ok_u = (gu == pu)
                    if gu and pu:
                        gt = orig[g['id']].encode('utf-8')[g['unit_start']:g['unit_end']]
                        ok_u = same_unit(p['unit'], gt.decode('utf-8', 'replace'))
                    extra['unit'][0] += ok_u
                    extra['unit'][1] += 1
                    extra['approx'][0] += bool(p.get('approx')) == bool(g.get('approx'))
                    extra['approx'][1] += 1
                    extra['bound'][0] += (p.get('bound') or None) == (g.get('bound') or None)
                    extra['bound'][1] += 1
            else:
                errors.append(('FP', kind, p['id'], p['ostart'], p['oend'], p.get('surface'),
                               p.get('value') if kind != 'quote' else p.get('speaker'),
                               [(g['start'], g.get('value', g.get('speaker'))) for g in cands]))
        tp_g = sum(1 for g in gold[kind] if g['_m'])
        for g in gold[kind]:
            if not g['_m']:
                errors.append(('FN', kind, g['id'], g['start'], g['end'],
                               orig[g['id']].encode('utf-8')[g['start']:g['end']].decode('utf-8', 'replace'),
                               g.get('value', g.get('speaker')), None))
        np_, ng = len(preds[kind]), len(gold[kind])
        P = 100.0 * tp_p / np_ if np_ else 0.0
        R = 100.0 * tp_g / ng if ng else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        figures[(kind, 'p')] = P
        figures[(kind, 'r')] = R
        print(f'{kind:8} {ng:5d} {np_:5d} {tp_p:5d} {P:6.2f} {R:6.2f} {F:6.2f}')
        if kind == 'number':
            parts = [f'{k} {100.0 * v[0] / v[1]:.1f} %' for k, v in extra.items() if v[1]]
            print('         of the right numbers, agreeing: ' + ', '.join(parts))
        if kind == 'quote':
            sp = 100.0 * span_p / np_ if np_ else 0.0
            print(f'         span only (any speaker): P {sp:.2f}')
    if show:
        for e in errors[:show]:
            print('\t'.join(str(x) for x in e))
    if floor_file:
        for line in open(floor_file, encoding='utf-8'):
            line = line.split('#')[0].split()
            if len(line) != 3:
                continue
            kind, pr, val = line[0], line[1], float(line[2])
            got = figures.get((kind, pr))
            if got is None or got < val:
                print(f'facteval: {kind} {"precision" if pr == "p" else "recall"} '
                      f'{got:.2f} is below the floor {val}', file=sys.stderr)
                status = 1
    return status


def same_unit(a, b):
    """Units agree when one folded form starts the other (a clitic or a
    case ending aside): جنود / الجنود, كيلومترا / كيلومتر."""
    a, b = fold(a), fold(b)
    a = a[2:] if a.startswith('ال') and len(a) > 3 else a
    b = b[2:] if b.startswith('ال') and len(b) > 3 else b
    return bool(a) and bool(b) and (a.startswith(b[:max(2, len(b) - 2)]) or
                                    b.startswith(a[:max(2, len(a) - 2)]))


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
