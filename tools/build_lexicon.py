#!/usr/bin/env python3
"""build_lexicon.py - count light-normalized Arabic word forms in the news
corpus and write data/lexicon.tsv (word TAB count).

Only the ANT multisource part of the corpus is read (Apache-2.0); the
SaudiNewsNet part is not, because its licence is non-commercial.

  tools/build_lexicon.py [--news DIR] [--min N] [--out FILE]

DIR defaults to ../shared/data/news relative to the repository root.  The
output is deterministic: words sorted by falling count, then by code
points.  Forms seen fewer than N times (default 3) are left out to keep
the file small.

Light normalization (the same as the library's, see src/core/internal.h):
harakat and Quranic marks, tatweel and invisible controls are removed,
presentation forms are decomposed, a combining hamza or madda is composed
with its letter; letters are otherwise kept as they are.
"""
import argparse
import glob
import gzip
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Arabic letters that make up words (hamza .. yeh, and the extended
# letters used for loanwords such as peh, tcheh, veh, gaf, farsi yeh).
LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5"
# Marks and tatweel: removed, but they do not break a word.
MARKS = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
CONTROLS = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
WORD = re.compile("[%s][%s%s%s]*" % (LETTERS, LETTERS, MARKS, CONTROLS))
DROP = re.compile("[%s%s]" % (MARKS, CONTROLS))
PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
COMBINING = re.compile("[\u0653-\u0655]")
ONLY_LETTERS = re.compile("^[%s]+$" % LETTERS)


def light_normalize_text(text):
    """Decompose presentation forms and compose hamza/madda; the marks
    themselves are dropped later, per word."""
    text = PRESENTATION.sub(
        lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    if COMBINING.search(text):
        text = unicodedata.normalize("NFC", text)
    return text


def words(text):
    for m in WORD.finditer(light_normalize_text(text)):
        w = DROP.sub("", m.group(0))
        if w and ONLY_LETTERS.match(w):
            yield w


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--news", default=os.path.join(
        ROOT, "..", "shared", "data", "news"))
    ap.add_argument("--min", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "data",
                                                  "lexicon.tsv"))
    args = ap.parse_args(argv)
    files = sorted(glob.glob(os.path.join(args.news,
                                          "ant-multisource-*.jsonl.gz")))
    if not files:
        print("build_lexicon: no ant-multisource-*.jsonl.gz in "
              + args.news, file=sys.stderr)
        return 1
    counts = {}
    ntok = 0
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                for part in (rec.get("text") or "",):
                    for w in words(part):
                        counts[w] = counts.get(w, 0) + 1
                        ntok += 1
    kept = [(w, c) for w, c in counts.items() if c >= args.min]
    kept.sort(key=lambda wc: (-wc[1], wc[0]))
    names = " ".join(os.path.basename(p) for p in files)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("# marsad corpus lexicon: light-normalized Arabic word "
                  "forms and their counts\n")
        out.write("# source: shared/data/news %s (field text; ANT "
                  "multisource, Apache-2.0)\n" % names)
        out.write("# built by: python3 tools/build_lexicon.py --min %d\n"
                  % args.min)
        out.write("# %d running words, %d distinct forms, %d kept "
                  "(count >= %d)\n"
                  % (ntok, len(counts), len(kept), args.min))
        for w, c in kept:
            out.write("%s\t%d\n" % (w, c))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
