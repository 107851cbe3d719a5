/*
 * merge.c - merging the spellings of entity names into canonical entities
 * (the contract is in merge.h).
 *
 * Pipeline, each step linear or n log n in the distinct forms:
 *
 *   surfaces  the distinct mention texts; each is cut into words and
 *             normalized twice: for display (marks, tatweel, controls and
 *             presentation forms removed) and for matching (the search
 *             folds plus hamza: أ إ آ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي).
 *   strip     the first word loses its proclitics when the segmenter and
 *             the corpus agree (see strip_decide).
 *   forms     distinct stripped match keys; nodes are (form, type).
 *   cores     per node the tokens compared: compound names joined (عبد
 *             الله, أبو ظبي), titles dropped for people, designators for
 *             places and organisations, the article dropped from each
 *             token (not from a one-word organisation: الفتح, فتح).
 *   blocking  a consonant skeleton of the core and its one-letter
 *             deletions (the deletion neighbourhood of SymSpell) are hash
 *             keys; candidates share a key and a type.
 *   variants  nodes in order of frequency each join the cluster of the
 *             closest more frequent candidate (weighted edit distance per
 *             token) if also close to that cluster's head.
 *   aliases   union of the clusters of both names of each alias pair.
 *   persons   short names go to a containing full name: in the article,
 *             else in the corpus (unique, or by co-occurrence for
 *             surnames).
 *   assign    per mention: the in-article decision, else the node's
 *             corpus decision; a rare type for a form takes the form's main
 *             type.
 *
 * Costs are integers (hundredths) so results never depend on floating
 * point; ids follow input order and ties are broken on counts and bytes.
 */
#include "entity/merge.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

/* ------------------------------------------------------------ tuning */

/* Longest token (code points) compared by edit distance; longer ones must
 * be equal. */
#define TOK_MAX 48
/* Words kept from one mention; the rest is ignored (recognizer junk). */
#define WORDS_MAX 24
/* Candidates taken from one blocking key for one node, most frequent
 * first: bounds the work on keys shared by very many short names. */
#define KEY_CAP 48
/* Longest skeleton (letters) whose one-letter deletions are keys. */
#define DEL_MAX 24
/* Full names scanned through the postings of a short name's rarest
 * token: a single word shared by more (محمد) is ambiguous anyway; two
 * words or more are specific even when each is common (محمد بن سلمان). */
#define POSTING_CAP 512
#define POSTING_CAP_MULTI 16384
/* A type under 1/WEAK_DIV of its form's mentions is a recognizer slip. */
#define WEAK_DIV 5
/* Co-occurrence share (percent) and count for a surname to go to the
 * full name it mostly appears with. */
#define COOC_SHARE 90
#define COOC_MIN 3
/* Or, with fewer such articles, mentions (count and ratio to all other
 * candidates together) for a surname to go to the full name that
 * dominates. */
#define DOM_MIN 10
#define DOM_RATIO 20
/* Slack (percent) of the thresholds for the check against a cluster's
 * head. */
#define HEAD_SLACK 150
/* Cost that no threshold allows. */
#define COST_INF 100000

/* ------------------------------------------------------------ letters */

enum {
    AR_HAMZA = 0x0621,
    AR_ALEF = 0x0627,
    AR_BEH = 0x0628,
    AR_TEH_MARBUTA = 0x0629,
    AR_TEH = 0x062A,
    AR_THEH = 0x062B,
    AR_JEEM = 0x062C,
    AR_HAH = 0x062D,
    AR_DAL = 0x062F,
    AR_THAL = 0x0630,
    AR_ZAIN = 0x0632,
    AR_SEEN = 0x0633,
    AR_SHEEN = 0x0634,
    AR_SAD = 0x0635,
    AR_DAD = 0x0636,
    AR_TAH = 0x0637,
    AR_ZAH = 0x0638,
    AR_GHAIN = 0x063A,
    AR_FEH = 0x0641,
    AR_QAF = 0x0642,
    AR_KAF = 0x0643,
    AR_LAM = 0x0644,
    AR_HEH = 0x0647,
    AR_WAW = 0x0648,
    AR_ALEF_MAKSURA = 0x0649,
    AR_YEH = 0x064A
};

#define DISPLAY_FOLDS                                                      \
    (MARSAD_FOLD_MARKS | MARSAD_FOLD_TATWEEL | MARSAD_FOLD_COMPAT |        \
     MARSAD_FOLD_CONTROLS)
#define MATCH_FOLDS MARSAD_PROFILE_ALL

/* Word separators: ASCII other than letters and digits, Latin-1
 * punctuation, Arabic punctuation, general punctuation, CJK and
 * full-width punctuation, ornate parentheses, the replacement char. */
static int is_sep(uint32_t c)
{
    if (c < 0x80)
        return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                 (c >= 'A' && c <= 'Z'));
    if (c < 0xC0)
        return c != 0xAA && c != 0xB5 && c != 0xBA;
    if (c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4)
        return 1;
    if (c >= 0x066A && c <= 0x066D)
        return 1;
    if (c >= 0x2000 && c <= 0x206F)
        return 1;
    if (c >= 0x3000 && c <= 0x303F)
        return 1;
    if (c == 0xFD3E || c == 0xFD3F || c == 0xFFFD)
        return 1;
    if ((c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE4F))
        return 1;
    if (c >= 0xFF01 && c <= 0xFF0F)
        return 1;
    return 0;
}

/* Letters of the match form folded further for comparison: the Persian
 * letters used for foreign sounds (پ چ ژ ڤ گ) count as their Arabic
 * neighbours, and what the match folds left of alef forms and yeh. */
static uint32_t cp_fold(uint32_t c)
{
    switch (c) {
    case 0x067E: return AR_BEH;   /* پ */
    case 0x0686: return AR_JEEM;  /* چ */
    case 0x0698: return AR_ZAIN;  /* ژ */
    case 0x06A4: return AR_FEH;   /* ڤ */
    case 0x06A5: return AR_FEH;
    case 0x06A9: return AR_KAF;   /* ک */
    case 0x06AF: return AR_KAF;   /* گ */
    case 0x06AD: return AR_KAF;   /* ڭ */
    case 0x06CC: return AR_YEH;   /* ی */
    case 0x06D2: return AR_YEH;   /* ے */
    case 0x0671: return AR_ALEF;  /* ٱ */
    case AR_ALEF_MAKSURA: return AR_YEH;
    case AR_TEH_MARBUTA: return AR_HEH;
    default: return c;
    }
}

static int is_vowel(uint32_t c)
{
    return c == AR_ALEF || c == AR_WAW || c == AR_YEH || c == AR_HAMZA;
}

static int is_arabic(uint32_t c)
{
    return c >= 0x0600 && c <= 0x06FF;
}

/* Sound classes of transliteration: g (ج غ ق ك), t (ت ط), s (س ص ث ش),
 * z (ز ذ ظ), d (د ض), h (ح ه). */
static uint32_t cp_class(uint32_t c)
{
    switch (c) {
    case AR_JEEM: case AR_GHAIN: case AR_QAF: return AR_KAF;
    case AR_TAH: return AR_TEH;
    case AR_SAD: case AR_THEH: case AR_SHEEN: return AR_SEEN;
    case AR_THAL: case AR_ZAH: return AR_ZAIN;
    case AR_DAD: return AR_DAL;
    case AR_HAH: return AR_HEH;
    default: return c;
    }
}

/* ------------------------------------------------------------ word lists */

/* Lists in match form (alef, yeh, teh marbuta and hamza folded). */

/* Titles and descriptions before a person's name. */
static const char *const titles[] = {
    "الرييس", "رييس", "الملك", "الملكه", "الامير", "الاميره", "الشيخ",
    "الشيخه", "السيد", "السيده", "الدكتور", "الدكتوره", "د", "المستشار",
    "المستشاره", "الجنرال", "العاهل", "الوزير", "الوزيره", "السلطان",
    "الامام", "البابا", "القاضي", "النايب", "السفير", "المشير", "العقيد",
    "اللواء", "الفريق", "العميد", "الزعيم", "المرشح", "المرشحه",
    "الحاخام", "سمو", "جلاله", "فخامه", "معالي", "سعاده", "السيناتور",
    "النجم", "اللاعب", "المدرب", "الفنان", "الفنانه", "الملا", "مستر",
    "المهندس", "الاستاذ", "الداعيه", "المطرب", "المطربه"};

/* Designators before a place's name: "جمهورية كازاخستان" is كازاخستان.
 * المملكة is not one (المملكة المتحدة, المملكة العربية السعودية). */
static const char *const desig_loc[] = {
    "جمهوريه", "دوله", "مدينه", "العاصمه", "اماره", "ولايه", "اقليم",
    "منطقه", "محافظه", "سلطنه", "بلده", "قريه", "ميناء", "جزيره",
    "مقاطعه", "بلدة"};

/* Designators before an organisation's name: "حركة حماس" is حماس. */
static const char *const desig_org[] = {
    "منظمه", "حلف", "حركه", "حزب", "جماعه", "تنظيم", "شركه", "مجموعه",
    "جمعيه", "هييه", "ميليشيا", "مليشيا"};

/* Designators of clubs, whose names often carry the article (النادي
 * الأهلي, نادي الزمالك). */
static const char *const desig_club[] = {"نادي", "النادي"};

/* First words of compound names written with or without a space. */
static const char *const joiners[] = {"عبد", "ابو"};

/* Tokens of Arabic genealogical names (بن سلمان, آل سعود): a name holding
 * one is compared exactly, since its near spellings are other people
 * (محمد بن نايف / محمد بن نواف). */
static const char *const chain_words[] = {"بن", "ابن", "بنت", "ال"};

/* Arabic given names whose near spellings are other names (سعد / سعود /
 * سعيد, محمد / محمود, حماس is not a name but has the same trouble with
 * حمس): compared exactly. */
static const char *const exact_names[] = {
    "محمد", "محمود", "احمد", "حامد", "حمد", "حمود", "حميد", "حمدي",
    "محمدي", "سعد", "سعود", "سعيد", "سعدي", "نايف", "نواف", "علي",
    "عالي", "عمر", "عمرو", "عامر", "حسن", "حسين", "حسني", "حسان",
    "سلمان", "سليمان", "سلطان", "سلامه", "خالد", "خليل", "فهد", "فهيد",
    "ناصر", "نصر", "نصير", "عادل", "عدلي", "جمال", "جميل", "كمال",
    "كامل", "صالح", "صلاح", "ماجد", "مجيد", "راشد", "رشيد", "رشاد",
    "زايد", "زياد", "زيد", "سامي", "سامح", "سليم", "سالم", "سلام",
    "هشام", "هاشم", "بشير", "بشار", "بشري", "امين", "امينه", "مريم",
    "مرام", "هدي", "هادي", "مهدي", "عزيز", "عزت", "رامي", "رامز",
    "رايد", "رياض", "شادي", "غازي", "فارس", "فايز", "فوزي", "فواز",
    "قاسم", "هيثم", "توفيق", "رفيق", "شريف", "اشرف", "منير", "نبيل",
    "نبيه", "وليد", "خلف", "خليفه", "حماس", "حمس", "فتح", "فتحي",
    "عماد", "عمار", "معاذ", "مازن", "ياسر", "ياسين", "يسري", "نادر",
    "نادي", "ناديه", "نور", "نوري", "نوره", "عايشه", "عايض", "عياض",
    "جابر", "جبير", "جبر", "منصور", "منصوري", "سعاد", "سعديه"};

/* ------------------------------------------------------------ memory */

typedef struct arena_blk {
    struct arena_blk *next;
    size_t used, cap;
    max_align_t data[]; /* cap bytes */
} arena_blk;

typedef struct mem {
    marsad_allocator al; /* hooks, or the C library's */
    int failed;          /* an allocation failed */
} mem;

typedef struct arena {
    mem *m;
    arena_blk *head;
} arena;

static void *sys_malloc(void *ud, size_t n)
{
    (void)ud;
    return malloc(n);
}

static void *sys_realloc(void *ud, void *p, size_t n)
{
    (void)ud;
    return realloc(p, n);
}

static void sys_free(void *ud, void *p)
{
    (void)ud;
    free(p);
}

static void mem_init(mem *m, const marsad_allocator *al)
{
    if (al) {
        m->al = *al;
    } else {
        m->al.malloc = sys_malloc;
        m->al.realloc = sys_realloc;
        m->al.free = sys_free;
        m->al.ud = NULL;
    }
    m->failed = 0;
}

static void *xmalloc(mem *m, size_t n)
{
    void *p;
    if (m->failed)
        return NULL;
    p = m->al.malloc(m->al.ud, n ? n : 1);
    if (!p)
        m->failed = 1;
    return p;
}

/* n elements of size sz, with overflow check. */
static void *xcalloc(mem *m, size_t n, size_t sz)
{
    void *p;
    if (sz && n > SIZE_MAX / sz) {
        m->failed = 1;
        return NULL;
    }
    p = xmalloc(m, n * sz);
    if (p)
        memset(p, 0, n * sz);
    return p;
}

