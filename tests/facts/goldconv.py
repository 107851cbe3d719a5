#!/usr/bin/env python3
"""Turns annotations with surface text into gold facts with byte offsets.

usage: goldconv.py NEWS_DIR ANNOT.jsonl... > gold.jsonl
       goldconv.py --check NEWS_DIR ANNOT.jsonl...

Each annotation names its article (id), its kind and the surface string
with the occurrence n; quotes also give surface_end. See GUIDELINES.md.
The output keeps offsets and values only, never the text. Problems are
reported as FILE:LINE: message on stderr and make the exit status 1.
"""
import glob
import gzip
import json
import os
import sys


def load_texts(news_dir, ids):
    texts = {}
    for path in sorted(glob.glob(os.path.join(news_dir, '*.jsonl.gz'))):
        with gzip.open(path, 'rt', encoding='utf-8') as f:
            for line in f:
                # cheap filter before parsing
                k = line.find('"id": "')
                if k < 0:
                    continue
                e = line.find('"', k + 7)
                if line[k + 7:e] not in ids:
                    continue
                a = json.loads(line)
                texts[a['id']] = a
    return texts


def nth(text, s, n):
    pos = -1
    for _ in range(n):
        pos = text.find(s, pos + 1)
        if pos < 0:
            return -1
    return pos


def b(text, i):
    return len(text[:i].encode('utf-8'))


KEEP = {
    'number': ['value', 'value_max', 'approx', 'bound', 'vague', 'ordinal',
               'percent', 'fraction'],
    'date': ['value', 'granularity', 'relative', 'hijri'],
    'quote': ['speaker', 'direct', 'medium'],
}


def main(argv):
    check = False
    if argv and argv[0] == '--check':
        check = True
        argv = argv[1:]
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    news_dir, files = argv[0], argv[1:]
    rows = []
    for path in files:
        with open(path, encoding='utf-8') as f:
            for ln, line in enumerate(f, 1):
                if line.strip():
                    try:
                        rows.append((path, ln, json.loads(line)))
                    except ValueError as e:
                        print(f'{path}:{ln}: bad JSON: {e}', file=sys.stderr)
                        return 1
    ids = {r['id'] for _, _, r in rows}
    texts = load_texts(news_dir, ids)
    bad = 0
    out = []
    for path, ln, r in rows:
        where = f'{path}:{ln}'
        if r['id'] not in texts:
            print(f'{where}: no article {r["id"]}', file=sys.stderr)
            bad += 1
            continue
        if r.get('kind') == 'none':
            continue
        text = texts[r['id']]['text']
        kind = r.get('kind')
        if kind not in KEEP:
            print(f'{where}: kind must be number, date or quote', file=sys.stderr)
            bad += 1
            continue
        s = r.get('surface') or ''
        n = int(r.get('n', 1))
        i = nth(text, s, n) if s else -1
        if i < 0:
            print(f'{where}: surface {s!r} (occurrence {n}) not in the text',
                  file=sys.stderr)
            bad += 1
            continue
        j = i + len(s)
        if kind == 'quote' and r.get('surface_end'):
            k = text.find(r['surface_end'], i)
            if k < 0:
                print(f'{where}: surface_end {r["surface_end"]!r} not after '
                      'the surface', file=sys.stderr)
                bad += 1
                continue
            j = k + len(r['surface_end'])
        g = {'id': r['id'], 'kind': kind, 'start': b(text, i), 'end': b(text, j)}
        for key in KEEP[kind]:
            if key in r and r[key] is not None and r[key] is not False:
                g[key] = r[key]
        if kind == 'number':
            if not isinstance(r.get('value'), (int, float)):
                print(f'{where}: a number needs a numeric value', file=sys.stderr)
                bad += 1
                continue
            u = r.get('unit')
            if u:
                k = text.find(u, j)
                if k < 0 or k - j > 60:
                    k = text.rfind(u, 0, i)
                if k < 0:
                    print(f'{where}: unit {u!r} not near the number',
                          file=sys.stderr)
                    bad += 1
                    continue
                g['unit_start'] = b(text, k)
                g['unit_end'] = b(text, k + len(u))
        if kind == 'date' and r.get('granularity') not in (
                'day', 'month', 'year', 'decade', 'century'):
            print(f'{where}: granularity must be day, month, year, decade or '
                  'century', file=sys.stderr)
            bad += 1
            continue
        if kind == 'quote' and 'speaker' not in r:
            print(f'{where}: a quote needs a speaker (a name or null)',
                  file=sys.stderr)
            bad += 1
            continue
        out.append(g)
    if bad:
        print(f'{bad} problem(s)', file=sys.stderr)
        return 1
    if not check:
        out.sort(key=lambda g: (g['id'], g['start'], g['kind']))
        for g in out:
            print(json.dumps(g, ensure_ascii=False))
    else:
        print(f'{len(out)} facts in {len(ids)} articles: OK', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
