"""Generates src/core/tables/clitics.inc from data/clitics.txt.

The clitic lists (pre, enc) become arrays of entries {length, weight,
code points}; weights (log-priors in bits) are stored in 1/256 bit units,
the scale src/core/segment.c scores in.  CL_PREMAX and CL_ENCMAX are the
longest proclitic and enclitic.  CL_PRE_IX lists the proclitics grouped by
the low byte of their first code point, in table order within a group:
group b is CL_PRE_IX[CL_PRE_AT[b] .. CL_PRE_AT[b + 1]); CL_ENC_AT and
CL_ENC_IX do the same for the enclitics by their last code point, so the
segmenter only compares the clitics that can match a word's edge letter.

The word lists (whole, split, host) are merged into one table CL_WORD of
entries whose weight field holds CL_F_* membership bits, grouped by hash
bucket: bucket b holds CL_WORD[CL_BUCKET[b] .. CL_BUCKET[b + 1]).  The
hash, CL_HASH in the output, mixes the low bytes of the first and last
code points with the length, so a look-up reads no letter in between
before it has found a candidate entry.
"""
from _common import bucket_starts, header, read_lines

SOURCE = "data/clitics.txt"
KINDS = ("pre", "enc", "host", "split", "whole")
MAXLEN = 8
FLAGS = {"whole": 1, "split": 2, "host": 4}
NBUCKET = 256


def bucket(form):
    return ((ord(form[0]) & 0xFF) * 7 + (ord(form[-1]) & 0xFF) * 3
            + len(form)) & (NBUCKET - 1)


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


def index_table(kind, keys, order):
    """CL_<KIND>_AT[257] and CL_<KIND>_IX: entries grouped by key byte."""
    if len(order) > 255:
        raise SystemExit("gen: %s: too many %s entries" % (SOURCE, kind))
    starts = [0] * 257
    for k in keys:
        starts[k + 1] += 1
    for b in range(256):
        starts[b + 1] += starts[b]
    name = kind.upper()
    L = ["static const uint8_t CL_%s_AT[257] = {\n" % name]
    for i in range(0, 257, 16):
        L.append(",".join(str(v) for v in starts[i:i + 16]) + ",\n")
    L.append("};\n")
    L.append("static const uint8_t CL_%s_IX[%d] = {%s};\n"
             % (name, max(1, len(order)),
                ", ".join(str(i) for i in order) or "0"))
    return L


def outputs(root):
    lists = parse(root)
    L = [header("tables/clitics.py", [SOURCE])]
    L.append("#define CL_MAXLEN %d\n" % MAXLEN)
    L.append("typedef struct cl_entry {\n"
             "    uint8_t len;\n"
             "    int16_t weight; /* log-prior, 1/256 bit */\n"
             "    uint32_t cp[CL_MAXLEN];\n"
             "} cl_entry;\n")
    for kind in ("pre", "enc"):
        entries = lists[kind]
        L.append("static const cl_entry CL_%s[%d] = {\n"
                 % (kind.upper(), len(entries)))
        for form, weight in entries:
            cps = ", ".join("0x%04X" % ord(c) for c in form)
            L.append("    {%d, %d, {%s}},\n" % (len(form), weight, cps))
        L.append("};\n")
        L.append("#define CL_N%s %d\n" % (kind.upper(), len(entries)))
        L.append("#define CL_%sMAX %d\n" % (kind.upper(), max(
            (len(f) for f, _ in entries), default=0)))
        edge = 0 if kind == "pre" else -1
        order = sorted(range(len(entries)),
                       key=lambda i: (ord(entries[i][0][edge]) & 0xFF, i))
        L.extend(index_table(kind, [ord(entries[i][0][edge]) & 0xFF
                                    for i in order], order))
    words = {}
    for kind, bit in FLAGS.items():
        L.append("#define CL_F_%s %d\n" % (kind.upper(), bit))
        for form, _ in lists[kind]:
            words[form] = words.get(form, 0) | bit
    order = sorted(words, key=lambda f: (bucket(f), [ord(c) for c in f]))
    L.append("#define CL_WORDMAX %d\n"
             % max((len(f) for f in order), default=0))
    L.append("#define CL_NBUCKET %d\n" % NBUCKET)
    L.append("#define CL_HASH(first, last, n) \\\n"
             "    (((((first) & 0xFFu) * 7u + ((last) & 0xFFu) * 3u \\\n"
             "       + (uint32_t)(n))) & (CL_NBUCKET - 1u))\n")
    L.append("static const cl_entry CL_WORD[%d] = {\n" % max(1, len(order)))
    for form in order:
        cps = ", ".join("0x%04X" % ord(c) for c in form)
        L.append("    {%d, %d, {%s}},\n" % (len(form), words[form], cps))
    if not order:
        L.append("    {0, 0, {0}},\n")
    L.append("};\n")
    L.append(bucket_starts("CL_BUCKET[CL_NBUCKET + 1]", order, bucket,
                           NBUCKET))
    return {"src/core/tables/clitics.inc": "".join(L)}