static void xfree(mem *m, void *p)
{
    if (p)
        m->al.free(m->al.ud, p);
}

/* Grows *p (of *cap elements of size sz) to hold at least need elements.
 * Returns 0, or -1 (and *p is unchanged) on failure. */
static int xgrow(mem *m, void **p, size_t *cap, size_t need, size_t sz)
{
    size_t nc;
    void *q;
    if (need <= *cap)
        return 0;
    if (m->failed)
        return -1;
    nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / sz) {
            m->failed = 1;
            return -1;
        }
        nc *= 2;
    }
    q = *p ? m->al.realloc(m->al.ud, *p, nc * sz)
           : m->al.malloc(m->al.ud, nc * sz);
    if (!q) {
        m->failed = 1;
        return -1;
    }
    *p = q;
    *cap = nc;
    return 0;
}

#define GROW(m, arr, cap, need)                                            \
    xgrow((m), (void **)&(arr), &(cap), (need), sizeof *(arr))

static void *arena_alloc(arena *a, size_t n)
{
    arena_blk *b = a->head;
    size_t al = sizeof(max_align_t);
    n = (n + al - 1) / al * al;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        b = xmalloc(a->m, sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    b->used += n;
    return (char *)b->data + b->used - n;
}

/* A NUL-terminated copy of s[0..n) in the arena. */
static char *arena_str(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void arena_free(arena *a)
{
    while (a->head) {
        arena_blk *b = a->head;
        a->head = b->next;
        xfree(a->m, b);
    }
}

/* ------------------------------------------------------------ hashing */

/* Results must not depend on hash values: building with another
 * ME_HASH_SEED changes every hash and no output. */
#ifndef ME_HASH_SEED
#define ME_HASH_SEED 0
#endif

static uint64_t hash_bytes(const void *p, size_t n, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, n, seed ^ (uint64_t)ME_HASH_SEED);
}

/* An interner of byte strings: ids 0.. in order of first appearance.
 * Strings are copied into an arena, or kept as the caller's pointers when
 * no arena is given. */
typedef struct smap {
    uint32_t *slot;    /* id + 1, or 0 for empty */
    size_t nslot;      /* power of two */
    size_t n;          /* strings */
    size_t cap;        /* room in the arrays below */
    const char **str;
    uint32_t *len;
    uint64_t *hash;
} smap;

static int smap_rehash(mem *m, smap *s, size_t nslot)
{
    uint32_t *slot = xcalloc(m, nslot, sizeof *slot);
    size_t i;
    if (!slot)
        return -1;
    for (i = 0; i < s->n; i++) {
        size_t j = (size_t)s->hash[i] & (nslot - 1);
        while (slot[j])
            j = (j + 1) & (nslot - 1);
        slot[j] = (uint32_t)i + 1;
    }
    xfree(m, s->slot);
    s->slot = slot;
    s->nslot = nslot;
    return 0;
}

/* Id of s[0..n), or -1. */
static long smap_find(const smap *s, const char *p, size_t n)
{
    uint64_t h;
    size_t j;
    if (!s->nslot)
        return -1;
    h = hash_bytes(p, n, 0);
    j = (size_t)h & (s->nslot - 1);
    while (s->slot[j]) {
        uint32_t id = s->slot[j] - 1;
        if (s->hash[id] == h && s->len[id] == n &&
            memcmp(s->str[id], p, n) == 0)
            return (long)id;
        j = (j + 1) & (s->nslot - 1);
    }
    return -1;
}

/* Interns s[0..n): *id gets its id.  Returns 1 when new, 0 when known,
 * -1 on allocation failure. */
static int smap_intern(mem *m, smap *s, arena *a, const char *p, size_t n,
                       uint32_t *id)
{
    uint64_t h = hash_bytes(p, n, 0);
    size_t j;
    const char *copy = p;
    if (n > UINT32_MAX || s->n >= UINT32_MAX - 1) {
        m->failed = 1;
        return -1;
    }
    if ((s->n + 1) * 2 > s->nslot &&
        smap_rehash(m, s, s->nslot ? s->nslot * 2 : 1024))
        return -1;
    j = (size_t)h & (s->nslot - 1);
    while (s->slot[j]) {
        uint32_t k = s->slot[j] - 1;
        if (s->hash[k] == h && s->len[k] == n &&
            memcmp(s->str[k], p, n) == 0) {
            *id = k;
            return 0;
        }
        j = (j + 1) & (s->nslot - 1);
    }
    if (s->n + 1 > s->cap) {
        /* the three arrays share one capacity */
        size_t nc = s->cap ? s->cap * 2 : 256;
        const char **ns;
        uint32_t *nl;
        uint64_t *nh;
        if (m->failed)
            return -1;
        ns = s->str ? m->al.realloc(m->al.ud, s->str, nc * sizeof *ns)
                    : m->al.malloc(m->al.ud, nc * sizeof *ns);
        if (!ns)
            goto fail;
        s->str = ns;
        nl = s->len ? m->al.realloc(m->al.ud, s->len, nc * sizeof *nl)
                    : m->al.malloc(m->al.ud, nc * sizeof *nl);
        if (!nl)
            goto fail;
        s->len = nl;
        nh = s->hash ? m->al.realloc(m->al.ud, s->hash, nc * sizeof *nh)
                     : m->al.malloc(m->al.ud, nc * sizeof *nh);
        if (!nh)
            goto fail;
        s->hash = nh;
        s->cap = nc;
    }
    if (a) {
        char *c = arena_str(a, p, n);
        if (!c)
            return -1;
        copy = c;
    }
    s->str[s->n] = copy;
    s->len[s->n] = (uint32_t)n;
    s->hash[s->n] = h;
    s->slot[j] = (uint32_t)s->n + 1;
    *id = (uint32_t)s->n++;
    return 1;
fail:
    m->failed = 1;
    return -1;
}

static void smap_free(mem *m, smap *s)
{
    xfree(m, s->slot);
    xfree(m, s->str);
    xfree(m, s->len);
    xfree(m, s->hash);
    memset(s, 0, sizeof *s);
}

/* A map from 64-bit hashes to counts. */
typedef struct cmap {
    uint64_t *key; /* 0 for empty (a zero hash is stored as 1) */
    uint32_t *val;
    size_t nslot, n;
} cmap;

static int cmap_add(mem *m, cmap *c, uint64_t k, uint32_t v)
{
    size_t j;
    if (!k)
        k = 1;
    if ((c->n + 1) * 2 > c->nslot) {
        size_t ns = c->nslot ? c->nslot * 2 : 1024, i;
        uint64_t *nk = xcalloc(m, ns, sizeof *nk);
        uint32_t *nv = xcalloc(m, ns, sizeof *nv);
        if (!nk || !nv) {
            xfree(m, nk);
            xfree(m, nv);
            return -1;
        }
        for (i = 0; i < c->nslot; i++) {
            if (!c->key[i])
                continue;
            j = (size_t)c->key[i] & (ns - 1);
            while (nk[j])
                j = (j + 1) & (ns - 1);
            nk[j] = c->key[i];
            nv[j] = c->val[i];
        }
        xfree(m, c->key);
        xfree(m, c->val);
        c->key = nk;
        c->val = nv;
        c->nslot = ns;
    }
    j = (size_t)k & (c->nslot - 1);
    while (c->key[j] && c->key[j] != k)
        j = (j + 1) & (c->nslot - 1);
    if (!c->key[j]) {
        c->key[j] = k;
        c->n++;
    }
    c->val[j] = c->val[j] > UINT32_MAX - v ? UINT32_MAX : c->val[j] + v;
    return 0;
}

static uint32_t cmap_get(const cmap *c, uint64_t k)
{
    size_t j;
    if (!c->nslot)
        return 0;
    if (!k)
        k = 1;
    j = (size_t)k & (c->nslot - 1);
    while (c->key[j]) {
        if (c->key[j] == k)
            return c->val[j];
        j = (j + 1) & (c->nslot - 1);
    }
    return 0;
}

static void cmap_free(mem *m, cmap *c)
{
    xfree(m, c->key);
    xfree(m, c->val);
    memset(c, 0, sizeof *c);
}

/* ------------------------------------------------------------ sorting */

/* A 64-bit sort key and a payload. */
typedef struct kv {
    uint64_t k;
    uint32_t v;
} kv;

/* Stable LSD radix sort of a[0..n) by k, with tmp of n elements; passes
 * over a byte that is the same in every key are skipped. */
static void radix_kv(kv *a, kv *tmp, size_t n)
{
    size_t cnt[8][256];
    unsigned b;
    size_t i;
    memset(cnt, 0, sizeof cnt);
    for (i = 0; i < n; i++)
        for (b = 0; b < 8; b++)
            cnt[b][(a[i].k >> (8 * b)) & 0xFF]++;
    for (b = 0; b < 8; b++) {
        size_t sum = 0, c;
        int skip = 0;
        unsigned x;
        for (x = 0; x < 256; x++)
            if (cnt[b][x] == n)
                skip = 1;
        if (skip)
            continue;
        for (x = 0; x < 256; x++) {
            c = cnt[b][x];
            cnt[b][x] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            tmp[cnt[b][(a[i].k >> (8 * b)) & 0xFF]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
}

/* ------------------------------------------------------------ text */

/* One mention text cut into words, in display and match forms. */
typedef struct words {
    char *disp;       /* display normalization of the whole text */
    size_t ndisp, capdisp;
    char *match;      /* match words joined by one space */
    size_t nmatch, capmatch;
    size_t nword;
    size_t ds[WORDS_MAX], de[WORDS_MAX]; /* word i in disp */
    size_t ms[WORDS_MAX], me[WORDS_MAX]; /* word i in match */
} words;

/* Normalizes s[0..n) with flags into *buf (grown as needed). */
static int norm_into(mem *m, const char *s, size_t n, unsigned flags,
                     char **buf, size_t *cap, size_t at, size_t *outlen)
{
    size_t room = *cap - at;
    size_t need = marsad_normalize(s, n, flags, *cap ? *buf + at : NULL,
                                   *cap ? room : 0);
    if (need > room) {
        if (xgrow(m, (void **)buf, cap, at + need + 16, 1))
            return -1;
        need = marsad_normalize(s, n, flags, *buf + at, *cap - at);
    }
    *outlen = need;
    return 0;
}

/* Cuts s[0..n) into words.  Returns 0 or -1. */
static int words_cut(mem *m, words *w, const char *s, size_t n)
{
    size_t i, len;
    w->nword = 0;
    w->nmatch = 0;
    /* both buffers exist even for a text without words */
    if (xgrow(m, (void **)&w->disp, &w->capdisp, 16, 1) ||
        xgrow(m, (void **)&w->match, &w->capmatch, 16, 1))
        return -1;
    if (norm_into(m, s, n, DISPLAY_FOLDS, &w->disp, &w->capdisp, 0, &len))
        return -1;
    w->ndisp = len;
    i = 0;
    while (i < w->ndisp && w->nword < WORDS_MAX) {
        uint32_t c;
        size_t k = marsad_utf8_decode(w->disp + i, w->ndisp - i, &c), st;
        if (is_sep(c)) {
            i += k;
            continue;
        }
        st = i;
        while (i < w->ndisp) {
            k = marsad_utf8_decode(w->disp + i, w->ndisp - i, &c);
            if (is_sep(c))
                break;
            i += k;
        }
        w->ds[w->nword] = st;
        w->de[w->nword] = i;
        w->nword++;
    }
    for (i = 0; i < w->nword; i++) {
        size_t at = w->nmatch + (i > 0);
        if (xgrow(m, (void **)&w->match, &w->capmatch, at + 1, 1))
            return -1;
        if (i > 0)
            w->match[w->nmatch] = ' ';
        if (norm_into(m, w->disp + w->ds[i], w->de[i] - w->ds[i],
                      MATCH_FOLDS, &w->match, &w->capmatch, at, &len))
            return -1;
        w->ms[i] = at;
        w->me[i] = at + len;
        w->nmatch = at + len;
    }
    return 0;
}

/* Decodes s[0..n) into out[0..cap) with cp_fold; a space becomes 0 (the
 * token separator).  Returns the code points written. */
static size_t decode_cps(const char *s, size_t n, uint32_t *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n && o < cap) {
        uint32_t c;
        i += marsad_utf8_decode(s + i, n - i, &c);
        out[o++] = c == ' ' ? 0 : cp_fold(c);
    }
    return o;
}

static uint64_t hash_cps(const uint32_t *c, size_t n, uint64_t seed)
{
    return hash_bytes(c, n * sizeof *c, seed);
}

/* Consonant skeleton of one token c[0..n) into out (room for n): the
 * first letter by class (an initial vowel kept as ا, و or ي), then the
 * classes of the consonants, a final ه dropped, repeats collapsed.
 * Returns its length. */
static size_t skel_token(const uint32_t *c, size_t n, uint32_t *out)
{
    size_t i, o = 0;
    if (!n)
        return 0;
    out[o++] = is_vowel(c[0]) ? (c[0] == AR_HAMZA ? AR_ALEF : c[0])
                              : cp_class(c[0]);
    for (i = 1; i < n; i++) {
        uint32_t k = c[i];
        if (is_vowel(k))
            continue;
        if (k == AR_HEH && i == n - 1)
            continue;
        k = cp_class(k);
        if (out[o - 1] == k)
            continue;
        out[o++] = k;
    }
    return o;
}

/* Skeleton of tokens separated by 0 in c[0..n), concatenated, each token
 * without its article.  out has room for n. */
static size_t skel_tokens(const uint32_t *c, size_t n, uint32_t *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && c[j])
            j++;
        if (j - i >= 5 && c[i] == AR_ALEF && c[i + 1] == AR_LAM)
            o += skel_token(c + i + 2, j - i - 2, out + o);
        else
            o += skel_token(c + i, j - i, out + o);
        i = j + 1;
    }
    return o;
}

/* ------------------------------------------------------------ distance */

/* Cost (hundredths) of inserting or deleting s[i] of a token s[0..n),
 * the other token having nother letters. */
static int cost_indel(const uint32_t *s, int n, int i, int per, int nother)
{
    uint32_t c = s[i];
    if ((i > 0 && s[i - 1] == c) || (i + 1 < n && s[i + 1] == c))
        return 20; /* a doubled letter: داوود / داود, توكاييف / توكايف */
    if (is_vowel(c)) {
        if (i == 0)
            return 100;
        if (i == n - 1) {
            /* a final alef on a person's name is another person (the
             * feminine of a Slavic surname, نزارباييفا); on a place a
             * variant ending (بيلاروسيا) */
            if (per)
                return c == AR_ALEF ? 200 : 100; /* رونالدو / رونالد */
            /* short words: كوري is an adjective, روس a people, not
             * كوريا or روسيا */
            return n < 5 || nother < 5 ? 100 : 30;
        }
        return 30; /* a long vowel written or not */
    }
    if (c == AR_HEH && i == n - 1) {
        /* ة: feminine for persons, but a foreign -é or -ей is written يه
         * (هيرفي / هيرفيه, سيرغي / سيرغيه) */
        if (per)
            return i > 0 && s[i - 1] == AR_YEH ? 30 : 200;
        return n < 5 || nother < 5 ? 100 : 30;
    }
    return 100;
}

static int cost_sub(uint32_t x, uint32_t y, int first, int final, int per)
{
    if (x == y)
        return 0;
    if (final && (x == AR_ALEF || x == AR_HEH) &&
        (y == AR_ALEF || y == AR_HEH))
        return per ? 200 : 25; /* سوريا / سورية */
    if (final && is_vowel(x) && is_vowel(y))
        return 100; /* another ending: كولومبيا / كولومبو */
    if (is_vowel(x) && is_vowel(y))
        return 30; /* ميشال / ميشيل, أولوند / أولاند */
    if (cp_class(x) == cp_class(y)) {
        /* a different first letter is a different word more often than a
         * spelling: كينيا / غينيا, كوبا / جوبا */
        if (first || x == AR_SHEEN || y == AR_SHEEN || x == AR_HAH ||
            y == AR_HAH)
            return 50; /* غوتيريش / غوتيريس */
        return 25;     /* سيرغي / سيرجي, ت / ط */
    }
    return 100;
}

/* Weighted optimal-string-alignment distance of a[0..na) and b[0..nb)
 * (both at most TOK_MAX), or a value above limit as soon as it is sure to
 * exceed it. */
static int wdist(const uint32_t *a, int na, const uint32_t *b, int nb,
                 int per, int limit)
{
    int d[TOK_MAX + 1][TOK_MAX + 1];
    int i, j, prevmin = 0;
    d[0][0] = 0;
    for (i = 1; i <= na; i++)
        d[i][0] = d[i - 1][0] + cost_indel(a, na, i - 1, per, nb);
    for (j = 1; j <= nb; j++)
        d[0][j] = d[0][j - 1] + cost_indel(b, nb, j - 1, per, na);
    for (i = 1; i <= na; i++) {
        int rowmin = INT_MAX;
        for (j = 1; j <= nb; j++) {
            int fin = i == na || j == nb; /* a word's last letter */
            int v = d[i - 1][j - 1] +
                    cost_sub(a[i - 1], b[j - 1], i == 1 && j == 1, fin, per);
            int t = d[i - 1][j] + cost_indel(a, na, i - 1, per, nb);
            if (t < v)
                v = t;
            t = d[i][j - 1] + cost_indel(b, nb, j - 1, per, na);
            if (t < v)
                v = t;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && a[i - 1] != b[j - 1]) {
                int tc = is_vowel(a[i - 1]) || is_vowel(a[i - 2]) ? 35 : 50;
                t = d[i - 2][j - 2] + tc;
                if (t < v)
                    v = t;
            }
            d[i][j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (d[i][0] < rowmin)
            rowmin = d[i][0];
        /* a transposition reaches back two rows */
        if (rowmin > limit && prevmin > limit)
            return limit + 1;
        prevmin = rowmin;
    }
    return d[na][nb];
}

/* The distance a token pair may have, by the longer one's letters: none
 * up to 3, one cheap edit up to 6 (بنس / بينس, بوتن / بوتين; for a place
 * or an organisation of 4 letters only a letter class: الكويت / الكوت),
 * two up to 9, three beyond.  Short Arabic names whose one-vowel
 * neighbours are other names (سعد / سعود) are in exact_names. */
static int threshold(int len, int per)
{
    if (len <= 3)
        return 0;
    if (len == 4)
        return per ? 30 : 25; /* الكويت / الكوت */
    if (len <= 6)
        return 35;
    if (len <= 9)
        return 70;
    return 100;
}

/* ------------------------------------------------------------ context */

enum {
    N_CHAIN = 1, /* a genealogical name: tokens compared exactly */
    N_WEAK = 2,  /* a rare type for its form */
    N_PREF = 4,  /* an alias table's preferred name */
    N_LONG = 8,  /* too long to compare by edit distance */
    N_DECOR = 16 /* its form carries a title or a designator */
};

typedef struct node {
    uint32_t form;
    uint32_t count;  /* mentions */
    uint32_t rank;   /* position in frequency order */
    uint32_t cp;     /* core in ctx.cps: tokens separated by 0 */
    uint32_t ncp;
    uint32_t tok;    /* token skeleton hashes in ctx.tokh */
    uint32_t redir;  /* corpus-level target node + 1, or 0 */
    uint8_t ntok;
    uint8_t type;
    uint8_t flags;
} node;

typedef struct form {
    uint32_t count;
    uint32_t tcount[4]; /* mentions per type */
    uint32_t node[4];   /* node + 1 per type, or 0 */
    uint32_t key;       /* id in ctx.forms (the match key) */
    uint8_t main;       /* the most frequent type */
    uint8_t pref;       /* an alias's preferred name */
    uint8_t decor;      /* carries a title or a designator */
} form;

/* A short person name S in an article, with a compatible full name F in
 * the same article. */
typedef struct inart {
    uint32_t article, s, f;
} inart;

typedef struct ctx {
    mem *m;
    arena ar;
    const me_mention *men;
    size_t n;
    /* per mention */
    uint32_t *m_raw;
    /* surfaces */
    smap raws;        /* texts as given; strings are the caller's */
    uint32_t *raw_count;
    uint32_t *raw_form;
    uint32_t *raw_var;
    smap keys;        /* unstripped match keys */
    uint32_t *key_count;
    size_t capkey;
    cmap skelc;       /* skeleton hash -> mentions */
    cmap wordc;       /* match word hash -> mentions holding it */
    smap forms;       /* stripped match keys */
    form *form;
    size_t capform;
    smap vars;        /* stripped display forms */
    uint32_t *var_form;
    size_t capvar;
    /* nodes */
    node *node;
    size_t nnode;
    uint32_t *byrank;  /* node ids by rank */
    uint32_t *parent;  /* union-find */
    uint32_t *ccount;  /* at a root: the mentions of its cluster */
    uint32_t *cps;
    size_t ncps, capcps;
    uint64_t *tokh;
    size_t ntokh, captokh;
    /* blocking entries: key hash -> node rank, sorted by key */
    kv *kent;
    size_t nkent;
    /* in-article pairs */
    inart *ia;
    size_t nia, capia;
    /* word lists, as sorted hashes of their code points */
    uint64_t *set_title, *set_loc, *set_org, *set_club, *set_join,
        *set_chain, *set_exact;
    size_t nset_title, nset_loc, nset_org, nset_club, nset_join,
        nset_chain, nset_exact;
    /* scratch */
    words w;
    char *buf;
    size_t capbuf;
    uint32_t *cbuf, *sbuf;
    size_t capcbuf, capsbuf;
} ctx;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int build_set(ctx *c, const char *const *list, size_t n,
                     uint64_t **set, size_t *nset)
{
    uint32_t tmp[64];
    size_t i;
    *set = xcalloc(c->m, n, sizeof **set);
    if (!*set)
        return -1;
    for (i = 0; i < n; i++) {
        size_t k = decode_cps(list[i], strlen(list[i]), tmp, 64);
        (*set)[i] = hash_cps(tmp, k, 0);
    }
    qsort(*set, n, sizeof **set, cmp_u64);
    *nset = n;
    return 0;
}

static int in_set(const uint64_t *set, size_t n, const uint32_t *c,
                  size_t k)
{
    uint64_t h = hash_cps(c, k, 0);
    return bsearch(&h, set, n, sizeof *set, cmp_u64) != NULL;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int ctx_sets(ctx *c)
{
    if (build_set(c, titles, NELEM(titles), &c->set_title, &c->nset_title) ||
        build_set(c, desig_loc, NELEM(desig_loc), &c->set_loc,
                  &c->nset_loc) ||
        build_set(c, desig_org, NELEM(desig_org), &c->set_org,
                  &c->nset_org) ||
        build_set(c, desig_club, NELEM(desig_club), &c->set_club,
                  &c->nset_club) ||
        build_set(c, joiners, NELEM(joiners), &c->set_join, &c->nset_join) ||
        build_set(c, chain_words, NELEM(chain_words), &c->set_chain,
                  &c->nset_chain) ||
        build_set(c, exact_names, NELEM(exact_names), &c->set_exact,
                  &c->nset_exact))
        return -1;
    return 0;
}

/* ------------------------------------------------------------ surfaces */

/* Skeleton hash of a match key (words separated by spaces) and its
 * length in letters. */
static int key_skel(ctx *c, const char *k, size_t n, uint64_t *h,
                    size_t *len)
{
    size_t nc;
    if (GROW(c->m, c->cbuf, c->capcbuf, n + 1) ||
        GROW(c->m, c->sbuf, c->capsbuf, n + 1))
        return -1;
    nc = decode_cps(k, n, c->cbuf, n + 1);
    *len = skel_tokens(c->cbuf, nc, c->sbuf);
    *h = hash_cps(c->sbuf, *len, 0x5eed);
    return 0;
}

/* Evidence that the match key k[0..n) is a name: its mentions, plus the
 * mentions of its skeleton when that has three letters or more. */
static int evidence(ctx *c, const char *k, size_t n, uint32_t *exact,
                    uint64_t *ev)
{
    long id = smap_find(&c->keys, k, n);
    uint64_t h;
    size_t sl;
    *exact = id >= 0 ? c->key_count[id] : 0;
    *ev = *exact;
    if (key_skel(c, k, n, &h, &sl))
        return -1;
    if (sl >= 3)
        *ev += cmap_get(&c->skelc, h);
    return 0;
}

/* Pass 1: the unstripped match key of every surface, with counts. */
static int surfaces_count(ctx *c)
{
    size_t r, k;
    for (r = 0; r < c->raws.n; r++) {
        uint32_t id;
        uint64_t h;
        size_t sl;
        int isnew;
        if (words_cut(c->m, &c->w, c->raws.str[r], c->raws.len[r]))
            return -1;
        isnew = smap_intern(c->m, &c->keys, &c->ar, c->w.match,
                            c->w.nmatch, &id);
        if (isnew < 0 || GROW(c->m, c->key_count, c->capkey, c->keys.n))
            return -1;
        if (isnew)
            c->key_count[id] = 0;
        c->key_count[id] += c->raw_count[r];
        if (key_skel(c, c->w.match, c->w.nmatch, &h, &sl) ||
            cmap_add(c->m, &c->skelc, h, c->raw_count[r]))
            return -1;
        for (k = 0; k < c->w.nword; k++)
            if (cmap_add(c->m, &c->wordc,
                         hash_bytes(c->w.match + c->w.ms[k],
                                    c->w.me[k] - c->w.ms[k], 0x3d),
                         c->raw_count[r]))
                return -1;
    }
    return 0;
}

/* Code points in s[0..n). */
static size_t cp_count(const char *s, size_t n)
{
    size_t i = 0, k = 0;
    while (i < n) {
        uint32_t cp;
        i += marsad_utf8_decode(s + i, n - i, &cp);
        k++;
    }
    return k;
}

/* Byte length of the first k code points of s[0..n). */
static size_t cp_bytes(const char *s, size_t n, size_t k)
{
    size_t i = 0;
    while (i < n && k--) {
        uint32_t cp;
        i += marsad_utf8_decode(s + i, n - i, &cp);
    }
    return i;
}

/* A way to read the first word: p code points of proclitics, and whether
 * the alef of the article is restored after ل (للناتو = ل + الناتو). */
typedef struct strip {
    unsigned p;
    int restore;
} strip;

/* Writes into c->buf the match key with the first word stripped by st.
 * Returns its length, or (size_t)-1 on failure. */
static size_t strip_key(ctx *c, strip st, int display)
{
    const words *w = &c->w;
    const char *s = display ? w->disp : w->match;
    size_t s0, e0, skip, n = 0, i;
    size_t need = (display ? w->ndisp : w->nmatch) + 8;
    if (GROW(c->m, c->buf, c->capbuf, need))
        return (size_t)-1;
    if (!w->nword)
        return 0;
    s0 = display ? w->ds[0] : w->ms[0];
    e0 = display ? w->de[0] : w->me[0];
    skip = cp_bytes(s + s0, e0 - s0, st.p);
    if (st.restore)
        n += marsad_utf8_encode(AR_ALEF, c->buf);
    memcpy(c->buf + n, s + s0 + skip, e0 - s0 - skip);
    n += e0 - s0 - skip;
    for (i = 1; i < w->nword; i++) {
        size_t a = display ? w->ds[i] : w->ms[i];
        size_t b = display ? w->de[i] : w->me[i];
        c->buf[n++] = ' ';
        memcpy(c->buf + n, s + a, b - a);
        n += b - a;
    }
    return n;
}

/* Decides how to read the first word of c->w.
 *
 * Candidates are the proclitic strings (و|ف)?(ب|ل|ك)? at its start, with
 * the article's alef restored after ل before ل, and no proclitic with
 * the alef restored before a first ل (لأمم المتحدة, the mention of
 * للأمم المتحدة).  The remainder keeps at least 3 letters, or 2 after
 * the article.  The segmenter votes for the
 * candidate it would cut.  A candidate is taken when
 *   - the segmenter cuts there and the stripped key has evidence at
 *     least a quarter of the whole word's (وبوتين, لكازاخستان; not
 *     بلينكن, whose لينكن is rare or absent), or
 *   - the segmenter does not cut but the stripped key is seen at least
 *     twice and twice as often as the whole (لتوكاييف);
 * the one with the most evidence wins.  Failing those, a cut by the
 * segmenter before the article is taken (والأمم المتحدة): no name starts
 * with و ب ل ك ف followed by ال except through a proclitic.  Last, a cut
 * by the segmenter after the conjunction و or ف alone, when the stripped
 * first word is a word of other mentions at least a quarter as often as
 * the whole one (وحلف الأطلسي, when حلف starts other names); the
 * prepositions ب ل ك need the evidence above (كولي is not ك + ولي,
 * though ولي starts ولي العهد). */
static int strip_decide(ctx *c, strip *out)
{
    const words *w = &c->w;
    uint32_t cp[8];
    size_t nw, k, i;
    marsad_segment seg[MARSAD_MAX_SEGMENTS];
    unsigned nseg, segp = 0, s;
    uint32_t ex_whole;
    uint64_t ev_whole, best_ev = 0;
    int have = 0, fallback = 0, byword = 0;
    strip best = {0, 0}, fb = {0, 0}, cj = {0, 0};
    strip cand[16];
    size_t ncand = 0;

    out->p = 0;
    out->restore = 0;
    if (!w->nword)
        return 0;
    nw = w->me[0] - w->ms[0];
    k = decode_cps(w->match + w->ms[0], nw, cp, 8);
    {
        static const uint32_t conj[] = {0, AR_WAW, AR_FEH};
        static const uint32_t prep[] = {0, AR_BEH, AR_LAM, AR_KAF};
        size_t a, b;
        for (a = 0; a < 3; a++)
            for (b = 0; b < 4; b++) {
                unsigned p = 0;
                size_t total = cp_count(w->match + w->ms[0], nw);
                if (conj[a]) {
                    if (p >= k || cp[p] != conj[a])
                        continue;
                    p++;
                }
                if (prep[b]) {
                    if (p >= k || cp[p] != prep[b])
                        continue;
                    p++;
                }
                if (!p)
                    continue;
                if (total >= p + 3) {
                    cand[ncand].p = p;
                    cand[ncand++].restore = 0;
                }
                /* ل + ل...: the article's alef restored */
                if (prep[b] == AR_LAM && p < k && cp[p] == AR_LAM &&
                    total >= p + 2) {
                    cand[ncand].p = p;
                    cand[ncand++].restore = 1;
                }
            }
        /* a first ل that is the article's, its alef dropped after the
         * preposition ل, which the mention leaves out (للأمم المتحدة gives
         * the mention لأمم المتحدة) */
        if (k >= 3 && cp[0] == AR_LAM) {
            cand[ncand].p = 0;
            cand[ncand++].restore = 1;
        }
    }
    if (!ncand)
        return 0;

    nseg = marsad_segment_word(w->disp + w->ds[0], w->de[0] - w->ds[0], seg);
    for (s = 0; s < nseg && seg[s].kind == MARSAD_SEG_PROCLITIC; s++)
        segp = (unsigned)cp_count(w->disp + w->ds[0], seg[s].end);

    if (evidence(c, w->match, w->nmatch, &ex_whole, &ev_whole))
        return -1;
    for (i = 0; i < ncand; i++) {
        uint32_t ex;
        uint64_t ev;
        size_t n = strip_key(c, cand[i], 0);
        int vote = segp && cand[i].p == segp, ok;
        if (n == (size_t)-1 || evidence(c, c->buf, n, &ex, &ev))
            return -1;
        if (vote)
            ok = ev > 0 && ev * 4 >= ev_whole;
        else
            ok = ex >= 2 && ex >= 2 * (uint64_t)ex_whole;
        if (ok && (!have || ev > best_ev ||
                   (ev == best_ev && cand[i].p > best.p))) {
            best = cand[i];
            best_ev = ev;
            have = 1;
        }
        if (vote && cand[i].p == 1 && !cand[i].restore &&
            (cp[0] == AR_WAW || cp[0] == AR_FEH)) {
            size_t f0 = 0;
            uint32_t whole = cmap_get(&c->wordc,
                                      hash_bytes(w->match + w->ms[0], nw,
                                                 0x3d)),
                     part;
            while (f0 < n && c->buf[f0] != ' ')
                f0++;
            part = cmap_get(&c->wordc, hash_bytes(c->buf, f0, 0x3d));
            if (part > 0 && (uint64_t)part * 4 >= whole) {
                cj = cand[i];
                byword = 1;
            }
        }
        if (vote && !fallback && n >= 4 &&
            (unsigned char)c->buf[0] == 0xD8 &&
            (unsigned char)c->buf[1] == 0xA7 &&
            (unsigned char)c->buf[2] == 0xD9 &&
            (unsigned char)c->buf[3] == 0x84) {
            fb = cand[i];
            fallback = 1;
        }
    }
    if (have)
        *out = best;
    else if (fallback)
        *out = fb;
    else if (byword)
        *out = cj;
    return 0;
}

/* Pass 2: strip every surface and intern its form and display variant. */
static int surfaces_strip(ctx *c)
{
    size_t r;
    c->raw_form = xcalloc(c->m, c->raws.n, sizeof *c->raw_form);
    c->raw_var = xcalloc(c->m, c->raws.n, sizeof *c->raw_var);
    if (!c->raw_form || !c->raw_var)
        return -1;
    for (r = 0; r < c->raws.n; r++) {
        strip st;
        size_t n;
        uint32_t f, v;
        int isnew;
        if (words_cut(c->m, &c->w, c->raws.str[r], c->raws.len[r]) ||
            strip_decide(c, &st))
            return -1;
        n = strip_key(c, st, 0);
        if (n == (size_t)-1)
            return -1;
        isnew = smap_intern(c->m, &c->forms, &c->ar, c->buf, n, &f);
        if (isnew < 0 || GROW(c->m, c->form, c->capform, c->forms.n))
            return -1;
        if (isnew) {
            memset(&c->form[f], 0, sizeof c->form[f]);
            c->form[f].key = f;
        }
        n = strip_key(c, st, 1);
        if (n == (size_t)-1)
            return -1;
        isnew = smap_intern(c->m, &c->vars, &c->ar, c->buf, n, &v);
        if (isnew < 0 || GROW(c->m, c->var_form, c->capvar, c->vars.n))
            return -1;
        /* a display form that folds to two keys (it cannot, the match
         * folds being a function of the display) keeps its first */
        if (isnew)
            c->var_form[v] = f;
        c->raw_form[r] = f;
        c->raw_var[r] = v;
    }
    return 0;
}

/* ------------------------------------------------------------ nodes */

/* Builds the comparison core of node x from the match key k[0..n). */
static int node_core(ctx *c, node *x, const char *k, size_t n)
{
    size_t nc, i, t;
    size_t ts[WORDS_MAX + 1], te[WORDS_MAX + 1], nt = 0, first = 0;
    int titled = 0;
    uint32_t *cp;
    if (GROW(c->m, c->cbuf, c->capcbuf, n + 1) ||
        GROW(c->m, c->sbuf, c->capsbuf, n + 1))
        return -1;
    cp = c->cbuf;
    nc = decode_cps(k, n, cp, n + 1);
    /* tokens */
    i = 0;
    while (i < nc && nt < WORDS_MAX) {
        size_t j = i;
        while (j < nc && cp[j])
            j++;
        if (j > i) {
            ts[nt] = i;
            te[nt++] = j;
        }
        i = j + 1;
    }
    /* compound names: عبد الله and عبدالله are one token */
    for (t = 0; t + 1 < nt; t++) {
        if (!in_set(c->set_join, c->nset_join, cp + ts[t], te[t] - ts[t]))
            continue;
        memmove(cp + te[t], cp + ts[t + 1],
                (te[t + 1] - ts[t + 1]) * sizeof *cp);
        te[t] += te[t + 1] - ts[t + 1];
        memmove(ts + t + 1, ts + t + 2, (nt - t - 2) * sizeof *ts);
        memmove(te + t + 1, te + t + 2, (nt - t - 2) * sizeof *te);
        nt--;
    }
    /* titles before a person (and the adjectives of nationality that follow
     * one: الرئيس الروسي فلاديمير بوتين), designators before a place or an
     * organisation */
    while (first + 1 < nt) {
        const uint32_t *w = cp + ts[first];
        size_t wl = te[first] - ts[first];
        size_t rest = nt - first - 1;
        const uint32_t *r = cp + ts[first + 1];
        size_t rl = te[first + 1] - ts[first + 1];
        int art = rl >= 2 && r[0] == AR_ALEF && r[1] == AR_LAM;
        if (x->type == ME_PER &&
            (in_set(c->set_title, c->nset_title, w, wl) ||
             (titled && wl >= 5 && w[0] == AR_ALEF && w[1] == AR_LAM &&
              (w[wl - 1] == AR_YEH ||
               (w[wl - 1] == AR_HEH && w[wl - 2] == AR_YEH))))) {
            titled = 1;
            first++;
            continue;
        }
        if (x->type == ME_LOC && in_set(c->set_loc, c->nset_loc, w, wl) &&
            (rest >= 2 || rl >= 3)) {
            first++;
            continue;
        }
        /* حزب الله, حركة الشباب: the rest alone is a common noun */
        if (x->type == ME_ORG && in_set(c->set_org, c->nset_org, w, wl) &&
            (rest >= 2 || (!art && rl >= 3))) {
            first++;
            continue;
        }
        if (x->type == ME_ORG && in_set(c->set_club, c->nset_club, w, wl) &&
            rl >= 3) {
            first++;
            continue;
        }
        break;
    }
    /* a genealogy cut after بن or آل lost its last name: drop the
     * dangling word */
    while (nt > first + 1 &&
           in_set(c->set_chain, c->nset_chain, cp + ts[nt - 1],
                  te[nt - 1] - ts[nt - 1]))
        nt--;
    if (first)
        x->flags |= N_DECOR;
    /* write the core: tokens without the article, separated by 0 */
    if (GROW(c->m, c->cps, c->capcps, c->ncps + nc + 1) ||
        GROW(c->m, c->tokh, c->captokh, c->ntokh + nt + 1))
        return -1;
    x->cp = (uint32_t)c->ncps;
    x->tok = (uint32_t)c->ntokh;
    x->ntok = 0;
    x->flags &= (uint8_t)~(N_CHAIN | N_LONG | N_DECOR);
    for (t = first; t < nt; t++) {
        const uint32_t *w = cp + ts[t];
        size_t wl = te[t] - ts[t], sl;
        /* not as the first word: بن علي يلدريم is a Turkish given name */
        if (t > first && in_set(c->set_chain, c->nset_chain, w, wl))
            x->flags |= N_CHAIN;
        /* the article goes, unless too little is left (الله) or the name
         * is one word of an organisation, where it tells a noun from an
         * acronym: الفتح (a club) is not فتح (a movement) */
        if (wl >= 5 && w[0] == AR_ALEF && w[1] == AR_LAM &&
            !(x->type == ME_ORG && nt - first == 1)) {
            w += 2;
            wl -= 2;
        }
        if (wl > TOK_MAX)
            x->flags |= N_LONG;
        if (x->ntok)
            c->cps[c->ncps++] = 0;
        memcpy(c->cps + c->ncps, w, wl * sizeof *w);
        c->ncps += wl;
        sl = skel_token(w, wl, c->sbuf);
        c->tokh[c->ntokh++] = hash_cps(c->sbuf, sl, 0x70c);
        x->ntok++;
    }
    x->ncp = (uint32_t)(c->ncps - x->cp);
    return 0;
}

typedef struct rk {
    uint32_t count, node;
    const char *key;
    uint32_t nkey;
    uint8_t type;
} rk;

static int cmp_rank(const void *a, const void *b)
{
    const rk *x = a, *y = b;
    uint32_t n;
    int d;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    n = x->nkey < y->nkey ? x->nkey : y->nkey;
    d = memcmp(x->key, y->key, n);
    if (d)
        return d;
    if (x->nkey != y->nkey)
        return x->nkey < y->nkey ? -1 : 1;
    return x->type < y->type ? -1 : x->type > y->type;
}

/* Nodes (form, type) with their counts, cores, ranks and weak flags. */
static int nodes_build(ctx *c)
{
    size_t i, f;
    rk *r;
    for (i = 0; i < c->n; i++) {
        form *fm = &c->form[c->raw_form[c->m_raw[i]]];
        fm->count++;
        fm->tcount[c->men[i].type - 1]++;
    }
    c->nnode = 0;
    for (f = 0; f < c->forms.n; f++) {
        form *fm = &c->form[f];
        int t, main = 0;
        for (t = 0; t < 4; t++)
            if (fm->tcount[t]) {
                c->nnode++;
                if (fm->tcount[t] > fm->tcount[main])
                    main = t;
            }
        fm->main = (uint8_t)(main + 1);
    }
    c->node = xcalloc(c->m, c->nnode, sizeof *c->node);
    c->byrank = xcalloc(c->m, c->nnode, sizeof *c->byrank);
    c->parent = xcalloc(c->m, c->nnode, sizeof *c->parent);
    c->ccount = xcalloc(c->m, c->nnode, sizeof *c->ccount);
    r = xcalloc(c->m, c->nnode, sizeof *r);
    if (!c->node || !c->byrank || !c->parent || !c->ccount || !r) {
        xfree(c->m, r);
        return -1;
    }
    c->nnode = 0;
    for (f = 0; f < c->forms.n; f++) {
        form *fm = &c->form[f];
        int t;
        for (t = 0; t < 4; t++) {
            node *x;
            if (!fm->tcount[t])
                continue;
            x = &c->node[c->nnode];
            x->form = (uint32_t)f;
            x->type = (uint8_t)(t + 1);
            x->count = fm->tcount[t];
            if ((uint64_t)fm->tcount[t] * WEAK_DIV < fm->count)
                x->flags |= N_WEAK;
            fm->node[t] = (uint32_t)c->nnode + 1;
            if (node_core(c, x, c->forms.str[f], c->forms.len[f])) {
                xfree(c->m, r);
                return -1;
            }
            if (x->flags & N_DECOR)
                fm->decor = 1;
            r[c->nnode].count = x->count;
            c->ccount[c->nnode] = x->count;
            r[c->nnode].node = (uint32_t)c->nnode;
            r[c->nnode].key = c->forms.str[f];
            r[c->nnode].nkey = c->forms.len[f];
            r[c->nnode].type = x->type;
            c->nnode++;
        }
    }
    qsort(r, c->nnode, sizeof *r, cmp_rank);
    for (i = 0; i < c->nnode; i++) {
        c->byrank[i] = r[i].node;
        c->node[r[i].node].rank = (uint32_t)i;
        c->parent[i] = (uint32_t)i;
    }
    xfree(c->m, r);
    return 0;
}

static uint32_t sat_add(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

static uint32_t uf_find(uint32_t *p, uint32_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* Joins the sets of a and b; the more frequent root stays root, so a
 * cluster's root is its most frequent node. */
static void uf_union(ctx *c, uint32_t a, uint32_t b)
{
    uint32_t ra = uf_find(c->parent, a), rb = uf_find(c->parent, b), t;
    if (ra == rb)
        return;
    if (c->node[rb].rank < c->node[ra].rank) {
        t = ra;
        ra = rb;
        rb = t;
    }
    c->parent[rb] = ra;
    c->ccount[ra] = sat_add(c->ccount[ra], c->ccount[rb]);
    /* a redirect of the absorbed cluster now holds for the whole */
    if (!c->node[ra].redir)
        c->node[ra].redir = c->node[rb].redir;
    if (c->node[ra].redir &&
        uf_find(c->parent, c->node[ra].redir - 1) == ra)
        c->node[ra].redir = 0;
}

/* ------------------------------------------------------------ similarity */

/* Token i of node x: its code points and length. */
static const uint32_t *node_token(const ctx *c, const node *x, unsigned i,
                                  size_t *len)
{
    const uint32_t *p = c->cps + x->cp, *end = p + x->ncp;
    while (i--) {
        while (p < end && *p)
            p++;
        p++;
    }
    *len = 0;
    while (p + *len < end && p[*len])
        (*len)++;
    return p;
}

static int tok_exact_only(const ctx *c, const uint32_t *a, size_t na)
{
    size_t i;
    for (i = 0; i < na; i++)
        if (!is_arabic(a[i]))
            return 1; /* Latin, digits: equal or not */
    if (na >= 4 && a[0] == AR_ALEF && a[1] == AR_LAM &&
        in_set(c->set_exact, c->nset_exact, a + 2, na - 2))
        return 1; /* النصر, kept whole as an organisation's one word */
    return in_set(c->set_exact, c->nset_exact, a, na);
}

/* Distance of two tokens, or COST_INF when over their threshold (scaled
 * by slack percent). */
static int tok_dist(const ctx *c, const uint32_t *a, size_t na,
                    const uint32_t *b, size_t nb, int per, int exact,
                    int slack)
{
    int lim, d;
    /* a person's name by its longer spelling (بنس / بينس), other names
     * by the shorter: place names are written more uniformly, and
     * المنيا (a city) is not ألمانيا */
    size_t len = (na > nb) == (per != 0) ? na : nb;
    if (na == nb && memcmp(a, b, na * sizeof *a) == 0)
        return 0;
    if (exact || na > TOK_MAX || nb > TOK_MAX ||
        tok_exact_only(c, a, na) || tok_exact_only(c, b, nb))
        return COST_INF;
    lim = threshold((int)len, per) * slack / 100;
    if (!lim)
        return COST_INF;
    d = wdist(a, (int)na, b, (int)nb, per, lim);
    return d <= lim ? d : COST_INF;
}

/* Distance of two nodes of one type, or COST_INF.  Same token count:
 * token by token; otherwise the same letters spaced differently (نور
 * سلطان / نورسلطان, شي جين بينغ / شي جينبينغ). */
static int node_dist(const ctx *c, const node *x, const node *y, int slack)
{
    int per = x->type == ME_PER, exact = (x->flags | y->flags) & N_CHAIN;
    int total = 0;
    if ((x->flags | y->flags) & N_LONG)
        exact = 1;
    if (x->ntok == y->ntok) {
        unsigned i;
        for (i = 0; i < x->ntok; i++) {
            size_t na, nb;
            const uint32_t *a = node_token(c, x, i, &na);
            const uint32_t *b = node_token(c, y, i, &nb);
            int d = tok_dist(c, a, na, b, nb, per, exact, slack);
            if (d >= COST_INF)
                return COST_INF;
            total += d;
        }
        return total;
    } else {
        /* spacing variants must be the same letters: a looser test would
         * join ميركل and a stray "مارك ل" */
        size_t i = 0, j = 0;
        if (exact && (x->flags & N_LONG))
            return COST_INF;
        for (;;) {
            while (i < x->ncp && !c->cps[x->cp + i])
                i++;
            while (j < y->ncp && !c->cps[y->cp + j])
                j++;
            if (i == x->ncp || j == y->ncp)
                return i == x->ncp && j == y->ncp ? 0 : COST_INF;
            if (c->cps[x->cp + i] != c->cps[y->cp + j])
                return COST_INF;
            i++;
            j++;
        }
    }
}

/* ------------------------------------------------------------ variants */

/* Blocking keys of node x into out (room for 2 + skeleton length):
 * the skeleton, and its one-letter deletions when it has 4 to DEL_MAX
 * letters (a longer name is met through its whole skeleton only, which
 * keeps the work linear for the junk a recognizer may emit).  The type is
 * part of every key. */
static size_t node_keys(ctx *c, const node *x, uint64_t *out)
{
    size_t sl, i, n = 0;
    uint32_t del[DEL_MAX];
    uint64_t seed = 0x9e3779b97f4a7c15ULL * x->type;
    sl = skel_tokens(c->cps + x->cp, x->ncp, c->sbuf);
    out[n++] = hash_cps(c->sbuf, sl, seed);
    if (sl >= 4 && sl <= DEL_MAX) {
        for (i = 0; i < sl; i++) {
            if (i > 0 && c->sbuf[i] == c->sbuf[i - 1])
                continue; /* the same deletion as the previous */
            memcpy(del, c->sbuf, i * sizeof *del);
            memcpy(del + i, c->sbuf + i + 1, (sl - i - 1) * sizeof *del);
            /* in the same space as the skeletons themselves: a deletion
             * of one meets the other's skeleton (an inserted letter) or
             * its deletion (a substitution or a transposition) */
            out[n++] = hash_cps(del, sl - 1, seed);
        }
    }
    return n;
}

typedef struct cand {
    int dist;
    uint32_t rank, node;
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist < y->dist ? -1 : 1;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Clusters the nodes of each type by spelling. */
static int variants(ctx *c)
{
    kv *ent = NULL, *tmp = NULL;
    size_t nent = 0, capent = 0, i, ncand = 0, capcand = 0;
    uint64_t *keys = NULL;
    size_t capkeys = 0;
    uint32_t *stamp = NULL;
    cand *cd = NULL;
    int rc = -1;

    stamp = xcalloc(c->m, c->nnode, sizeof *stamp);
    if (!stamp)
        goto out;
    /* entries in rank order, so that a stable sort by key keeps each
     * block in rank order */
    for (i = 0; i < c->nnode; i++) {
        node *x = &c->node[c->byrank[i]];
        size_t k, nk;
        if (GROW(c->m, keys, capkeys, x->ncp + 2) ||
            GROW(c->m, c->sbuf, c->capsbuf, x->ncp + 1))
            goto out;
        nk = node_keys(c, x, keys);
        if (GROW(c->m, ent, capent, nent + nk))
            goto out;
        for (k = 0; k < nk; k++) {
            ent[nent].k = keys[k];
            ent[nent++].v = (uint32_t)i;
        }
    }
    tmp = xcalloc(c->m, nent ? nent : 1, sizeof *tmp);
    if (!tmp)
        goto out;
    radix_kv(ent, tmp, nent);
    c->kent = ent;
    c->nkent = nent;

    for (i = 0; i < c->nnode; i++) {
        uint32_t xi = c->byrank[i];
        node *x = &c->node[xi];
        size_t k, nk, j;
        if (GROW(c->m, keys, capkeys, x->ncp + 2) ||
            GROW(c->m, c->sbuf, c->capsbuf, x->ncp + 1))
            goto out;
        nk = node_keys(c, x, keys);
        ncand = 0;
        for (k = 0; k < nk; k++) {
            size_t lo = 0, hi = nent, taken = 0;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (ent[mid].k < keys[k])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (j = lo; j < nent && ent[j].k == keys[k]; j++) {
                uint32_t yr = ent[j].v, yi;
                int d;
                if (yr >= i || taken >= KEY_CAP)
                    break;
                taken++;
                yi = c->byrank[yr];
                if (stamp[yi] == i + 1)
                    continue;
                stamp[yi] = (uint32_t)i + 1;
                if (c->node[yi].type != x->type)
                    continue;
                d = node_dist(c, x, &c->node[yi], 100);
                if (d >= COST_INF)
                    continue;
                if (GROW(c->m, cd, capcand, ncand + 1))
                    goto out;
                cd[ncand].dist = d;
                cd[ncand].rank = yr;
                cd[ncand++].node = yi;
            }
        }
        if (!ncand)
            continue;
        qsort(cd, ncand, sizeof *cd, cmp_cand);
        for (j = 0; j < ncand; j++) {
            uint32_t root = uf_find(c->parent, cd[j].node);
            if (root != cd[j].node &&
                node_dist(c, x, &c->node[root], HEAD_SLACK) >= COST_INF)
                continue;
            c->parent[xi] = root;
            c->ccount[root] = sat_add(c->ccount[root], c->ccount[xi]);
            break;
        }
    }
    rc = 0;
out:
    if (ent != c->kent)
        xfree(c->m, ent);
    xfree(c->m, tmp);
    xfree(c->m, keys);
    xfree(c->m, stamp);
    xfree(c->m, cd);
    return rc;
}

/* ------------------------------------------------------------ aliases */

/* The closest node of type `type` to the name whose match key is
 * k[0..n), through the blocking keys: node + 1, or 0 when none is within
 * the thresholds. */
static int alias_fuzzy(ctx *c, const char *k, size_t n, int type,
                       uint32_t *out)
{
    node tn;
    uint64_t *keys = NULL;
    size_t capkeys = 0, nk, i, j;
    int bestd = COST_INF;
    uint32_t best = 0;
    memset(&tn, 0, sizeof tn);
    tn.type = (uint8_t)type;
    *out = 0;
    if (node_core(c, &tn, k, n))
        return -1;
    if (GROW(c->m, keys, capkeys, tn.ncp + 2) ||
        GROW(c->m, c->sbuf, c->capsbuf, tn.ncp + 1)) {
        xfree(c->m, keys);
        return -1;
    }
    nk = node_keys(c, &tn, keys);
    for (i = 0; i < nk; i++) {
        size_t lo = 0, hi = c->nkent, taken = 0;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (c->kent[mid].k < keys[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        for (j = lo; j < c->nkent && c->kent[j].k == keys[i] &&
                     taken < KEY_CAP;
             j++, taken++) {
            uint32_t y = c->byrank[c->kent[j].v];
            int d;
            if (c->node[y].type != type)
                continue;
            d = node_dist(c, &tn, &c->node[y], 100);
            if (d < bestd ||
                (d == bestd && best && c->node[y].rank <
                                           c->node[best - 1].rank)) {
                bestd = d;
                best = y + 1;
            }
        }
    }
    xfree(c->m, keys);
    *out = best;
    return 0;
}

/* The node a name of an alias stands for: its form, of the alias's type
 * or, for type 0, of the form's main type; failing that (the table gives
 * one spelling, the corpus another) the closest node of the alias's type.
 * *out is node + 1, or 0 when the name is not in the corpus. */
static int alias_node(ctx *c, const char *s, size_t n, int type,
                      uint32_t *out)
{
    long f;
    *out = 0;
    if (words_cut(c->m, &c->w, s, n))
        return -1;
    f = smap_find(&c->forms, c->w.match, c->w.nmatch);
    if (f >= 0) {
        int t = type ? type : c->form[f].main;
        if (t >= ME_PER && t <= ME_MISC && c->form[f].node[t - 1]) {
            *out = c->form[f].node[t - 1];
            return 0;
        }
    }
    if (type < ME_PER || type > ME_MISC)
        return 0;
    if (GROW(c->m, c->buf, c->capbuf, c->w.nmatch + 1))
        return -1;
    memcpy(c->buf, c->w.match, c->w.nmatch);
    return alias_fuzzy(c, c->buf, c->w.nmatch, type, out);
}

static int aliases_apply(ctx *c, const me_alias *al, size_t nal)
{
    size_t i;
    for (i = 0; i < nal; i++) {
        uint32_t a, b;
        if (!al[i].a || !al[i].b)
            continue;
        if (alias_node(c, al[i].a, al[i].na, al[i].type, &a) ||
            alias_node(c, al[i].b, al[i].nb, al[i].type, &b))
            return -1;
        if (a)
            c->form[c->node[a - 1].form].pref = 1;
        if (a && b)
            uf_union(c, a - 1, b - 1);
    }
    return 0;
}

/* ------------------------------------------------------------ persons */

/* The root a node's mentions go to: its cluster's root, following the
 * corpus-level redirects of short names. */
static uint32_t final_root(ctx *c, uint32_t x)
{
    uint32_t r = uf_find(c->parent, x);
    unsigned guard = 0;
    while (c->node[r].redir && guard++ < 16)
        r = uf_find(c->parent, c->node[r].redir - 1);
    return r;
}

/* Token a of one node matches token b of another: same skeleton and
 * within the threshold. */
static int tok_match(const ctx *c, const node *x, unsigned i, const node *y,
                     unsigned j)
{
    size_t na, nb;
    const uint32_t *a, *b;
    if (c->tokh[x->tok + i] != c->tokh[y->tok + j])
        return 0;
    a = node_token(c, x, i, &na);
    b = node_token(c, y, j, &nb);
    return tok_dist(c, a, na, b, nb, 1, 0, 100) < COST_INF;
}

/* Tokens s[from..to) of x are a subsequence of tokens [0..fe) of y. */
static int subseq(const ctx *c, const node *x, unsigned from, unsigned to,
                  const node *y, unsigned fe)
{
    unsigned j = 0, i;
    for (i = from; i < to; i++) {
        while (j < fe && !tok_match(c, x, i, y, j))
            j++;
        if (j == fe)
            return 0;
        j++;
    }
    return 1;
}

/* Token i of x is one of chain_words (بن, آل ...). */
static int is_chain_tok(const ctx *c, const node *x, unsigned i)
{
    size_t n;
    const uint32_t *w = node_token(c, x, i, &n);
    return in_set(c->set_chain, c->nset_chain, w, n);
}

/* How short person name s fits full name f: 0 not at all, 1 by the first
 * name (ألكسندر in ألكسندر لوكاشينكو), 2 by the surname (بوتين, and
 * قاسم توكاييف in قاسم جومارت توكاييف: first and last tokens agree and
 * the others appear in order).  Two words or more that only start a longer
 * name are a name of their own: دونالد ترامب is not دونالد ترامب جونيور.
 *
 * A genealogical name (محمد بن سلمان بن عبدالعزيز) holds its father's and
 * grandfather's names, so neither a subsequence nor its last word is the
 * person: only the chain cut short (تميم بن حمد in تميم بن حمد آل ثاني),
 * a run that starts with بن or آل (بن سلمان), or the first name. */
static int compat(const ctx *c, const node *s, const node *f)
{
    unsigned k = s->ntok, m = f->ntok, i, j;
    if (!k || k >= m)
        return 0;
    if (f->flags & N_CHAIN) {
        if (s->flags & N_CHAIN) {
            if (!is_chain_tok(c, f, k))
                return 0;
            for (i = 0; i < k; i++)
                if (!tok_match(c, s, i, f, i))
                    return 0;
            return 2;
        }
        if (k >= 2 && is_chain_tok(c, s, 0)) {
            for (j = 1; j + k <= m; j++) {
                for (i = 0; i < k; i++)
                    if (!tok_match(c, s, i, f, j + i))
                        break;
                if (i == k)
                    return 2;
            }
            return 0;
        }
        return k == 1 && tok_match(c, s, 0, f, 0);
    }
    if (s->flags & N_CHAIN)
        return 0;
    /* two words or more start with the first name too: رفيق الحريري is
     * the father named inside سعد الدين رفيق الحريري */
    if (tok_match(c, s, k - 1, f, m - 1) &&
        (k == 1 ||
         (tok_match(c, s, 0, f, 0) && subseq(c, s, 1, k - 1, f, m - 1))))
        return 2;
    if (k == 1 && tok_match(c, s, 0, f, 0))
        return 1;
    return 0;
}

static int cmp_inart(const void *a, const void *b)
{
    const inart *x = a, *y = b;
    if (x->article != y->article)
        return x->article < y->article ? -1 : 1;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->f < y->f ? -1 : x->f > y->f;
}

static int is_full(const node *x)
{
    return x->type == ME_PER && x->ntok >= 2 && !(x->flags & N_WEAK);
}

/* Most tokens of a person node per cluster root (after the spelling and
 * alias stages): a node shorter than another of its own cluster is already
 * joined to a full name and is not treated as a short name. */
static int persons_maxtok(ctx *c, uint8_t **out)
{
    size_t i;
    uint8_t *mt = xcalloc(c->m, c->nnode + 1, 1);
    if (!mt)
        return -1;
    for (i = 0; i < c->nnode; i++) {
        uint32_t r;
        if (c->node[i].type != ME_PER)
            continue;
        r = uf_find(c->parent, (uint32_t)i);
        if (c->node[i].ntok > mt[r])
            mt[r] = c->node[i].ntok;
    }
    *out = mt;
    return 0;
}

/* The in-article pairs: for every article, each person node that is the
 * longest of its cluster with each longer, compatible full name of
 * another cluster present. */
static int persons_inarticle(ctx *c, const uint8_t *maxtok)
{
    kv *p = NULL, *tmp = NULL;
    size_t i, np = 0, nper = 0;
    int rc = -1;
    for (i = 0; i < c->n; i++)
        nper += c->men[i].type == ME_PER;
    p = xcalloc(c->m, nper + 1, sizeof *p);
    tmp = xcalloc(c->m, nper + 1, sizeof *tmp);
    if (!p || !tmp)
        goto out;
    for (i = 0; i < c->n; i++) {
        uint32_t f = c->raw_form[c->m_raw[i]];
        uint32_t nd;
        if (c->men[i].type != ME_PER)
            continue;
        nd = c->form[f].node[ME_PER - 1] - 1;
        p[np].k = (uint64_t)c->men[i].article << 32 | nd;
        p[np++].v = 0;
    }
    radix_kv(p, tmp, np);
    i = 0;
    while (i < np) {
        size_t j = i, a, b, nu = 0;
        uint32_t art = (uint32_t)(p[i].k >> 32);
        while (j < np && (uint32_t)(p[j].k >> 32) == art)
            j++;
        /* distinct nodes of the article, compacted into p[i..i+nu) */
        for (a = i; a < j; a++)
            if (a == i || p[a].k != p[a - 1].k)
                p[i + nu++].k = p[a].k;
        for (a = i; a < i + nu; a++) {
            uint32_t s = (uint32_t)p[a].k;
            uint32_t rs = uf_find(c->parent, s);
            if (c->node[s].ntok < maxtok[rs])
                continue;
            for (b = i; b < i + nu; b++) {
                uint32_t f = (uint32_t)p[b].k;
                if (a == b || !is_full(&c->node[f]) ||
                    c->node[f].ntok <= c->node[s].ntok ||
                    uf_find(c->parent, f) == rs)
                    continue;
                if (!compat(c, &c->node[s], &c->node[f]))
                    continue;
                if (GROW(c->m, c->ia, c->capia, c->nia + 1))
                    goto out;
                c->ia[c->nia].article = art;
                c->ia[c->nia].s = s;
                c->ia[c->nia++].f = f;
            }
        }
        i = j;
    }
    if (c->nia)
        qsort(c->ia, c->nia, sizeof *c->ia, cmp_inart);
    rc = 0;
out:
    xfree(c->m, p);
    xfree(c->m, tmp);
    return rc;
}

/* Distinct final roots of the full names paired with one short name in
 * one article, ia[lo..hi): 0, 1 (the root in *root) or 2 for several. */
static size_t ia_roots(ctx *c, size_t lo, size_t hi, uint32_t *root)
{
    size_t k, n = 0;
    uint32_t r0 = 0;
    for (k = lo; k < hi; k++) {
        uint32_t r = final_root(c, c->ia[k].f);
        if (!n) {
            r0 = r;
            n = 1;
        } else if (r != r0) {
            return 2;
        }
    }
    *root = r0;
    return n;
}

/* The range of ia for (article, s). */
static void ia_range(const ctx *c, uint32_t art, uint32_t s, size_t *lo,
                     size_t *hi)
{
    size_t a = 0, b = c->nia;
    inart key;
    key.article = art;
    key.s = s;
    key.f = 0;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cmp_inart(&c->ia[mid], &key) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    while (a < c->nia && c->ia[a].article == art && c->ia[a].s == s)
        a++;
    *hi = a;
}

typedef struct wroot {
    uint32_t root, w;
    int kind;
} wroot;

static int cmp_wroot(const void *a, const void *b)
{
    const wroot *x = a, *y = b;
    return x->root < y->root ? -1 : x->root > y->root;
}

/* Adds the candidate full names of short node x (through the postings of
 * its rarest token) to *wr as (final root, kind).  Returns 0 or -1. */
static int short_candidates(ctx *c, uint32_t xi, uint32_t self,
                            const kv *post, size_t npost, wroot **wr,
                            size_t *nwr, size_t *capwr)
{
    node *x = &c->node[xi];
    size_t lo = 0, hi = 0, bestn = SIZE_MAX, k;
    unsigned t;
    for (t = 0; t < x->ntok; t++) {
        size_t a = 0, b = npost, e;
        uint64_t h = c->tokh[x->tok + t];
        while (a < b) {
            size_t mid = a + (b - a) / 2;
            if (post[mid].k < h)
                a = mid + 1;
            else
                b = mid;
        }
        for (e = a; e < npost && post[e].k == h; e++)
            ;
        if (e - a < bestn) {
            bestn = e - a;
            lo = a;
            hi = e;
        }
    }
    if (bestn > (x->ntok > 1 ? POSTING_CAP_MULTI : POSTING_CAP))
        return 0;
    for (k = lo; k < hi; k++) {
        uint32_t fi = post[k].v, r;
        int kind;
        if (c->node[fi].ntok <= x->ntok)
            continue;
        kind = compat(c, x, &c->node[fi]);
        if (!kind)
            continue;
        r = final_root(c, fi);
        if (r == self)
            continue;
        if (GROW(c->m, *wr, *capwr, *nwr + 1))
            return -1;
        (*wr)[*nwr].root = r;
        (*wr)[*nwr].w = 0;
        (*wr)[(*nwr)++].kind = kind;
    }
    return 0;
}

/* Corpus-level decisions for the clusters of short person names, the
 * longest first (so that قاسم توكاييف has joined its full name before
 * توكاييف looks for one):
 *   - the only compatible full name in the corpus takes the cluster;
 *   - otherwise a surname goes to the full name it is paired with in at
 *     least COOC_SHARE percent of the articles where it has exactly one
 *     (and COOC_MIN articles at least): a redirect, so that mentions in
 *     articles naming two candidates stay apart;
 *   - otherwise the cluster stays an entity of its own (ألكسندر with two
 *     full names). */
static int persons_corpus(ctx *c, const uint8_t *maxtok)
{
    kv *post = NULL, *tmp = NULL, *grp = NULL;
    size_t npost = 0, cappost = 0, i, ng = 0;
    wroot *wr = NULL;
    size_t capwr = 0;
    uint32_t *iaby = NULL;
    kv *order = NULL;
    size_t no = 0;
    int rc = -1;

    /* postings: token skeleton -> full names */
    for (i = 0; i < c->nnode; i++) {
        uint32_t xi = c->byrank[i];
        node *x = &c->node[xi];
        unsigned t;
        if (!is_full(x))
            continue;
        if (GROW(c->m, post, cappost, npost + x->ntok))
            goto out;
        for (t = 0; t < x->ntok; t++) {
            post[npost].k = c->tokh[x->tok + t];
            post[npost++].v = xi;
        }
    }
    /* scratch for every sort below: the postings, the nodes, and the
     * in-article pairs with their own scratch */
    tmp = xcalloc(c->m, npost + c->nnode + 2 * c->nia + 1, sizeof *tmp);
    grp = xcalloc(c->m, c->nnode + 1, sizeof *grp);
    order = xcalloc(c->m, c->nnode + 1, sizeof *order);
    iaby = xcalloc(c->m, c->nia + 1, sizeof *iaby);
    if (!tmp || !grp || !order || !iaby)
        goto out;
    radix_kv(post, tmp, npost);

    /* person nodes by cluster (root, then rank) */
    for (i = 0; i < c->nnode; i++) {
        uint32_t xi = c->byrank[i];
        if (c->node[xi].type != ME_PER || !c->node[xi].ntok)
            continue;
        grp[ng].k = (uint64_t)uf_find(c->parent, xi) << 32 | i;
        grp[ng++].v = xi;
    }
    radix_kv(grp, tmp, ng);
    /* clusters, most tokens first, then by the rank of their root */
    i = 0;
    while (i < ng) {
        size_t j = i;
        uint32_t r = (uint32_t)(grp[i].k >> 32);
        while (j < ng && (uint32_t)(grp[j].k >> 32) == r)
            j++;
        order[no].k = (uint64_t)(255 - maxtok[r]) << 32 | c->node[r].rank;
        order[no++].v = (uint32_t)i;
        i = j;
    }
    radix_kv(order, tmp, no);
    /* in-article pairs by short name */
    {
        kv *byS = tmp;
        for (i = 0; i < c->nia; i++) {
            byS[i].k = (uint64_t)c->ia[i].s << 32 | c->ia[i].article;
            byS[i].v = (uint32_t)i;
        }
        radix_kv(byS, tmp + c->nia, c->nia);
        for (i = 0; i < c->nia; i++)
            iaby[i] = byS[i].v;
    }

    for (i = 0; i < no; i++) {
        size_t g0 = order[i].v, g1 = g0, k, nroots = 0, nwr = 0;
        uint32_t r0 = (uint32_t)(grp[g0].k >> 32), sroot, sfin;
        uint64_t wsum = 0;
        wroot *top = NULL;
        while (g1 < ng && (uint32_t)(grp[g1].k >> 32) == r0)
            g1++;
        sroot = uf_find(c->parent, grp[g0].v);
        sfin = final_root(c, grp[g0].v);
        for (k = g0; k < g1; k++) {
            uint32_t xi = grp[k].v;
            if (c->node[xi].ntok < maxtok[r0])
                continue;
            if (short_candidates(c, xi, sfin, post, npost, &wr, &nwr,
                                 &capwr))
                goto out;
        }
        if (!nwr)
            continue;
        qsort(wr, nwr, sizeof *wr, cmp_wroot);
        for (k = 0; k < nwr; k++) {
            if (nroots && wr[nroots - 1].root == wr[k].root) {
                if (wr[k].kind > wr[nroots - 1].kind)
                    wr[nroots - 1].kind = wr[k].kind;
                continue;
            }
            wr[nroots++] = wr[k];
        }
        if (nroots == 1) {
            uf_union(c, sroot, wr[0].root);
            continue;
        }
        /* weights: articles where a member has exactly one full name */
        for (k = g0; k < g1; k++) {
            uint32_t si = grp[k].v;
            size_t a = 0, b = c->nia;
            while (a < b) {
                size_t mid = a + (b - a) / 2;
                if (c->ia[iaby[mid]].s < si)
                    a = mid + 1;
                else
                    b = mid;
            }
            while (a < c->nia && c->ia[iaby[a]].s == si) {
                uint32_t art = c->ia[iaby[a]].article, r;
                size_t l2, h2;
                ia_range(c, art, si, &l2, &h2);
                if (ia_roots(c, l2, h2, &r) == 1) {
                    wroot key, *hit;
                    key.root = r;
                    hit = bsearch(&key, wr, nroots, sizeof *wr, cmp_wroot);
                    if (hit) {
                        hit->w++;
                        wsum++;
                    }
                }
                a += h2 > l2 ? h2 - l2 : 1;
            }
        }
        for (k = 0; k < nroots; k++)
            if (!top || wr[k].w > top->w ||
                (wr[k].w == top->w &&
                 c->node[wr[k].root].rank < c->node[top->root].rank))
                top = &wr[k];
        if (top && top->kind == 2 && top->w >= COOC_MIN &&
            (uint64_t)top->w * 100 >= wsum * COOC_SHARE) {
            c->node[sroot].redir = top->root + 1;
            continue;
        }
        /* too few articles pair it: a surname of one far more mentioned
         * full name goes there (لافروف: سيرغي لافروف, not the stray
         * "كيري لافروف") */
        {
            uint64_t others = 0;
            top = NULL;
            for (k = 0; k < nroots; k++)
                if (!top || c->ccount[wr[k].root] > c->ccount[top->root] ||
                    (c->ccount[wr[k].root] == c->ccount[top->root] &&
                     c->node[wr[k].root].rank < c->node[top->root].rank))
                    top = &wr[k];
            for (k = 0; k < nroots; k++)
                if (&wr[k] != top)
                    others += c->ccount[wr[k].root];
            if (top->kind == 2 && c->ccount[top->root] >= DOM_MIN &&
                c->ccount[top->root] >= others * DOM_RATIO)
                c->node[sroot].redir = top->root + 1;
        }
    }
    rc = 0;
out:
    xfree(c->m, post);
    xfree(c->m, tmp);
    xfree(c->m, grp);
    xfree(c->m, order);
    xfree(c->m, wr);
    xfree(c->m, iaby);
    return rc;
}

static int persons(ctx *c)
{
    uint8_t *maxtok = NULL;
    int rc = -1;
    if (persons_maxtok(c, &maxtok))
        return -1;
    if (persons_inarticle(c, maxtok) || persons_corpus(c, maxtok))
        goto out;
    rc = 0;
out:
    xfree(c->m, maxtok);
    return rc;
}

/* ------------------------------------------------------------ result */

struct me_result {
    mem m;
    arena ar;
    size_t n;           /* mentions */
    uint32_t *assign;   /* entity per mention */
    me_entity *ent;
    size_t nent;
    me_variant *var;
    uint32_t *art;
};

/* The entity root of mention i: the in-article decision for a short
 * person name (staying with its own cluster when two full names of the
 * article fit), else its node's final root; a rare type for its form
 * takes the form's main type unless the article supports it. */
static uint32_t mention_root(ctx *c, size_t i)
{
    const me_mention *mm = &c->men[i];
    form *fm = &c->form[c->raw_form[c->m_raw[i]]];
    uint32_t s = fm->node[mm->type - 1] - 1, r;
    size_t lo, hi, nr;
    int pass;
    for (pass = 0; pass < 2; pass++) {
        if (c->node[s].type == ME_PER) {
            ia_range(c, mm->article, s, &lo, &hi);
            nr = ia_roots(c, lo, hi, &r);
            if (nr == 1)
                return r;
            if (nr > 1)
                return uf_find(c->parent, s);
        }
        /* a rare type for the form, unless the node's spelling cluster
         * outweighs the form's main type (فيس بوك, mostly tagged as a
         * person, joins فيسبوك when tagged as an organisation) */
        if (pass || !(c->node[s].flags & N_WEAK) ||
            c->ccount[uf_find(c->parent, s)] >= fm->tcount[fm->main - 1])
            break;
        s = fm->node[fm->main - 1] - 1;
    }
    return final_root(c, s);
}

typedef struct vc {
    uint32_t var, count;
} vc;

static int cmp_vc(const void *a, const void *b, const smap *vars)
{
    const vc *x = a, *y = b;
    uint32_t n;
    int d;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    n = vars->len[x->var] < vars->len[y->var] ? vars->len[x->var]
                                              : vars->len[y->var];
    d = memcmp(vars->str[x->var], vars->str[y->var], n);
    if (d)
        return d;
    return vars->len[x->var] < vars->len[y->var]   ? -1
           : vars->len[x->var] > vars->len[y->var] ? 1
                                                   : 0;
}

/* Insertion sort of a few variants (an entity's list is short; a long one
 * falls back to a merge of sorted halves below). */
static void sort_vc(vc *a, size_t n, const smap *vars, vc *tmp)
{
    size_t i, j, h;
    if (n <= 16) {
        for (i = 1; i < n; i++) {
            vc x = a[i];
            for (j = i; j > 0 && cmp_vc(&a[j - 1], &x, vars) > 0; j--)
                a[j] = a[j - 1];
            a[j] = x;
        }
        return;
    }
    h = n / 2;
    sort_vc(a, h, vars, tmp);
    sort_vc(a + h, n - h, vars, tmp);
    i = 0;
    j = h;
    h = 0;
    while (i < n / 2 || j < n) {
        if (j >= n || (i < n / 2 && cmp_vc(&a[i], &a[j], vars) <= 0))
            tmp[h++] = a[i++];
        else
            tmp[h++] = a[j++];
    }
    memcpy(a, tmp, n * sizeof *a);
}

static size_t word_count(const char *s, size_t n)
{
    size_t i, k = 1;
    for (i = 0; i < n; i++)
        k += s[i] == ' ';
    return k;
}

static int build_result(ctx *c, me_result *res)
{
    uint32_t *eid = NULL;
    kv *ev = NULL, *tmp = NULL;
    vc *list = NULL, *vtmp = NULL;
    size_t i, nent = 0, nvar = 0, nart = 0, e;
    uint32_t (*tc)[4] = NULL;
    int rc = -1;

    eid = xcalloc(c->m, c->nnode + 1, sizeof *eid);
    res->assign = xcalloc(&res->m, c->n + 1, sizeof *res->assign);
    ev = xcalloc(c->m, c->n + 1, sizeof *ev);
    tmp = xcalloc(c->m, c->n + 1, sizeof *tmp);
    if (!eid || !res->assign || !ev || !tmp || res->m.failed)
        goto out;
    for (i = 0; i < c->n; i++) {
        uint32_t r = mention_root(c, i);
        if (!eid[r])
            eid[r] = (uint32_t)++nent;
        res->assign[i] = eid[r] - 1;
    }
    res->nent = nent;
    res->ent = xcalloc(&res->m, nent + 1, sizeof *res->ent);
    tc = xcalloc(c->m, nent + 1, sizeof *tc);
    if (!res->ent || !tc)
        goto out;
    for (i = 0; i < c->n; i++) {
        tc[res->assign[i]][c->men[i].type - 1]++;
        res->ent[res->assign[i]].nmention++;
    }
    for (e = 0; e < nent; e++) {
        int t, best = 0;
        for (t = 1; t < 4; t++)
            if (tc[e][t] > tc[e][best])
                best = t;
        res->ent[e].type = best + 1;
    }

    /* variants: (entity, variant) sorted and counted */
    for (i = 0; i < c->n; i++) {
        ev[i].k = (uint64_t)res->assign[i] << 32 | c->raw_var[c->m_raw[i]];
        ev[i].v = 0;
    }
    radix_kv(ev, tmp, c->n);
    for (i = 0; i < c->n; i++)
        if (!i || ev[i].k != ev[i - 1].k)
            nvar++;
    res->var = xcalloc(&res->m, nvar + 1, sizeof *res->var);
    list = xcalloc(c->m, nvar + 1, sizeof *list);
    vtmp = xcalloc(c->m, nvar + 1, sizeof *vtmp);
    if (!res->var || !list || !vtmp)
        goto out;
    {
        size_t a = 0, at = 0;
        while (a < c->n) {
            uint32_t ent = (uint32_t)(ev[a].k >> 32);
            size_t nl = 0, k, bestk = 0;
            int have = 0, anypref = 0, anymulti = 0, anyplain = 0;
            me_entity *E = &res->ent[ent];
            while (a < c->n && (uint32_t)(ev[a].k >> 32) == ent) {
                size_t b = a;
                while (b < c->n && ev[b].k == ev[a].k)
                    b++;
                list[nl].var = (uint32_t)ev[a].k;
                list[nl++].count = (uint32_t)(b - a);
                a = b;
            }
            sort_vc(list, nl, &c->vars, vtmp);
            /* the name: an alias's preferred name if present; else a
             * spelling without title or designator; for a person a full
             * name (two words or more) if any; the most frequent */
            for (k = 0; k < nl; k++) {
                const form *fv = &c->form[c->var_form[list[k].var]];
                int multi = word_count(c->vars.str[list[k].var],
                                       c->vars.len[list[k].var]) >= 2;
                anypref |= fv->pref;
                anyplain |= !fv->decor;
                anymulti |= multi && !fv->decor;
            }
            for (k = 0; k < nl; k++) {
                uint32_t v = list[k].var;
                const form *fv = &c->form[c->var_form[v]];
                if (anypref && !fv->pref)
                    continue;
                if (!anypref && anyplain && fv->decor)
                    continue;
                if (!anypref && E->type == ME_PER && anymulti &&
                    word_count(c->vars.str[v], c->vars.len[v]) < 2)
                    continue;
                bestk = k;
                have = 1;
                break;
            }
            if (!have)
                bestk = 0;
            for (k = 0; k < nl; k++) {
                uint32_t v = list[k].var;
                me_variant *V = &res->var[at + k];
                char *s = arena_str(&res->ar, c->vars.str[v],
                                    c->vars.len[v]);
                if (!s)
                    goto out;
                V->text = s;
                V->len = c->vars.len[v];
                V->count = list[k].count;
            }
            E->variant = &res->var[at];
            E->nvariant = nl;
            E->name = res->var[at + bestk].text;
            E->nname = res->var[at + bestk].len;
            at += nl;
        }
    }

    /* articles: (entity, article) sorted, distinct */
    for (i = 0; i < c->n; i++) {
        ev[i].k = (uint64_t)res->assign[i] << 32 | c->men[i].article;
        ev[i].v = 0;
    }
    radix_kv(ev, tmp, c->n);
    for (i = 0; i < c->n; i++)
        if (!i || ev[i].k != ev[i - 1].k)
            nart++;
    res->art = xcalloc(&res->m, nart + 1, sizeof *res->art);
    if (!res->art)
        goto out;
    {
        size_t a, at = 0;
        for (a = 0; a < c->n; a++) {
            uint32_t ent = (uint32_t)(ev[a].k >> 32);
            if (a && ev[a].k == ev[a - 1].k)
                continue;
            if (!res->ent[ent].article)
                res->ent[ent].article = &res->art[at];
            res->art[at++] = (uint32_t)ev[a].k;
            res->ent[ent].narticle++;
        }
    }
    rc = 0;
out:
    xfree(c->m, eid);
    xfree(c->m, ev);
    xfree(c->m, tmp);
    xfree(c->m, list);
    xfree(c->m, vtmp);
    xfree(c->m, tc);
    return rc;
}

/* ------------------------------------------------------------ public */

const char *me_type_name(int type)
{
    switch (type) {
    case ME_PER: return "PER";
    case ME_LOC: return "LOC";
    case ME_ORG: return "ORG";
    case ME_MISC: return "MISC";
    default: return "?";
    }
}

static int ieq(const char *s, size_t n, const char *lit)
{
    size_t i, l = strlen(lit);
    if (n != l)
        return 0;
    for (i = 0; i < n; i++) {
        char a = s[i];
        if (a >= 'a' && a <= 'z')
            a = (char)(a - 'a' + 'A');
        if (a != lit[i])
            return 0;
    }
    return 1;
}

int me_type_parse(const char *s, size_t n)
{
    if (ieq(s, n, "PER") || ieq(s, n, "PERS"))
        return ME_PER;
    if (ieq(s, n, "LOC"))
        return ME_LOC;
    if (ieq(s, n, "ORG"))
        return ME_ORG;
    if (ieq(s, n, "MISC"))
        return ME_MISC;
    return 0;
}

static void ctx_free(ctx *c)
{
    mem *m = c->m;
    xfree(m, c->m_raw);
    smap_free(m, &c->raws);
    xfree(m, c->raw_count);
    xfree(m, c->raw_form);
    xfree(m, c->raw_var);
    smap_free(m, &c->keys);
    xfree(m, c->key_count);
    cmap_free(m, &c->skelc);
    cmap_free(m, &c->wordc);
    smap_free(m, &c->forms);
    xfree(m, c->form);
    smap_free(m, &c->vars);
    xfree(m, c->var_form);
    xfree(m, c->node);
    xfree(m, c->byrank);
    xfree(m, c->parent);
    xfree(m, c->ccount);
    xfree(m, c->cps);
    xfree(m, c->tokh);
    xfree(m, c->ia);
    xfree(m, c->kent);
    xfree(m, c->set_title);
    xfree(m, c->set_loc);
    xfree(m, c->set_org);
    xfree(m, c->set_club);
    xfree(m, c->set_join);
    xfree(m, c->set_chain);
    xfree(m, c->set_exact);
    xfree(m, c->w.disp);
    xfree(m, c->w.match);
    xfree(m, c->buf);
    xfree(m, c->cbuf);
    xfree(m, c->sbuf);
    arena_free(&c->ar);
}

void me_result_free(me_result *r)
{
    mem m;
    if (!r)
        return;
    m = r->m;
    arena_free(&r->ar);
    xfree(&m, r->assign);
    xfree(&m, r->ent);
    xfree(&m, r->var);
    xfree(&m, r->art);
    xfree(&m, r);
}

int me_merge(const me_mention *men, size_t n, const me_alias *aliases,
             size_t naliases, const marsad_allocator *alloc,
             me_result **out)
{
    mem wm;
    ctx c;
    me_result *res;
    size_t i;
    int rc = MARSAD_ENOMEM;

    if (!out)
        return MARSAD_EINVAL;
    *out = NULL;
    if ((!men && n) || (!aliases && naliases) || n >= UINT32_MAX)
        return MARSAD_EINVAL;
    for (i = 0; i < n; i++)
        if (men[i].type < ME_PER || men[i].type > ME_MISC ||
            (!men[i].text && men[i].len))
            return MARSAD_EINVAL;

    mem_init(&wm, alloc);
    res = xmalloc(&wm, sizeof *res);
    if (!res)
        return MARSAD_ENOMEM;
    memset(res, 0, sizeof *res);
    mem_init(&res->m, alloc);
    res->ar.m = &res->m;
    res->n = n;

    memset(&c, 0, sizeof c);
    c.m = &wm;
    c.ar.m = &wm;
    c.men = men;
    c.n = n;
    if (ctx_sets(&c))
        goto out;

    /* distinct surfaces */
    c.m_raw = xcalloc(&wm, n + 1, sizeof *c.m_raw);
    if (!c.m_raw)
        goto out;
    {
        size_t cap = 0;
        for (i = 0; i < n; i++) {
            uint32_t id;
            int isnew = smap_intern(&wm, &c.raws, NULL,
                                    men[i].text ? men[i].text : "",
                                    men[i].len, &id);
            if (isnew < 0 || GROW(&wm, c.raw_count, cap, c.raws.n))
                goto out;
            if (isnew)
                c.raw_count[id] = 0;
            c.raw_count[id]++;
            c.m_raw[i] = id;
        }
    }
    if (surfaces_count(&c) || surfaces_strip(&c) || nodes_build(&c) ||
        variants(&c) || aliases_apply(&c, aliases, naliases) ||
        persons(&c) ||
        build_result(&c, res))
        goto out;
    if (wm.failed || res->m.failed)
        goto out;
    rc = MARSAD_OK;
out:
    ctx_free(&c);
    if (rc != MARSAD_OK) {
        me_result_free(res);
        return rc;
    }
    *out = res;
    return MARSAD_OK;
}

size_t me_result_count(const me_result *r)
{
    return r ? r->nent : 0;
}

const me_entity *me_result_entities(const me_result *r)
{
    return r ? r->ent : NULL;
}

const uint32_t *me_result_assign(const me_result *r)
{
    return r ? r->assign : NULL;
}

int me_resolve(const me_mention *m, size_t n, const me_alias *aliases,
               size_t naliases, uint32_t *entity, size_t *nentities)
{
    me_result *r;
    int rc;
    if (!nentities || (!entity && n))
        return MARSAD_EINVAL;
    rc = me_merge(m, n, aliases, naliases, NULL, &r);
    if (rc)
        return rc;
    if (n)
        memcpy(entity, r->assign, n * sizeof *entity);
    *nentities = r->nent;
    me_result_free(r);
    return MARSAD_OK;
}

/* ------------------------------------------------------------ alias table */

void me_aliases_free(me_aliases *al)
{
    if (!al)
        return;
    free(al->pair);
    free(al->text);
    memset(al, 0, sizeof *al);
}

/* Trims spaces (ASCII and no-break) at both ends of s[*a..*b). */
static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && (s[*a] == ' ' || s[*a] == '\r'))
        (*a)++;
    while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\r'))
        (*b)--;
}

int me_aliases_parse(const char *buf, size_t len, me_aliases *out,
                     size_t *errline)
{
    size_t pos = 0, line = 0, npair = 0, cappair = 0, ntext = 0;
    me_alias *pair = NULL;
    char *text = NULL;
    size_t *aoff = NULL, *boff = NULL;
    int rc = MARSAD_ENOMEM;

    if (!out || (!buf && len))
        return MARSAD_EINVAL;
    memset(out, 0, sizeof *out);
    if (errline)
        *errline = 0;
    /* every field is copied once with a NUL: at most len + len + 1 */
    text = malloc(2 * len + 2);
    if (!text)
        return MARSAD_ENOMEM;
    while (pos < len) {
        size_t eol = pos, fs[64], fe[64], nf = 0, p, f, a0;
        int type;
        line++;
        while (eol < len && buf[eol] != '\n')
            eol++;
        p = pos;
        fs[0] = fe[0] = pos;
        while (p <= eol && nf < 64) {
            size_t q = p;
            while (q < eol && buf[q] != '\t')
                q++;
            fs[nf] = p;
            fe[nf] = q;
            trim(buf, &fs[nf], &fe[nf]);
            nf++;
            p = q + 1;
        }
        if ((nf == 1 && fs[0] == fe[0]) || buf[fs[0]] == '#') {
            pos = eol + 1;
            continue; /* blank or comment */
        }
        if (ieq(buf + fs[0], fe[0] - fs[0], "*"))
            type = 0;
        else if (!(type = me_type_parse(buf + fs[0], fe[0] - fs[0])))
            goto bad;
        while (nf > 1 && fs[nf - 1] == fe[nf - 1])
            nf--; /* trailing empty fields */
        if (nf < 3)
            goto bad;
        for (f = 1; f < nf; f++)
            if (fs[f] == fe[f])
                goto bad;
        if (npair + nf > cappair) {
            size_t nc = cappair ? cappair : 64;
            me_alias *np;
            size_t *na, *nb;
            while (nc < npair + nf)
                nc *= 2;
            np = realloc(pair, nc * sizeof *np);
            if (!np)
                goto fail;
            pair = np;
            na = realloc(aoff, nc * sizeof *na);
            if (!na)
                goto fail;
            aoff = na;
            nb = realloc(boff, nc * sizeof *nb);
            if (!nb)
                goto fail;
            boff = nb;
            cappair = nc;
        }
        a0 = ntext;
        memcpy(text + ntext, buf + fs[1], fe[1] - fs[1]);
        ntext += fe[1] - fs[1];
        text[ntext++] = '\0';
        for (f = 2; f < nf; f++) {
            pair[npair].type = type;
            pair[npair].na = fe[1] - fs[1];
            pair[npair].nb = fe[f] - fs[f];
            aoff[npair] = a0;
            boff[npair] = ntext;
            memcpy(text + ntext, buf + fs[f], fe[f] - fs[f]);
            ntext += fe[f] - fs[f];
            text[ntext++] = '\0';
            npair++;
        }
        pos = eol + 1;
    }
    for (pos = 0; pos < npair; pos++) {
        pair[pos].a = text + aoff[pos];
        pair[pos].b = text + boff[pos];
    }
    free(aoff);
    free(boff);
    out->pair = pair;
    out->npair = npair;
    out->text = text;
    return MARSAD_OK;
bad:
    rc = MARSAD_EINVAL;
    if (errline)
        *errline = line;
fail:
    free(pair);
    free(text);
    free(aoff);
    free(boff);
    return rc;
}
