"""Generates src/core/tables/clitics.inc from data/clitics.txt.

Each list becomes an array of entries {length, code points, weight};
weights (log-priors in bits) are stored in 1/256 bit units, the scale
src/core/segment.c scores in.  Word lists are sorted by code points so
the segmenter can binary-search them.
"""
from _common import header, read_lines

SOURCE = "data/clitics.txt"
KINDS = ("pre", "enc", "host", "split", "whole")
MAXLEN = 8


def parse(root):
    lists = {k: [] for k in KINDS}
    for n, line in read_lines(root, SOURCE):
        parts = line.split()
        kind = parts[0]
        if kind not in lists or len(parts) not in (2, 3):
            raise SystemExit("%s:%d: bad line" % (SOURCE, n))
        form = parts[1]
        if len(form) > MAXLEN:
            raise SystemExit("%s:%d: form too long" % (SOURCE, n))
        weight = float(parts[2]) if len(parts) == 3 else 0.0
        lists[kind].append((form, int(round(weight * 256))))
    for k in ("host", "split", "whole"):
        lists[k] = sorted(set(lists[k]), key=lambda e: [ord(c)
                                                       for c in e[0]])
    return lists


def outputs(root):
    lists = parse(root)
    L = [header("tables/clitics.py", [SOURCE])]
    L.append("#define CL_MAXLEN %d\n" % MAXLEN)
    L.append("typedef struct cl_entry {\n"
             "    uint8_t len;\n"
             "    int16_t weight; /* log-prior, 1/256 bit */\n"
             "    uint32_t cp[CL_MAXLEN];\n"
             "} cl_entry;\n")
    for kind in KINDS:
        entries = lists[kind]
        L.append("static const cl_entry CL_%s[%d] = {\n"
                 % (kind.upper(), len(entries)))
        for form, weight in entries:
            cps = ", ".join("0x%04X" % ord(c) for c in form)
            L.append("    {%d, %d, {%s}},\n" % (len(form), weight, cps))
        L.append("};\n")
        L.append("#define CL_N%s %d\n" % (kind.upper(), len(entries)))
    return {"src/core/tables/clitics.inc": "".join(L)}
