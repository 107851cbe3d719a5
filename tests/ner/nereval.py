#!/usr/bin/env python3
"""Entity-level scores of BIO-tagged tokens, as conlleval counts them.

usage: nereval.py GOLD PRED [--floor F1] [--json]

GOLD holds 'token TAG' lines (the ANERcorp format), PRED 'token<TAB>TAG'
lines as printed by `marsad ner --conll`; both have a blank line between
sentences and must hold the same tokens in the same order.  An entity is
a maximal run that begins with B-X (or with an I-X not continuing an X)
followed by I-X; a predicted entity is correct when its first token, last
token and type all match a gold one.  Prints precision, recall and F1 for
all entities and per type; exits 1 when the overall F1 is below --floor.
"""
import argparse
import json
import sys


def read(path, sep):
    toks, tags = [], []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                toks.append(None)
                tags.append("O")
                continue
            parts = line.split(sep) if sep else line.split()
            if len(parts) < 2:
                sys.exit(f"{path}:{lineno}: expected a token and a tag")
            toks.append(parts[0])
            tags.append(parts[-1])
    return toks, tags


def chunks(tags):
    out, start, typ = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        prefix, _, ty = t.partition("-")
        continues = prefix == "I" and ty == typ
        if start is not None and not continues:
            out.add((start, i, typ))
            start, typ = None, None
        if prefix in ("B", "I") and not continues:
            start, typ = i, ty
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--floor", type=float, default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    gt, gtags = read(a.gold, None)
    pt, ptags = read(a.pred, "\t")
    gw = [t for t in gt if t is not None]
    pw = [t for t in pt if t is not None]
    if gw != pw:
        for i, (x, y) in enumerate(zip(gw, pw)):
            if x != y:
                sys.exit(f"token {i + 1} differs: gold {x!r}, predicted {y!r}")
        sys.exit(f"token counts differ: gold {len(gw)}, predicted {len(pw)}")
    gtags = [t for t, w in zip(gtags, gt) if w is not None]
    ptags = [t for t, w in zip(ptags, pt) if w is not None]
    # Sentence breaks of the gold file bound the entities of both.
    breaks, n = [], 0
    for w in gt:
        if w is None:
            breaks.append(n)
        else:
            n += 1
    g, p = set(), set()
    lo = 0
    for hi in breaks + [len(gtags)]:
        for (s, e, ty) in chunks(gtags[lo:hi]):
            g.add((s + lo, e + lo, ty))
        for (s, e, ty) in chunks(ptags[lo:hi]):
            p.add((s + lo, e + lo, ty))
        lo = hi
    types = sorted({c[2] for c in g | p})
    rows = {}
    for ty in ["all"] + types:
        gs = {c for c in g if ty == "all" or c[2] == ty}
        ps = {c for c in p if ty == "all" or c[2] == ty}
        tp = len(gs & ps)
        prec = 100.0 * tp / len(ps) if ps else 0.0
        rec = 100.0 * tp / len(gs) if gs else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows[ty] = dict(precision=round(prec, 2), recall=round(rec, 2),
                        f1=round(f1, 2), gold=len(gs), predicted=len(ps))
    if a.json:
        print(json.dumps(dict(tokens=len(gw), scores=rows)))
    else:
        print(f"{len(gw)} tokens, {rows['all']['gold']} gold entities")
        print(f"{'type':6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6}")
        for ty, r in rows.items():
            print(f"{ty:6} {r['precision']:7.2f} {r['recall']:7.2f} "
                  f"{r['f1']:7.2f} {r['gold']:6d}")
    if a.floor is not None and rows["all"]["f1"] < a.floor:
        print(f"F1 {rows['all']['f1']:.2f} is below the floor {a.floor}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
