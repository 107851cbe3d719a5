"""Generates src/core/tables/lexicon.inc from data/lexicon.tsv.

Representation (read by src/core/lexicon.c):
  - every Arabic letter the lexicon uses gets a one-byte code, printable
    ASCII so the C source stays compact (LEX_CODE maps code points
    U+0621..U+06D5 to codes, 0 for letters outside the set);
  - entries are packed into chunks of LEX_CHUNK bytes, each a string
    literal shorter than the 4095 characters ISO C promises to support;
    an entry is <length> <quantized count> <letter codes>, and no entry
    crosses a chunk boundary;
  - an open-addressing hash table (FNV-1a over the letter codes, linear
    probing, power-of-two size, load <= 0.75) holds entry offsets
    (chunk * LEX_CHUNK + position), LEX_EMPTY for a free slot;
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
# Printable ASCII without '"', '\\' and '?' (no trigraphs).
CODE_CHARS = [chr(b) for b in range(0x30, 0x7f) if chr(b) not in '"\\?']
CODE = {ch: ord(CODE_CHARS[i]) for i, ch in enumerate(LETTERS)}


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
    size = 1
    while size * 3 < len(entries) * 4:
        size *= 2
    slots = [EMPTY] * size
    for (word, _), off in zip(entries, offsets):
        i = fnv1a(bytes(CODE[ch] for ch in word)) & (size - 1)
        while slots[i] != EMPTY:
            i = (i + 1) & (size - 1)
        slots[i] = off
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
    code_table = [0] * (0x06D6 - 0x0621)
    for ch, b in CODE.items():
        code_table[ord(ch) - 0x0621] = b
    counts = [0] + [int(round(math.exp((q - 1) / 16.0)))
                    for q in range(1, 256)]
    L = [header("tables/lexicon.py", [SOURCE])]
    L.append("/* %d word forms in %d chunks, %d hash slots */\n"
             % (len(entries), len(chunks), len(slots)))
    L.append("#define LEX_CHUNK %d\n" % CHUNK)
    L.append("#define LEX_NCHUNK %d\n" % len(chunks))
    L.append("#define LEX_NSLOT %du\n" % len(slots))
    L.append("#define LEX_EMPTY 0xFFFFFFFFu\n")
    L.append("#define LEX_CODE_FIRST 0x0621u\n")
    L.append("#define LEX_CODE_LAST 0x06D5u\n")
    L.append("static const unsigned char LEX_CODE[%d] = {\n"
             % len(code_table))
    for i in range(0, len(code_table), 16):
        L.append(",".join(str(v) for v in code_table[i:i + 16]) + ",\n")
    L.append("};\n")
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
