"""Generates src/core/tables/stem.inc from data/affixes.txt and
data/stopwords.txt (read by src/core/stem.c).

Representation:
  - every string is a run of code points in STEM_CP, referenced by
    {offset, length} (struct stem_str, defined in stem.c);
  - STEM_GROUP / STEM_MEMBER: paradigms as lists of suffixes (length 0 is
    the bare stem);
  - STEM_RULE / STEM_ALT: strip rules, longest suffix first, each with
    alternatives given as a bitmask of groups that must be confirmed and
    one of groups that must not be;
  - the "keep" and stop word lists, alef hamza forms folded to bare alef,
    merged into one hash table: STEM_WORD holds each word with its
    STEM_F_* membership bits, grouped by bucket (bucket b is
    STEM_WORD[STEM_BUCKET[b] .. STEM_BUCKET[b + 1])); the bucket, given
    by STEM_HASH, mixes the low bytes of the folded first and last
    letters with the length.
"""
import sys

from _common import bucket_starts, header, read_lines

AFFIXES = "data/affixes.txt"
STOPWORDS = "data/stopwords.txt"
GEN = "tables/stem.py"
# rule contexts, numbered as STEM_CTX_* in stem.c
CONTEXTS = ("word", "clitic", "imperf")

NBUCKET = 512
FLAGS = (("KEEP", 1), ("STOP", 2))

ALEF_FOLD = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",
             "\u0671": "\u0627"}


def fold(word):
    return "".join(ALEF_FOLD.get(ch, ch) for ch in word)


def bucket(word):
    return ((ord(word[0]) & 0xFF) * 7 + (ord(word[-1]) & 0xFF) * 3
            + len(word)) & (NBUCKET - 1)


def fail(rel, n, msg):
    sys.exit("gen: %s:%d: %s" % (rel, n, msg))


def check_arabic(rel, n, word):
    for ch in word:
        if not 0x0621 <= ord(ch) <= 0x06FF:
            fail(rel, n, "not an Arabic letter in %r" % word)


def parse_affixes(root):
    params, groups, rules, keep = {}, [], [], []
    names = {}
    for n, line in read_lines(root, AFFIXES):
        f = line.split()
        if f[0] == "param" and len(f) == 3:
            params[f[1]] = int(f[2])
        elif f[0] == "group" and len(f) >= 2:
            if f[1] in names:
                fail(AFFIXES, n, "group %s defined twice" % f[1])
            ratio = 0
            rest = f[2:]
            if rest and rest[0].startswith("ratio="):
                ratio = int(rest[0][6:])
                rest = rest[1:]
            members = ["" if m == "-" else m for m in rest]
            for m in members:
                check_arabic(AFFIXES, n, m)
            names[f[1]] = len(groups)
            groups.append((f[1], ratio, members))
        elif f[0] == "strip" and len(f) >= 5:
            suffix, minstem, ctx = f[1], int(f[2]), f[3]
            check_arabic(AFFIXES, n, suffix)
            if ctx not in CONTEXTS:
                fail(AFFIXES, n, "context must be one of %s"
                     % ", ".join(CONTEXTS))
            alts = []
            for alt in f[4:]:
                need = forbid = 0
                for g in alt.split("+"):
                    neg = g.startswith("!")
                    g = g.lstrip("!")
                    if g not in names:
                        fail(AFFIXES, n, "unknown group %s" % g)
                    if neg:
                        forbid |= 1 << names[g]
                    else:
                        need |= 1 << names[g]
                alts.append((need, forbid))
            rules.append((suffix, minstem, CONTEXTS.index(ctx), alts))
        elif f[0] == "keep" and len(f) >= 2:
            for w in f[1:]:
                check_arabic(AFFIXES, n, w)
                keep.append(fold(w))
        else:
            fail(AFFIXES, n, "cannot parse: %s" % line)
    for p in ("minfreq", "ratio"):
        if p not in params:
            sys.exit("gen: %s: param %s missing" % (AFFIXES, p))
    if len(groups) > 16:
        sys.exit("gen: %s: at most 16 groups" % AFFIXES)
    # Longest suffix first; the file order breaks ties.
    rules = [r for _, r in sorted(enumerate(rules),
                                  key=lambda ir: (-len(ir[1][0]), ir[0]))]
    return params, groups, rules, sorted(set(keep))


