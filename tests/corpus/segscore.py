#!/usr/bin/env python3
"""segscore.py - score clitic segmentation against UD Arabic-PUD.

Reads a CoNLL-U file (default: ../shared/data/ud-pud/ar_pud-dev-half.conllu
relative to the repository root), runs a segmenter over the "# text = "
line of every sentence and prints precision, recall and F1 by the CoNLL
2018 "Words" metric: a predicted segment is correct when its character
span in the sentence equals the span of a gold token.

Gold spans come from aligning the gold token forms to the sentence text
in order, skipping white space.  A form that is not found at the next
position is searched for further on; a form not found at all gets no
span (it can only count as a miss) and is reported.

  segscore.py --marsad build/marsad [FILE]   runs `marsad analyze --json`
  segscore.py --driver PROGRAM [FILE]        any program with the same
                                             input and output
Both read the sentences on standard input, one per line, and print JSON
Lines, one object per token with "start" and "end" (byte offsets into the
input) and "segments" (strings that concatenate to the token).

  --floor X    exit 1 when F1 < X
  --errors N   print N example errors (gold vs predicted words)
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
DEFAULT = os.path.join(ROOT, "..", "shared", "data", "ud-pud",
                       "ar_pud-dev-half.conllu")


def read_conllu(path):
    """[(text, [form, ...])] for every sentence."""
    sents = []
    text, forms = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif not line:
                if text is not None:
                    sents.append((text, forms))
                text, forms = None, []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue  # multiword ranges and empty nodes
                forms.append(cols[1])
    if text is not None:
        sents.append((text, forms))
    return sents


def gold_spans(text, forms):
    """Character spans of the forms in text; (spans, number unaligned)."""
    spans, pos, lost = [], 0, 0
    for form in forms:
        p = pos
        while p < len(text) and text[p].isspace():
            p += 1
        if text.startswith(form, p):
            start = p
        else:
            start = text.find(form, pos)
        if start < 0:
            lost += 1
            continue
        spans.append((start, start + len(form)))
        pos = start + len(form)
    return spans, lost


def predict(cmd, texts):
    """Predicted segment spans per sentence, in characters."""
    data = "".join(t.replace("\n", " ") + "\n" for t in texts)
    raw = data.encode("utf-8")
    res = subprocess.run(cmd, input=raw, stdout=subprocess.PIPE,
                         check=True)
    # byte offset -> (line, character offset in that line)
    line_of, char_of = {}, {}
    b = 0
    for i, t in enumerate(texts):
        line = t.replace("\n", " ") + "\n"
        for c, ch in enumerate(line):
            line_of[b] = i
            char_of[b] = c
            b += len(ch.encode("utf-8"))
        line_of[b] = i + 1
        char_of[b] = 0
    out = [[] for _ in texts]
    for row in res.stdout.decode("utf-8").splitlines():
        if not row.strip():
            continue
        tok = json.loads(row)
        start = tok["start"]
        if start not in line_of:
            raise SystemExit("segscore: token offset %d is not at a "
                             "character boundary" % start)
        i, c = line_of[start], char_of[start]
        if i >= len(texts):
            continue
        for seg in tok["segments"]:
            out[i].append((c, c + len(seg)))
            c += len(seg)
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("conllu", nargs="?", default=DEFAULT)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--marsad")
    g.add_argument("--driver")
    ap.add_argument("--floor", type=float)
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args(argv)

    sents = read_conllu(args.conllu)
    texts = [t for t, _ in sents]
    cmd = ([args.marsad, "analyze", "--json"] if args.marsad
           else [args.driver])
    pred = predict(cmd, texts)

    ngold = npred = ncorrect = lost = 0
    errors = []
    for (text, forms), p in zip(sents, pred):
        spans, nl = gold_spans(text, forms)
        lost += nl
        gs, ps = set(spans), set(p)
        ngold += len(spans) + nl
        npred += len(ps)
        ncorrect += len(gs & ps)
        if gs != ps and len(errors) < args.errors:
            errors.extend(word_errors(text, spans, p))
    prec = 100.0 * ncorrect / npred if npred else 0.0
    rec = 100.0 * ncorrect / ngold if ngold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    for gold, got in errors[:args.errors]:
        print("gold %-30s got %s" % (gold, got))
    if lost:
        print("%d gold tokens are not substrings of their sentence text "
              "(counted as misses)" % lost)
    print("words F1 %.2f (P %.2f R %.2f) on %d sentences"
          % (f1, prec, rec, len(sents)))
    if args.floor is not None and f1 < args.floor:
        print("segscore: F1 %.2f is below the floor %.2f"
              % (f1, args.floor), file=sys.stderr)
        return 1
    return 0


def word_errors(text, gold, pred):
    """Whitespace-delimited stretches where gold and predicted differ."""
    out = []
    words, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < len(text) and not text[j].isspace():
            j += 1
        words.append((i, j))
        i = j
    for a, b in words:
        g = sorted(s for s in gold if a <= s[0] and s[1] <= b)
        p = sorted(s for s in pred if a <= s[0] and s[1] <= b)
        if g != p:
            out.append((" ".join(text[x:y] for x, y in g),
                        " ".join(text[x:y] for x, y in p)))
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
