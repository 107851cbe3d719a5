#!/usr/bin/env python3
"""cleaneval.py - what cleaning keeps and drops, on real scraped pages.

  cleaneval.py --marsad build/marsad seeds   [--shared ../shared]
  cleaneval.py --marsad build/marsad news    [--shared ../shared] [--floor 99]

seeds: for every file of SHARED/seeds, the articles found (title, outlet,
author, dateline, credit, size) and every dropped piece with its reason.

news: the bodies of SHARED/data/news are already clean, so everything
cleaning removes from them is a loss.  Prints the share of body characters
kept (whitespace not counted: cleaning trims lines), the drop reasons and
examples, and exits 1 when the share is below --floor.

Both run `marsad clean --json --explain`, the same code path as ingest.
"""
import argparse
import collections
import gzip
import json
import os
import subprocess
import sys


def nonspace(s):
    return sum(1 for c in s if not c.isspace())


def clean(marsad, paths):
    p = subprocess.Popen([marsad, "clean", "--json", "--explain"] + paths,
                         stdout=subprocess.PIPE, text=True, encoding="utf-8")
    for line in p.stdout:
        yield json.loads(line)
    if p.wait() not in (0, 1):
        sys.exit("marsad clean failed")


def short(s, n=90):
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n] + "…"


def seeds(args):
    d = os.path.join(args.shared, "seeds")
    files = sorted(os.path.join(d, f) for f in os.listdir(d))
    by_file = collections.defaultdict(list)
    for o in clean(args.marsad, files):
        by_file[o["file"]].append(o)
    for f in files:
        arts = by_file.get(f, [])
        total = os.path.getsize(f)
        print("=== %s (%d bytes): %d article(s)" %
              (os.path.basename(f), total, len(arts)))
        for i, a in enumerate(arts):
            print("  article %d: %s" % (i + 1, a.get("title")))
            for k in ("source", "author", "date", "dateline", "credit"):
                if a.get(k):
                    print("    %-8s %s" % (k + ":", a[k]))
            paras = a["text"].split("\n")
            print("    kept: %d paragraphs, %d characters; first: %s" %
                  (len(paras), len(a["text"]), short(paras[0], 60)))
            print("    last: %s" % short(paras[-1], 60))
            for dr in a.get("dropped", []):
                print("    dropped (%s): %s" %
                      (dr["reason"], short(dr.get("text") or "")))
        print()


def news(args):
    d = os.path.join(args.shared, "data", "news")
    files = sorted(os.path.join(d, f) for f in os.listdir(d)
                   if f.endswith(".jsonl.gz"))
    body = {}
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as g:
            for n, line in enumerate(g, 1):
                rec = json.loads(line)
                body[(f, n)] = nonspace(rec.get("text") or "")
    kept = collections.Counter()
    reasons = collections.Counter()
    lost = collections.Counter()
    examples = collections.defaultdict(list)
    for o in clean(args.marsad, files):
        key = (o["file"], o.get("line", 0))
        kept[key] += nonspace(o["text"])
        for dr in o.get("dropped", []):
            t = dr.get("text") or ""
            reasons[dr["reason"]] += 1
            lost[dr["reason"]] += nonspace(t)
            if len(examples[dr["reason"]]) < 5:
                examples[dr["reason"]].append(short(t, 70))
    total = sum(body.values())
    k = sum(min(kept[key], body[key]) for key in body)
    missing = sum(1 for key in body if kept[key] == 0)
    share = 100.0 * k / total if total else 100.0
    print("news bodies: %d records, %d non-space characters" %
          (len(body), total))
    print("kept: %.3f %% of body characters; %d records lost entirely" %
          (share, missing))
    for r, c in reasons.most_common():
        print("  dropped %-40s %6d pieces %9d chars  e.g. %s" %
              (r, c, lost[r], " | ".join(examples[r][:2])))
    if args.floor is not None:
        ok = share >= args.floor
        print("floor %.2f %%: %s" % (args.floor, "PASS" if ok else "FAIL"))
        return 0 if ok else 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["seeds", "news"])
    ap.add_argument("--marsad", default="build/marsad")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--shared",
                    default=os.path.join(here, "..", "..", "..", "shared"))
    ap.add_argument("--floor", type=float)
    args = ap.parse_args()
    if not os.path.isdir(args.shared):
        print("skipped: %s not found" % args.shared)
        return 0
    if args.what == "seeds":
        seeds(args)
        return 0
    return news(args)


if __name__ == "__main__":
    sys.exit(main())
