#!/usr/bin/env python3
"""storyeval.py - score marsad's stories against hand-labelled ones.

    storyeval.py subset --shared DIR --out FILE.jsonl
        writes the news articles published within 5 days of the labelled
        days (the context the story pass needs around them)
    storyeval.py score --db STORE [--gold FILE]... [--floor F]
        B-cubed precision, recall and F1, purity and inverse purity of the
        store's stories over the labelled articles, per gold file and
        over all of them; with --floor, exit 1 when the B-cubed F1 over
        all is below F

Gold files (gold-*.tsv): one line per article, ID<TAB>STORYKEY, where ID
is the article's id in ../shared/data/news.  GUIDELINES.md says what a
story is.
"""
import argparse
import collections
import datetime
import glob
import gzip
import json
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_GOLD = sorted(glob.glob(os.path.join(HERE, 'gold-*.tsv')))


def read_gold(path):
    gold = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            parts = line.split('\t')
            if len(parts) != 2 or not parts[0] or not parts[1]:
                sys.exit(f'{path}:{n}: expected ID<TAB>STORYKEY')
            if parts[0] in gold:
                sys.exit(f'{path}:{n}: {parts[0]} labelled twice')
            gold[parts[0]] = parts[1]
    return gold


def gold_days(gold_files):
    days = set()
    for path in gold_files:
        for aid in read_gold(path):
            # ant-ms:SRC-category-n-YYYYMMDD
            stamp = aid.rsplit('-', 1)[-1]
            if len(stamp) == 8 and stamp.isdigit():
                days.add(datetime.date(int(stamp[:4]), int(stamp[4:6]),
                                       int(stamp[6:])))
    return days


def cmd_subset(args):
    days = gold_days(args.gold or DEFAULT_GOLD)
    keep = set()
    for d in days:
        for k in range(-5, 6):
            keep.add((d + datetime.timedelta(days=k)).isoformat())
    n = 0
    with open(args.out, 'w', encoding='utf-8') as out:
        pattern = os.path.join(args.shared, 'data', 'news', '*.jsonl.gz')
        for path in sorted(glob.glob(pattern)):
            with gzip.open(path, 'rt', encoding='utf-8') as f:
                for line in f:
                    o = json.loads(line)
                    if (o.get('date') or '')[:10] in keep:
                        out.write(line)
                        n += 1
    print(f'subset: {n} articles within 5 days of {len(days)} labelled days',
          file=sys.stderr)


def bcubed(pairs):
    """pairs: list of (gold key, system key) per article."""
    g = collections.Counter(k for k, _ in pairs)
    s = collections.Counter(k for _, k in pairs)
    both = collections.Counter(pairs)
    n = len(pairs)
    p = sum(both[x] / s[x[1]] for x in pairs) / n
    r = sum(both[x] / g[x[0]] for x in pairs) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    # purity: each system cluster counts its largest gold class
    bysys = collections.defaultdict(collections.Counter)
    bygold = collections.defaultdict(collections.Counter)
    for gk, sk in pairs:
        bysys[sk][gk] += 1
        bygold[gk][sk] += 1
    purity = sum(c.most_common(1)[0][1] for c in bysys.values()) / n
    inverse = sum(c.most_common(1)[0][1] for c in bygold.values()) / n
    return p, r, f, purity, inverse, len(g), len(s)


def cmd_score(args):
    db = sqlite3.connect(f'file:{args.db}?mode=ro', uri=True)
    sysmap = dict(db.execute(
        'SELECT a.ext_id, s.story FROM articles a JOIN story_articles s '
        'ON s.article = a.id WHERE a.ext_id IS NOT NULL'))
    allpairs = []
    print(f'{"gold":<22} {"articles":>8} {"gold st.":>8} {"sys st.":>8} '
          f'{"B3 P":>6} {"B3 R":>6} {"B3 F1":>6} {"purity":>7} '
          f'{"inv.pur":>7}')
    for path in args.gold or DEFAULT_GOLD:
        gold = read_gold(path)
        missing = [a for a in gold if a not in sysmap]
        if missing:
            sys.exit(f'{args.db}: {len(missing)} labelled articles are not '
                     f'placed in a story (first: {missing[0]})')
        pairs = [(os.path.basename(path) + ':' + k, sysmap[a])
                 for a, k in gold.items()]
        allpairs += pairs
        p, r, f, pu, ipu, ng, ns = bcubed(pairs)
        print(f'{os.path.basename(path):<22} {len(pairs):>8} {ng:>8} {ns:>8} '
              f'{100*p:6.2f} {100*r:6.2f} {100*f:6.2f} {100*pu:7.2f} '
              f'{100*ipu:7.2f}')
    p, r, f, pu, ipu, ng, ns = bcubed(allpairs)
    print(f'{"all":<22} {len(allpairs):>8} {ng:>8} {ns:>8} '
          f'{100*p:6.2f} {100*r:6.2f} {100*f:6.2f} {100*pu:7.2f} '
          f'{100*ipu:7.2f}')
    if args.floor is not None:
        if 100 * f < args.floor:
            print(f'FAIL: B-cubed F1 {100*f:.2f} below the floor '
                  f'{args.floor:.2f}')
            return 1
        print(f'PASS: B-cubed F1 {100*f:.2f} >= floor {args.floor:.2f}')
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    a = sub.add_parser('subset')
    a.add_argument('--shared', required=True)
    a.add_argument('--out', required=True)
    a.add_argument('--gold', action='append')
    b = sub.add_parser('score')
    b.add_argument('--db', required=True)
    b.add_argument('--gold', action='append')
    b.add_argument('--floor', type=float)
    args = ap.parse_args()
    if args.cmd == 'subset':
        cmd_subset(args)
        return 0
    return cmd_score(args)


if __name__ == '__main__':
    sys.exit(main())
