#!/usr/bin/env python3
"""extract_presentation.py - write data/presentation_forms.txt from the
Unicode Character Database as built into this Python (its version is
recorded in the file).  Run by hand when the pinned Unicode version
changes; tools/gen.py only reads the text file.

Each presentation form (U+FB50..U+FDFF, U+FE70..U+FEFF) maps to its
compatibility decomposition.  The isolated forms of marks (a space and a
mark, e.g. U+FE70) map to the mark alone: the space is only there to
carry the mark in isolation.
"""
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    out = ["# presentation_forms.txt - Arabic presentation forms and their",
           "# compatibility decompositions, read by tools/tables/normalize.py.",
           "# Extracted by tools/extract_presentation.py from the Unicode",
           "# Character Database version %s." % unicodedata.unidata_version,
           "# Each line: CODE  DECOMPOSITION...  # name",
           "# A leading space before a mark is dropped (isolated mark forms).",
           ""]
    ranges = list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00))
    for cp in ranges:
        d = unicodedata.decomposition(chr(cp))
        if not d:
            continue
        parts = d.split()
        if parts[0].startswith("<"):
            parts = parts[1:]
        cps = [int(p, 16) for p in parts]
        if (len(cps) >= 2 and cps[0] == 0x20 and
                all(unicodedata.category(chr(c)) == "Mn" for c in cps[1:])):
            cps = cps[1:]
        out.append("%04X  %s  # %s" % (
            cp, " ".join("%04X" % c for c in cps), unicodedata.name(chr(cp))))
    path = os.path.join(ROOT, "data", "presentation_forms.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", path, file=sys.stderr)


if __name__ == "__main__":
    main()