def parse_stopwords(root):
    words = set()
    for n, line in read_lines(root, STOPWORDS):
        for w in line.split():
            check_arabic(STOPWORDS, n, w)
            words.add(fold(w))
    return sorted(words)


class Pool:
    """Code point pool with reuse of identical strings."""

    def __init__(self):
        self.cps = []
        self.where = {}

    def add(self, s):
        if s not in self.where:
            self.where[s] = len(self.cps)
            self.cps.extend(ord(ch) for ch in s)
        return "{%d, %d}" % (self.where[s], len(s))


def outputs(root):
    params, groups, rules, keep = parse_affixes(root)
    stop = parse_stopwords(root)
    pool = Pool()
    L = [header(GEN, [AFFIXES, STOPWORDS])]
    L.append("#define STEM_MINFREQ %du\n" % params["minfreq"])
    body = []
    members = []
    body.append("static const struct stem_group STEM_GROUP[%d] = {\n"
                % len(groups))
    for name, ratio, ms in groups:
        body.append("{%d, %d, %d}, /* %s */\n"
                    % (len(members), len(ms), ratio or params["ratio"],
                       name))
        members.extend(ms)
    body.append("};\n")
    body.append("static const struct stem_str STEM_MEMBER[%d] = {\n"
                % max(1, len(members)))
    body.append("".join(pool.add(m) + ",\n" for m in members) or "{0, 0}\n")
    body.append("};\n")
    alts = []
    body.append("#define STEM_NRULE %d\n" % len(rules))
    body.append("static const struct stem_rule STEM_RULE[STEM_NRULE] = {\n")
    for suffix, minstem, ctx, ralts in rules:
        body.append("{%s, %d, %d, %d, %d},\n"
                    % (pool.add(suffix), minstem, ctx, len(alts),
                       len(ralts)))
        alts.extend(ralts)
    body.append("};\n")
    body.append("static const struct stem_alt STEM_ALT[%d] = {\n"
                % len(alts))
    body.append("".join("{0x%04X, 0x%04X},\n" % a for a in alts))
    body.append("};\n")
    words = {}
    for (name, bit), lst in zip(FLAGS, (keep, stop)):
        body.append("#define STEM_F_%s %d\n" % (name, bit))
        for w in lst:
            words[w] = words.get(w, 0) | bit
    order = sorted(words, key=lambda w: (bucket(w), [ord(c) for c in w]))
    body.append("#define STEM_NBUCKET %d\n" % NBUCKET)
    body.append("#define STEM_HASH(first, last, n) \\\n"
                "    (((((first) & 0xFFu) * 7u + ((last) & 0xFFu) * 3u \\\n"
                "       + (uint32_t)(n))) & (STEM_NBUCKET - 1u))\n")
    body.append("static const struct stem_word STEM_WORD[%d] = {\n"
                % max(1, len(order)))
    body.append("".join("{%s, %d},\n" % (pool.add(w), words[w])
                        for w in order) or "{{0, 0}, 0},\n")
    body.append("};\n")
    body.append(bucket_starts("STEM_BUCKET[STEM_NBUCKET + 1]", order,
                              bucket, NBUCKET))
    L.append("static const uint32_t STEM_CP[%d] = {\n" % len(pool.cps))
    for i in range(0, len(pool.cps), 8):
        L.append(",".join("0x%04X" % c for c in pool.cps[i:i + 8]) + ",\n")
    L.append("};\n")
    L.extend(body)
    return {"src/core/tables/stem.inc": "".join(L)}
