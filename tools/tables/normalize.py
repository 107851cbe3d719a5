"""Tables for normalize.c and the tokenizer: classes and folds of the
Arabic block (data/arabic_chars.txt), presentation-form decompositions
(data/presentation_forms.txt) and ASCII classes.  Also writes self-check
cases: every mapping in the data, as (code point, flag, expected output)."""
from _common import header, read_lines

CLASSES = {"space": 0, "arletter": 1, "armark": 2, "letter": 3, "digit": 4,
           "punct": 5, "symbol": 6, "ignore": 7}
FOLDS = {"-": 0, "marks": 1, "tatweel": 2, "controls": 3, "alef": 4,
         "yeh": 5, "tehm": 6, "hamza": 7, "digits": 8, "compat": 9}
FLAG = {"marks": "MARSAD_FOLD_MARKS", "tatweel": "MARSAD_FOLD_TATWEEL",
        "controls": "MARSAD_FOLD_CONTROLS", "alef": "MARSAD_FOLD_ALEF",
        "yeh": "MARSAD_FOLD_YEH", "tehm": "MARSAD_FOLD_TEH_MARBUTA",
        "hamza": "MARSAD_FOLD_HAMZA", "digits": "MARSAD_FOLD_DIGITS",
        "compat": "MARSAD_FOLD_COMPAT"}
ASCII_PUNCT = "!\"#%&'()*,-./:;?@[\\]_{}"
ASCII_SYMBOL = "$+<=>^`|~"


def arabic_block(root):
    cls = [CLASSES["arletter"]] * 256
    fold = [0] * 256
    target = [0] * 256
    src = "data/arabic_chars.txt"
    for n, line in read_lines(root, src):
        f = line.split()
        rng = f[0].split("..")
        first = int(rng[0], 16)
        last = int(rng[-1], 16)
        if not (0x600 <= first <= last <= 0x6FF):
            raise SystemExit("%s:%d: range outside U+0600..U+06FF" % (src, n))
        if f[1] not in CLASSES or f[2] not in FOLDS:
            raise SystemExit("%s:%d: unknown class or fold" % (src, n))
        for cp in range(first, last + 1):
            cls[cp - 0x600] = CLASSES[f[1]]
            fold[cp - 0x600] = FOLDS[f[2]]
            if len(f) > 3:
                base = int(f[3], 16)
                target[cp - 0x600] = base + (cp - first if f[2] == "digits"
                                             else 0)
    return cls, fold, target


def presentation(root):
    forms = {}
    for n, line in read_lines(root, "data/presentation_forms.txt"):
        f = line.split()
        forms[int(f[0], 16)] = [int(x, 16) for x in f[1:]]
    return forms


def rows(values, per=16, fmt="%d"):
    out = []
    for i in range(0, len(values), per):
        out.append("    " + ", ".join(fmt % v for v in values[i:i + per])
                   + ",")
    return "\n".join(out)


def outputs(root):
    cls, fold, target = arabic_block(root)
    forms = presentation(root)
    h = header("tables/normalize.py", ["data/arabic_chars.txt",
                                       "data/presentation_forms.txt"])
    out = [h]
    out.append("/* class of U+0600 + i, a MARSADI_C_* value */")
    out.append("const uint8_t marsadi_ar_class[256] = {\n%s\n};" % rows(cls))
    out.append("/* fold kind of U+0600 + i, a FOLDK_* value */")
    out.append("const uint8_t marsadi_ar_fold[256] = {\n%s\n};" % rows(fold))
    out.append("/* what a folding character becomes */")
    out.append("const uint16_t marsadi_ar_target[256] = {\n%s\n};"
               % rows(target, 8, "0x%04X"))
    # presentation forms: per code point (class, length, pool offset)
    pool = []
    entries = []
    for lo, hi in ((0xFB50, 0xFE00), (0xFE70, 0xFF00)):
        for cp in range(lo, hi):
            d = forms.get(cp)
            if not d:
                entries.append((CLASSES["symbol"], 0, 0))
                continue
            letters = [c for c in d if c != 0x20 and
                       not (0x64B <= c <= 0x65F or c == 0x670)]
            k = CLASSES["arletter"] if letters else CLASSES["armark"]
            entries.append((k, len(d), len(pool)))
            pool.extend(d)
    out.append("/* decompositions of presentation forms, concatenated */")
    out.append("static const uint16_t pf_pool[%d] = {\n%s\n};"
               % (len(pool), rows(pool, 8, "0x%04X")))
    out.append("/* U+FB50..U+FDFF then U+FE70..U+FEFF: class, length of "
               "the\n   decomposition (0: none), offset in pf_pool */")
    out.append("static const struct pf_entry pf_table[%d] = {\n%s\n};" % (
        len(entries), "\n".join("    {%d, %d, %d}," % e for e in entries)))
    ascii = []
    for b in range(128):
        c = chr(b)
        if c.isalpha():
            ascii.append(CLASSES["letter"])
        elif c.isdigit():
            ascii.append(CLASSES["digit"])
        elif c in ASCII_PUNCT:
            ascii.append(CLASSES["punct"])
        elif c in ASCII_SYMBOL:
            ascii.append(CLASSES["symbol"])
        else:
            ascii.append(CLASSES["space"])  # white space and C0 controls
    out.append("/* class of each ASCII byte */")
    out.append("const uint8_t marsadi_ascii_class[128] = {\n%s\n};"
               % rows(ascii))
    # self-check cases: each data mapping under its own flag
    inv = {v: k for k, v in FOLDS.items()}
    cases = []
    for i in range(256):
        k = inv[fold[i]]
        if k == "-":
            continue
        cases.append((0x600 + i, FLAG[k], target[i]))
    for cp in sorted(forms):
        if len(forms[cp]) == 1 and forms[cp][0] != 0x20:
            t = forms[cp][0]
            # a decomposition is folded again under the same flag
            if 0x600 <= t <= 0x6FF and inv[fold[t - 0x600]] == "compat":
                t = target[t - 0x600]
            cases.append((cp, "MARSAD_FOLD_COMPAT", t))
    sc = [h, "/* (input, flag, expected output or 0 for removal) */"]
    sc.append("static const struct { uint32_t in; unsigned flag; "
              "uint32_t out; } selfcheck[] = {")
    for c in cases:
        sc.append("    {0x%04X, %s, 0x%04X}," % c)
    sc.append("};")
    return {"src/core/tables/normalize.inc": "\n".join(out) + "\n",
            "tests/unit/normalize_selfcheck.inc": "\n".join(sc) + "\n"}
