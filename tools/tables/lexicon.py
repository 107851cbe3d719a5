"""Generates src/core/tables/lexicon.inc from data/lexicon.tsv.

Representation (read by src/core/lexicon.c):
  - a letter is stored as one byte, its code point minus LEX_BASE
    (U+0600), so the reader needs no code table; the common letters
    U+0621..U+064A become printable ASCII and the C source stays compact;
  - entries are packed into chunks of LEX_CHUNK bytes, each a string
    literal shorter than the 4095 characters ISO C promises to support;
    an entry is <length> <quantized count> <letter bytes>, and no entry
    crosses a chunk boundary;
  - an open-addressing hash table (FNV-1a over the letter bytes, linear
    probing, power-of-two size, load <= 3/8 so a miss ends after about
    two probes) holds, per slot, the entry offset (chunk * LEX_CHUNK +
    position) in the low LEX_OFFBITS bits and the top bits of the hash
    above them, so most probes that do not match are rejected without
    reading the entry; LEX_EMPTY marks a free slot;
  - counts are quantized to one byte q = 1 + round(16 ln count), decoded
    by LEX_COUNT[q]; that keeps counts within about 3%.
"""
import math

from _common import header, c_string

SOURCE = "data/lexicon.tsv"
CHUNK = 4096
EMPTY = 0xFFFFFFFF

# Letters that get codes: hamza .. ghain, feh .. yeh, and the extended
# letters of loanwords that occur in news text.
LETTERS = ([chr(c) for c in range(0x0621, 0x063B)]
           + [chr(c) for c in range(0x0641, 0x064B)]
           + list("\u0671\u067e\u0686\u0698\u06a4\u06a9\u06af\u06be"
                  "\u06cc\u06d5"))
BASE = 0x0600
CODE = {ch: ord(ch) - BASE for ch in LETTERS}
OFFBITS = 20


def fnv1a(data):
    h = 0x811C9DC5
    for b in data:
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def quantize(count):
    return min(255, 1 + int(round(16 * math.log(count))))


def read_lexicon(root):
    out = []
    with open(root + "/" + SOURCE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            word, count = line.rstrip("\n").split("\t")
            if len(word) > 64 or any(ch not in CODE for ch in word):
                continue
            out.append((word, int(count)))
    return out


def build(entries):
    chunks = [bytearray()]
    offsets = []
    for word, count in entries:
        rec = bytes([len(word), quantize(count)]) + bytes(
            CODE[ch] for ch in word)
        if len(chunks[-1]) + len(rec) > CHUNK - 1:
            chunks.append(bytearray())
        offsets.append((len(chunks) - 1) * CHUNK + len(chunks[-1]))
        chunks[-1] += rec
    if offsets and offsets[-1] >= (1 << OFFBITS) - 1:
        raise SystemExit("gen: lexicon too large for %d offset bits"
                         % OFFBITS)
    size = 1
    while size * 3 < len(entries) * 8:
        size *= 2
    slots = [EMPTY] * size
    for (word, _), off in zip(entries, offsets):
        h = fnv1a(bytes(CODE[ch] for ch in word))
        i = h & (size - 1)
        while slots[i] != EMPTY:
            i = (i + 1) & (size - 1)
        slots[i] = (h >> OFFBITS << OFFBITS) | off
    return chunks, slots


def chunk_literal(chunk):
    # bytes -> C literal; letter codes are printable ASCII, length and
    # count bytes become 3-digit octal escapes.
    out = ['"']
    for b in chunk:
        c = chr(b)
        if 32 <= b < 127 and c not in '"\\?':
            out.append(c)
        else:
            out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def outputs(root):
    entries = read_lexicon(root)
    chunks, slots = build(entries)
    counts = [0] + [int(round(math.exp((q - 1) / 16.0)))
                    for q in range(1, 256)]
    L = [header("tables/lexicon.py", [SOURCE])]
    L.append("/* %d word forms in %d chunks, %d hash slots */\n"
             % (len(entries), len(chunks), len(slots)))
    L.append("#define LEX_CHUNK %d\n" % CHUNK)
    L.append("#define LEX_NCHUNK %d\n" % len(chunks))
    L.append("#define LEX_NSLOT %du\n" % len(slots))
    L.append("#define LEX_EMPTY 0xFFFFFFFFu\n")
    L.append("#define LEX_OFFBITS %d\n" % OFFBITS)
    L.append("#define LEX_BASE 0x%04Xu\n" % BASE)
    L.append("#define LEX_MAXLEN %d\n"
             % max((len(w) for w, _ in entries), default=0))
    L.append("static const uint32_t LEX_COUNT[256] = {\n")
    for i in range(0, 256, 8):
        L.append(",".join(str(v) for v in counts[i:i + 8]) + ",\n")
    L.append("};\n")
    L.append("static const char LEX_DATA[LEX_NCHUNK][LEX_CHUNK] = {\n")
    for ch in chunks:
        L.append(chunk_literal(ch) + ",\n")
    L.append("};\n")
    L.append("static const uint32_t LEX_SLOT[LEX_NSLOT] = {\n")
    for i in range(0, len(slots), 10):
        L.append(",".join("0x%X" % v if v == EMPTY else str(v)
                          for v in slots[i:i + 10]) + ",\n")
    L.append("};\n")
    return {"src/core/tables/lexicon.inc": "".join(L)}
