/*
 * align.c - claims and a timeline over the facts of one story (align.h).
 *
 * Each article is analyzed once (tokens, light stems, stop words,
 * clitics).  Every fact gets a context: the content words (stems of
 * Arabic and Latin words that are not function words) and the entities
 * of the clause and the sentence around it, each weighted by how rare it
 * is in the story.  Facts are then put in buckets by what they count or
 * date (the class of the counted noun; the event and its subject; the
 * date itself for the timeline) and compared inside a bucket only.
 *
 * Independent sources.  Articles of one near-duplicate group, and
 * articles of one named outlet, are one source.  Two facts of one source
 * whose values cannot both hold are two different things (an article that
 * gives 2500 and 3000 soldiers speaks of two groups of soldiers), never a
 * contradiction.
 *
 * Numbers.  The value of a fact becomes the interval of what it allows:
 * an exact round number its rounding (2500 is 2450..2550, at most 5 %
 * either side), an approximation (نحو، حوالي) 10 % either side, a range
 * its ends, a bound (أكثر من 2000) a half line, a vague quantity (عشرات)
 * one order of magnitude.  A number without a counted noun takes the noun
 * after عدد or حصيلة before it (ارتفع عدد القتلى إلى 46).  Ordinals,
 * numbers that look like years, fractions and small numbers without a
 * noun are left out.  Two facts with meeting intervals are linked
 * when their contexts agree as much as the value is common: a specific
 * value (2500, 6846) needs nothing more than the same counted noun, a
 * round one (100 ألف) a little shared context, a small one (3) a good
 * deal, a fact without a counted noun a great deal.  Facts whose
 * intervals do not meet are linked, making the claim contested, only when
 * their contexts agree strongly, they come from different sources, their
 * clauses do not name other places, people or organizations, and the
 * articles are not days apart (a toll that grows is an update).  Vague
 * quantities never contest.  Links are taken strongest
 * first; a link that would join two facts of one source that disagree is
 * refused, and agreeing links never join facts that disagree.
 *
 * Dates.  A date is a claim when its clause holds an event word (a small
 * lexicon of event classes) and a subject: the entity or definite generic
 * noun (المنظمة، الحزب، الرئيس) next to the event word, or, when the
 * clause starts with the event word, the entity that opens the sentence
 * before it.  A generic noun stands for the story's most frequent entity
 * of its type whose name holds the noun (منظمة ...), else for the most
 * frequent entity of that type when it dominates the story.  Dates
 * compare as intervals of their granularity: 2002 and 2002-05-07 agree,
 * 2002 and the 1990s do not.  Events that happen once (founding, death,
 * birth, independence) contest at any distance; others only within a few
 * days, beyond which they are taken as different occurrences.
 *
 * Timeline.  Every resolved date of day or month granularity with the
 * clause it governs (widened over the next and previous clauses when it
 * holds little more than the date), except a date alone on its line (a
 * dateline).  Facts of the same date whose clauses share an entity that
 * is not in most of the story, two entities, or enough content words are
 * one event.
 */
#include "story/align.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ limits */

#define NODATE LONG_MIN
#define MAXWORD 256          /* longest word looked up in the lexicons */
#define WINDOW 12            /* context tokens either side of a number */
#define CLAUSE_SCAN 80       /* tokens scanned for a clause's ends */
#define CLAUSE_WORDS 25      /* words kept of a timeline clause */
#define CLAUSE_MIN 5         /* content words a clause should have */
#define SUBJECT_GAP 4        /* tokens between event word and subject */
#define TOPIC_SCAN 40        /* tokens scanned back for a sentence topic */
#define ALLPAIRS 300         /* buckets up to this size compare all pairs */
#define POSTING_CAP 64       /* longer posting lists make no candidates */
#define SUBJECT_MAX 160      /* bytes of a claim subject taken from text */

/* Similarity thresholds (a weighted overlap in [0, 1]). */
#define T_EQ_ROUND 0.08      /* equal round values */
#define T_EQ_SMALL 0.30      /* equal small values */
#define T_COMPAT 0.25        /* compatible, unequal values */
#define T_UNITLESS 0.60      /* facts without a counted noun */
#define T_CONTEST 0.50       /* values that cannot both hold */
#define T_DATE_WEAK 0.15     /* a date claim whose subject was guessed */
#define T_DATE_RECUR 0.40    /* a recurring event a few days apart */
#define T_EVENT 0.30         /* timeline: clauses of one event */

#define DAYS_APART 2         /* number articles this far apart may differ */
#define RECUR_DAYS 10        /* recurring events closer may contest */

#define ENTBIT 0x8000000000000000ull /* item is an entity, not a word */
#define PCTSALT 0x9e3779b97f4a7c15ull

/* ------------------------------------------------------------ vectors */

#define VEC(name, T)                                                       \
    typedef struct name {                                                  \
        T *v;                                                              \
        size_t n, cap;                                                     \
    } name;                                                                \
    static inline int name##_reserve(name *a, size_t need)                 \
    {                                                                      \
        T *q;                                                              \
        size_t nc;                                                         \
        if (need <= a->cap)                                                \
            return 0;                                                      \
        nc = a->cap ? a->cap : 16;                                         \
        while (nc < need) {                                                \
            if (nc > SIZE_MAX / 2 / sizeof(T))                             \
                return -1;                                                 \
            nc *= 2;                                                       \
        }                                                                  \
        q = realloc(a->v, nc * sizeof(T));                                 \
        if (!q)                                                            \
            return -1;                                                     \
        a->v = q;                                                          \
        a->cap = nc;                                                       \
        return 0;                                                          \
    }                                                                      \
    static inline int name##_push(name *a, T x)                            \
    {                                                                      \
        if (a->n == a->cap && name##_reserve(a, a->n + 1))                 \
            return -1;                                                     \
        a->v[a->n++] = x;                                                  \
        return 0;                                                          \
    }

typedef struct item {
    uint64_t h; /* word stem hash, or entity key with ENTBIT */
    double w;   /* position weight, then times the rarity weight */
    int etype;  /* an entity in the fact's clause: its type, else 0 */
} item;

typedef struct tok {
    size_t start, end, sent;
    uint64_t hs;      /* hash of the stem (words), 0 otherwise */
    uint64_t h;       /* hs for content words, 0 otherwise */
    int type;
    int ev;           /* event class, -1 when none */
    int gen;          /* generic noun, -1 when none */
    unsigned char brk;   /* a clause break (، ؛ . : ...) */
    unsigned char nl;    /* a line starts here */
    unsigned char prep;  /* a preposition */
    unsigned char pclit; /* carries the proclitic ب, ل or ك */
    unsigned char def;   /* carries the article */
    unsigned char open;  /* an opening parenthesis */
    unsigned char inm;   /* inside an entity mention */
} tok;

typedef struct rec {
    size_t fact, art;
    size_t grp, src;    /* near-duplicate group, outlet (SIZE_MAX: none) */
    long adate;         /* article date as a day number, or NODATE */
    uint64_t key;       /* bucket */
    double lo, hi;      /* the interval the value allows */
    double center;      /* the value (numbers), the first day (dates) */
    int spec;           /* numbers: 0 small, 1 round, 2, 3 specific */
    int prec;           /* lower is more precise */
    int has_unit, vague, ucls, pct;
    int ev, oneoff, weak, gran;
    size_t subj;        /* dense entity index of the subject */
    size_t it, nit;     /* context items in the pool */
    double norm;        /* sum of the item weights */
    size_t ls, le;      /* subject words (numbers), clause (timeline) */
    size_t en, nen;     /* timeline: entity ids in the id pool */
} rec;

typedef struct pair {
    size_t a, b;
} pair;

typedef struct lnk {
    size_t a, b;
    double s;
} lnk;

VEC(itemv, item)
VEC(tokv, tok)
VEC(recv, rec)
VEC(i64v, int64_t)
VEC(szv, size_t)
VEC(pairv, pair)
VEC(lnkv, lnk)
VEC(claimv, ma_claim)
VEC(eventv, ma_event)

/* Map from a 64-bit key (never 0) to a dense index. */
typedef struct imap {
    uint64_t *k;
    size_t *v;
    size_t cap, n;
} imap;

typedef struct ent {
    uint64_t key;
    int64_t id;        /* the caller's id, 0 when none */
    int type;
    size_t count;
    const char *name;
    size_t nname;
} ent;

VEC(entv, ent)

typedef struct dfe {
    size_t count, last;
} dfe;

VEC(dfev, dfe)

typedef struct lex {
    imap m;
    szv cls;
} lex;

typedef struct ctx {
    const ma_input *in;
    marsad_analyzer *an;
    lex units, events, gens, preps;
    uint64_t h_count[2]; /* stems of عدد and حصيلة */
    size_t *agrp;        /* near-duplicate group per article */
    size_t *asrc;        /* outlet per article, SIZE_MAX when unknown */
    long *adate;         /* article date per article */
    size_t *fidx, *fofs; /* valid facts by article, offsets per article */
    size_t *midx, *mofs; /* valid mentions by article */
    uint64_t *mkey;      /* entity key per mention */
    size_t *ment;        /* dense entity index per mention */
    imap entm;
    entv ents;
    long *gen_ent;       /* entity per generic noun, -1 when none */
    int *gen_weak;
    imap dfm;
    dfev df;
    size_t ndocs;        /* articles with text */
    tokv toks;
    const char *text;
    size_t len;
    size_t cur;          /* article being analyzed */
    itemv items;
    i64v ids;
    recv nums, dates, tl;
} ctx;

/* ------------------------------------------------------------ lexicons */

/* Counted nouns of the news: one class a line, the display word first,
 * then other forms and near-synonyms; all are stemmed when used. */
static const char *const unit_words[] = {
    "جندي جنود جنديا الجنود عسكري عسكريين عسكريون عسكريا العسكريين",
    "قتيل قتلى قتيلا القتلى شهيد شهداء شهيدا الشهداء وفاة وفيات حالة_وفاة",
    "شخص أشخاص شخصا الأشخاص فرد أفراد فردا",
    "مصاب مصابين مصابون مصابا المصابين جريح جرحى جريحا الجرحى إصابة إصابات",
    "معتقل معتقلين معتقلون معتقلا المعتقلين موقوف موقوفين موقوفا محتجز "
    "محتجزين محتجزا",
    "أسير أسرى أسيرا الأسرى",
    "سجين سجناء سجينا السجناء",
    "مدني مدنيين مدنيون مدنيا المدنيين",
    "طفل أطفال أطفالا الأطفال",
    "امرأة نساء النساء سيدة سيدات",
    "متظاهر متظاهرين متظاهرون متظاهرا المتظاهرين محتج محتجين محتجون محتجا "
    "المحتجين",
    "مسلح مسلحين مسلحون مسلحا المسلحين",
    "مقاتل مقاتلين مقاتلون مقاتلا المقاتلين",
    "عنصر عناصر عنصرا",
    "شرطي شرطيين شرطيا",
    "ضابط ضباط ضابطا",
    "مظلي مظليين مظليا",
    "لاجئ لاجئين لاجئون لاجئا اللاجئين",
    "نازح نازحين نازحون نازحا النازحين",
    "مهاجر مهاجرين مهاجرون مهاجرا المهاجرين",
    "كيلومتر كيلومترات كيلومترا كلم كم كيلو_متر",
    "متر أمتار مترا",
    "كيلوغرام كيلوغرامات كيلوغراما كغ كلغ كيلوجرام",
    "طن أطنان طنا",
    "برميل براميل برميلا",
    "هكتار هكتارات هكتارا",
    "دولار دولارات دولارا",
    "يورو",
    "جنيه جنيهات جنيها",
    "ريال ريالات ريالا",
    "درهم دراهم درهما",
    "دينار دنانير دينارا",
    "ليرة ليرات",
    "روبل روبلات روبلا",
    "طائرة طائرات",
    "دبابة دبابات",
    "صاروخ صواريخ صاروخا",
    "مسيرة مسيرات",
    "سيارة سيارات مركبة مركبات",
    "منزل منازل منزلا بيت بيوت",
    "مبنى مباني",
    "قرية قرى",
    "مدينة مدن",
    "دولة دول بلد بلدان",
    "عام أعوام عاما سنة سنوات سنين",
    "شهر أشهر شهور شهرا",
    "يوم أيام يوما",
    "ساعة ساعات",
    "دقيقة دقائق",
    "مرة مرات",
    "صوت أصوات صوتا",
    "مقعد مقاعد مقعدا",
    "ناخب ناخبين ناخبا",
    "نائب نواب نائبا",
    "عضو أعضاء عضوا",
    "موظف موظفين موظفا",
    "عامل عمال عاملا",
    "طالب طلاب طالبا",
    "حالة حالات",
    "جرعة جرعات",
    "ميغاواط ميغاوات",
};

/* Event classes: display noun, happens once, forms. */
static const struct {
    const char *display;
    int oneoff;
    const char *words;
} event_words[] = {
    {"تأسيس", 1,
     "تأسيس التأسيس تأسس تأسست يتأسس أسس أسست أسسها أسسه أسسوا يؤسس "
     "تأسيسها تأسيسه إنشاء الإنشاء إنشائها إنشائه أنشئ أنشئت أنشأ أنشأت "
     "أنشأها أنشأه أنشأوا ينشئ نشأ نشأت نشأة نشوء"},
    {"وفاة", 1,
     "وفاة الوفاة وفاته وفاتها توفي توفيت يتوفى رحيل رحيله رحيلها موت "
     "مات ماتت مقتل مقتله مقتلها قتل قتلت اغتيال اغتياله اغتيل اغتيلت "
     "استشهاد استشهد استشهدت مصرع مصرعه لقي لقيت"},
    {"ولادة", 1, "ولادة ولادته ولادتها ولد ولدت مولد مولده ميلاد ميلاده"},
    {"استقلال", 1, "استقلال الاستقلال استقلالها استقلت استقل"},
    {"انهيار", 1, "انهيار الانهيار انهار انهارت تفكك التفكك تفكيك"},
    {"انتخاب", 0,
     "انتخاب الانتخاب انتخابه انتخابها انتخب انتخبت انتخابات الانتخابات "
     "اقتراع الاقتراع تصويت التصويت استفتاء الاستفتاء"},
    {"توقيع", 0,
     "توقيع التوقيع توقيعها توقيعه إبرام أبرم أبرمت أبرما"},
    {"هجوم", 0,
     "هجوم الهجوم هجمات الهجمات هاجم هاجمت يهاجم اعتداء الاعتداء تفجير "
     "التفجير تفجيرات انفجار الانفجار غارة الغارة غارات قصف القصف"},
    {"اعتقال", 0,
     "اعتقال الاعتقال اعتقاله اعتقالها اعتقل اعتقلت توقيف التوقيف توقيفه "
     "أوقف أوقفت احتجاز احتجازه احتجز احتجزت"},
    {"زيارة", 0, "زيارة الزيارة زيارته زيارتها زار زارت يزور تزور"},
    {"بدء", 0,
     "بدء البدء بدأ بدأت يبدأ تبدأ بداية انطلاق الانطلاق انطلقت انطلق "
     "إطلاق الإطلاق أطلق أطلقت اندلاع الاندلاع اندلعت اندلع"},
    {"انتهاء", 0,
     "انتهاء الانتهاء انتهى انتهت ينتهي تنتهي نهاية ختام اختتام اختتمت"},
    {"انسحاب", 0,
     "انسحاب الانسحاب انسحابها انسحابه انسحب انسحبت ينسحب تنسحب"},
    {"انضمام", 0, "انضمام الانضمام انضمامها انضمامه انضم انضمت ينضم تنضم"},
    {"استقالة", 0,
     "استقالة الاستقالة استقالته استقال استقالت تنحى تنحي التنحي يتنحى"},
    {"تولي", 0, "تولي توليه تولى تولت يتولى تسلم تسلمه تسلمت"},
    {"غزو", 0, "غزو الغزو غزا اجتياح الاجتياح اجتاح احتلال الاحتلال احتل"},
};

/* Definite generic nouns that stand for an entity of the story. */
static const struct {
    const char *word;
    int type;
} generic_words[] = {
    {"المنظمة", MARSAD_ENTITY_ORG}, {"الحركة", MARSAD_ENTITY_ORG},
    {"الحزب", MARSAD_ENTITY_ORG},   {"الشركة", MARSAD_ENTITY_ORG},
    {"الجماعة", MARSAD_ENTITY_ORG}, {"الجمعية", MARSAD_ENTITY_ORG},
    {"الهيئة", MARSAD_ENTITY_ORG},  {"الوكالة", MARSAD_ENTITY_ORG},
    {"المجموعة", MARSAD_ENTITY_ORG}, {"الاتحاد", MARSAD_ENTITY_ORG},
    {"التحالف", MARSAD_ENTITY_ORG}, {"الحلف", MARSAD_ENTITY_ORG},
    {"الجبهة", MARSAD_ENTITY_ORG},  {"المؤسسة", MARSAD_ENTITY_ORG},
    {"الجامعة", MARSAD_ENTITY_ORG}, {"الصحيفة", MARSAD_ENTITY_ORG},
    {"الرئيس", MARSAD_ENTITY_PER},  {"الزعيم", MARSAD_ENTITY_PER},
    {"الملك", MARSAD_ENTITY_PER},   {"الأمير", MARSAD_ENTITY_PER},
    {"المدينة", MARSAD_ENTITY_LOC}, {"العاصمة", MARSAD_ENTITY_LOC},
};

/* Prepositions: a name right after one is not the subject of a verb. */
static const char prep_words[] =
    "في من الى إلى على عن مع منذ حتى بين ضد نحو حول عبر لدى خلال بعد قبل "
    "عند إزاء تجاه وفق بحسب لدى";

/* ------------------------------------------------------------ helpers */

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static uint64_t wordkey(const char *s, size_t n)
{
    uint64_t h = fnv(s, n) & ~ENTBIT;
    return h ? h : 1;
}

static size_t letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0u) != 0x80u)
            k++;
    return k;
}

/* qsort for arrays that may be empty (and then NULL). */
static void sort_any(void *base, size_t n, size_t size,
                     int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

static int has_prefix(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

static int has_suffix(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s + n - k, p, k) == 0;
}

/* Light stem of w[0..n) into out (MAXWORD bytes); its length, 0 when it
 * does not fit. */
static size_t stem_of(const char *w, size_t n, char *out)
{
    size_t k;
    if (n == 0 || n >= MAXWORD)
        return 0;
    k = marsad_stem_word(w, n, out, MAXWORD);
    return k <= MAXWORD ? k : 0;
}

/* ------------------------------------------------------------ map */

static int imap_grow(imap *m)
{
    size_t nc = m->cap ? m->cap * 2 : 64;
    uint64_t *k;
    size_t *v;
    if (nc > SIZE_MAX / sizeof(uint64_t) / 2)
        return -1;
    k = calloc(nc, sizeof *k);
    v = calloc(nc, sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        size_t j;
        if (!m->k[i])
            continue;
        j = (size_t)(mix64(m->k[i]) & (nc - 1));
        while (k[j])
            j = (j + 1) & (nc - 1);
        k[j] = m->k[i];
        v[j] = m->v[i];
    }
    free(m->k);
    free(m->v);
    m->k = k;
    m->v = v;
    m->cap = nc;
    return 0;
}

/* Dense index of key, or -1. */
static long imap_find(const imap *m, uint64_t key)
{
    size_t j;
    if (!m->cap || !key)
        return -1;
    j = (size_t)(mix64(key) & (m->cap - 1));
    while (m->k[j]) {
        if (m->k[j] == key)
            return (long)m->v[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

/* Dense index of key, added as index m->n when new (*isnew set); -1 when
 * out of memory.  key must not be 0. */
static long imap_add(imap *m, uint64_t key, int *isnew)
{
    size_t j;
    *isnew = 0;
    if ((m->n + 1) * 2 > m->cap && imap_grow(m))
        return -1;
    j = (size_t)(mix64(key) & (m->cap - 1));
    while (m->k[j]) {
        if (m->k[j] == key)
            return (long)m->v[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->k[j] = key;
    m->v[j] = m->n;
    *isnew = 1;
    return (long)m->n++;
}

static void imap_free(imap *m)
{
    free(m->k);
    free(m->v);
    memset(m, 0, sizeof *m);
}

/* Adds the stem of every word of the space-separated list (an underscore
 * stands for a space inside an entry, which is then skipped: only single
 * words are looked up) under class cls. */
static int lex_add(lex *l, const char *words, size_t cls)
{
    const char *p = words;
    char st[MAXWORD];
    while (*p) {
        const char *q = p;
        size_t n, k;
        int compound = 0;
        while (*q && *q != ' ') {
            if (*q == '_')
                compound = 1;
            q++;
        }
        n = (size_t)(q - p);
        if (n && !compound && (k = stem_of(p, n, st)) > 0) {
            int isnew;
            long i = imap_add(&l->m, wordkey(st, k), &isnew);
            if (i < 0)
                return -1;
            if (isnew && szv_push(&l->cls, cls))
                return -1;
        }
        p = *q ? q + 1 : q;
    }
    return 0;
}

/* Class of the stem hash h, or -1. */
static long lex_get(const lex *l, uint64_t h)
{
    long i = imap_find(&l->m, h);
    return i < 0 ? -1 : (long)l->cls.v[i];
}

static void lex_free(lex *l)
{
    imap_free(&l->m);
    free(l->cls.v);
    memset(l, 0, sizeof *l);
}

static int build_lexicons(ctx *c)
{
    for (size_t i = 0; i < sizeof unit_words / sizeof *unit_words; i++)
        if (lex_add(&c->units, unit_words[i], i))
            return -1;
    for (size_t i = 0; i < sizeof event_words / sizeof *event_words; i++)
        if (lex_add(&c->events, event_words[i].words, i))
            return -1;
    for (size_t i = 0; i < sizeof generic_words / sizeof *generic_words; i++)
        if (lex_add(&c->gens, generic_words[i].word, i))
            return -1;
    {
        static const char *const cw[2] = {"عدد", "حصيلة"};
        for (int i = 0; i < 2; i++) {
            char st[MAXWORD];
            size_t k = stem_of(cw[i], strlen(cw[i]), st);
            c->h_count[i] = k ? wordkey(st, k) : 0;
        }
    }
    return lex_add(&c->preps, prep_words, 0);
}

/* The display word of unit class i: the first word of its line. */
static size_t unit_display(size_t i, const char **s)
{
    const char *p = unit_words[i], *q = strchr(p, ' ');
    *s = p;
    return q ? (size_t)(q - p) : strlen(p);
}

/* ------------------------------------------------------------ dates */

static long days_from_civil(long y, long m, long d)
{
    long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The days a date fact allows; 0 when it has no usable value. */
static int date_interval(const marsad_fact *f, long *lo, long *hi)
{
    long y = f->year, m = f->month, d = f->day, w = 0;
    if (f->flags & MARSAD_DATE_UNRESOLVED)
        return 0;
    if (y < -9999 || y > 9999)
        return 0;
    switch (f->granularity) {
    case MARSAD_GRAN_DAY:
        if (m < 1 || m > 12 || d < 1 || d > 31)
            return 0;
        *lo = *hi = days_from_civil(y, m, d);
        if (f->flags & MARSAD_DATE_HIJRI)
            w = 2;
        else if (f->flags & MARSAD_DATE_RELATIVE)
            w = 1;
        break;
    case MARSAD_GRAN_MONTH:
        if (m < 1 || m > 12)
            return 0;
        *lo = days_from_civil(y, m, 1);
        *hi = (m == 12 ? days_from_civil(y + 1, 1, 1)
                       : days_from_civil(y, m + 1, 1)) - 1;
        if (f->flags & MARSAD_DATE_HIJRI)
            w = 2;
        break;
    case MARSAD_GRAN_YEAR:
        *lo = days_from_civil(y, 1, 1);
        *hi = days_from_civil(y + 1, 1, 1) - 1;
        break;
    case MARSAD_GRAN_DECADE:
        *lo = days_from_civil(y, 1, 1);
        *hi = days_from_civil(y + 10, 1, 1) - 1;
        break;
    case MARSAD_GRAN_CENTURY:
        *lo = days_from_civil(y, 1, 1);
        *hi = days_from_civil(y + 100, 1, 1) - 1;
        break;
    default:
        return 0;
    }
    *lo -= w;
    *hi += w;
    return 1;
}

/* ------------------------------------------------------------ numbers */

/* How telling a value is when two outlets give it: 0 for small whole
 * numbers, else the number of significant digits (at most 3). */
static int specificity(double v, double *round_unit)
{
    double a = fabs(v), x, u = 1;
    int sig = 0;
    *round_unit = 0;
    if (a < 13 && a == floor(a))
        return 0;
    if (a != floor(a) || a > 1e15)
        return 2;
    x = a;
    while (x >= 10 && fmod(x, 10) == 0) {
        x /= 10;
        u *= 10;
    }
    while (x >= 1) {
        x = floor(x / 10);
        sig++;
    }
    if (u > 1)
        *round_unit = u;
    return sig >= 3 ? 3 : sig;
}

/* ------------------------------------------------------------ analysis */

static int is_break(const char *s, size_t n)
{
    static const char *const b[] = {"،", "؛", ".", ":", "?", "؟", "!",
                                    ",", ";", "…"};
    for (size_t i = 0; i < sizeof b / sizeof *b; i++)
        if (n == strlen(b[i]) && memcmp(s, b[i], n) == 0)
            return 1;
    return 0;
}

static int on_token(void *ud, const marsad_token *t)
{
    ctx *c = ud;
    tok k;
    size_t prev = c->toks.n ? c->toks.v[c->toks.n - 1].end : 0;
    memset(&k, 0, sizeof k);
    k.start = t->start;
    k.end = t->end;
    k.sent = t->sentence;
    k.type = t->type;
    k.ev = k.gen = -1;
    k.nl = c->toks.n == 0 ||
           (t->start > prev &&
            memchr(c->text + prev, '\n', t->start - prev) != NULL);
    if (t->type == MARSAD_TOKEN_PUNCT) {
        k.brk = (unsigned char)is_break(t->norm, t->nnorm);
        k.open = t->nnorm == 1 && t->norm[0] == '(';
    } else if (t->type == MARSAD_TOKEN_ARABIC ||
               t->type == MARSAD_TOKEN_LATIN) {
        const char *s = t->nstem ? t->stem : t->norm;
        size_t n = t->nstem ? t->nstem : t->nnorm;
        const char *nm = t->norm;
        size_t nn = t->nnorm;
        long g;
        k.hs = wordkey(s, n);
        if (t->flags & MARSAD_TOKEN_STOPWORD)
            k.prep = lex_get(&c->preps, k.hs) >= 0;
        else if (letters(s, n) >= 2 && !(t->flags & MARSAD_TOKEN_SPLIT))
            k.h = k.hs;
        for (unsigned i = 0; i < t->nseg && i < MARSAD_MAX_SEGMENTS; i++) {
            const marsad_segment *g2 = &t->seg[i];
            const char *p = c->text + g2->start;
            if (g2->kind != MARSAD_SEG_PROCLITIC || g2->end - g2->start != 2)
                continue;
            if (memcmp(p, "ب", 2) == 0 || memcmp(p, "ل", 2) == 0 ||
                memcmp(p, "ك", 2) == 0)
                k.pclit = 1;
        }
        /* the article, after و ف ب ك */
        for (int i = 0; i < 2; i++)
            if (has_prefix(nm, nn, "و") || has_prefix(nm, nn, "ف") ||
                has_prefix(nm, nn, "ب") || has_prefix(nm, nn, "ك")) {
                nm += 2;
                nn -= 2;
            }
        k.def = has_prefix(nm, nn, "ال") || has_prefix(nm, nn, "لل");
        k.ev = (int)lex_get(&c->events, k.hs);
        /* a generic noun with the article and its own ending: المنظمة,
         * not المنظمات or منظمتنا */
        g = lex_get(&c->gens, k.hs);
        if (g >= 0 && k.def) {
            const char *w = generic_words[g].word;
            if (has_suffix(t->norm, t->nnorm, "ه") ==
                has_suffix(w, strlen(w), "ة"))
                k.gen = (int)g;
        }
    }
    return tokv_push(&c->toks, k) ? MARSAD_ENOMEM : 0;
}

/* First token whose end lies after offset o. */
static size_t tok_after(const ctx *c, size_t o)
{
    size_t lo = 0, hi = c->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->toks.v[mid].end <= o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First token starting at or after offset o. */
static size_t tok_from(const ctx *c, size_t o)
{
    size_t lo = 0, hi = c->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->toks.v[mid].start < o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether token i continues the clause of token i - 1. */
static int joins(const tok *t, size_t i)
{
    return !t[i - 1].brk && !t[i].nl && !t[i].brk &&
           t[i - 1].sent == t[i].sent;
}

/* The clause [*lo, *hi) around tokens [a, b). */
static void clause_of(const ctx *c, size_t a, size_t b, size_t *lo,
                      size_t *hi)
{
    const tok *t = c->toks.v;
    size_t n = c->toks.n, i = a, j = b;
    while (i > 0 && a - i < CLAUSE_SCAN && joins(t, i))
        i--;
    while (j < n && j - b < CLAUSE_SCAN && joins(t, j))
        j++;
    *lo = i;
    *hi = j;
}

static size_t content_in(const ctx *c, size_t lo, size_t hi, size_t a,
                         size_t b)
{
    size_t k = 0;
    for (size_t i = lo; i < hi; i++)
        if (c->toks.v[i].h && (i < a || i >= b))
            k++;
    return k;
}

/* The clause around [a, b), widened clause by clause in the same
 * sentence and line while it holds fewer than CLAUSE_MIN content words
 * besides the fact: first over the clause before when the fact opens its
 * clause (وبدأت الاحتجاجات، الأحد، في ...), else over the clause after,
 * then alternately; at most CLAUSE_WORDS tokens, around the fact. */
static void wide_clause(const ctx *c, size_t a, size_t b, size_t *plo,
                        size_t *phi)
{
    const tok *t = c->toks.v;
    size_t n = c->toks.n, lo, hi;
    int back, stuck = 0;
    clause_of(c, a, b, &lo, &hi);
    back = content_in(c, lo, a, a, b) == 0;
    while (content_in(c, lo, hi, a, b) < CLAUSE_MIN && stuck < 2 &&
           hi - lo < 2 * CLAUSE_WORDS) {
        size_t l2, h2;
        if (back && lo >= 2 && t[lo - 1].brk && !t[lo].nl &&
            t[lo - 1].sent == t[lo].sent && !t[lo - 1].nl &&
            t[lo - 2].sent == t[lo].sent && !t[lo - 2].brk) {
            clause_of(c, lo - 2, lo - 1, &l2, &h2);
            lo = l2;
            stuck = 0;
        } else if (!back && hi + 1 < n && t[hi].brk &&
                   t[hi].sent == t[hi - 1].sent && !t[hi + 1].nl &&
                   t[hi + 1].sent == t[hi].sent && !t[hi + 1].brk) {
            clause_of(c, hi + 1, hi + 2, &l2, &h2);
            hi = h2;
            stuck = 0;
        } else
            stuck++;
        back = !back;
    }
    if (hi - lo > CLAUSE_WORDS) {
        size_t s = a > lo + CLAUSE_WORDS / 3 ? a - CLAUSE_WORDS / 3 : lo;
        if (s + CLAUSE_WORDS > hi)
            s = hi - CLAUSE_WORDS;
        lo = s;
        hi = s + CLAUSE_WORDS;
        if (hi < b)
            hi = b;
    }
    *plo = lo;
    *phi = hi;
}

/* ------------------------------------------------------------ entities */

static uint64_t name_key(const char *s, size_t n)
{
    char buf[512];
    size_t k;
    if (!s || !n)
        return 0;
    k = marsad_normalize(s, n, MARSAD_PROFILE_SEARCH, buf, sizeof buf);
    if (k > sizeof buf)
        k = sizeof buf;
    return mix64(fnv(buf, k)) | ENTBIT;
}

static int cmp_mention(size_t x, size_t y, const void *cx)
{
    const ma_input *in = cx;
    const ma_mention *a = &in->mentions[x], *b = &in->mentions[y];
    if (a->article != b->article)
        return a->article < b->article ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (x > y) - (x < y);
}

static int cmp_fact(size_t x, size_t y, const void *cx)
{
    const ma_input *in = cx;
    const ma_fact *a = &in->facts[x], *b = &in->facts[y];
    if (a->article != b->article)
        return a->article < b->article ? -1 : 1;
    if (a->f.start != b->f.start)
        return a->f.start < b->f.start ? -1 : 1;
    return (x > y) - (x < y);
}

/* Stable merge sort of an index array under a comparator with context
 * (qsort has no context argument). */
static int sort_idx(size_t *v, size_t n, const void *cx,
                    int (*cmp)(size_t, size_t, const void *))
{
    size_t *tmp;
    if (n < 2)
        return 0;
    tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return -1;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t i = 0; i < n; i += 2 * w) {
            size_t m = i + w < n ? i + w : n;
            size_t e = i + 2 * w < n ? i + 2 * w : n;
            size_t p = i, q = m, o = i;
            while (p < m && q < e)
                tmp[o++] = cmp(v[q], v[p], cx) < 0 ? v[q++] : v[p++];
            while (p < m)
                tmp[o++] = v[p++];
            while (q < e)
                tmp[o++] = v[q++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
    free(tmp);
    return 0;
}

static size_t mention_article(const ma_input *in, size_t i)
{
    return in->mentions[i].article;
}

static size_t fact_article(const ma_input *in, size_t i)
{
    return in->facts[i].article;
}

/* Sorts the indexes idx[0..nv) of records (by article first, cmp) and
 * sets ofs[0..na] so that article a's records are idx[ofs[a]..ofs[a+1]);
 * ofs starts zeroed.  -1 when out of memory. */
static int by_article(size_t *idx, size_t nv, size_t *ofs, size_t na,
                      const ma_input *in,
                      int (*cmp)(size_t, size_t, const void *),
                      size_t (*article)(const ma_input *, size_t))
{
    if (sort_idx(idx, nv, in, cmp))
        return -1;
    for (size_t i = 0; i < nv; i++)
        ofs[article(in, idx[i]) + 1]++;
    for (size_t i = 0; i < na; i++)
        ofs[i + 1] += ofs[i];
    return 0;
}

static const char *art_text(const ma_article *a, size_t *len)
{
    if (!a->text) {
        *len = 0;
        return "";
    }
    *len = a->len;
    return a->text;
}

/* Validates and indexes mentions and facts by article, builds the entity
 * table and the independence units. */
static int index_input(ctx *c)
{
    const ma_input *in = c->in;
    size_t na = in->narticles, nv = 0;

    c->agrp = malloc((na ? na : 1) * sizeof *c->agrp);
    c->asrc = malloc((na ? na : 1) * sizeof *c->asrc);
    c->adate = malloc((na ? na : 1) * sizeof *c->adate);
    c->mofs = calloc(na + 1, sizeof *c->mofs);
    c->fofs = calloc(na + 1, sizeof *c->fofs);
    c->midx = malloc((in->nmentions ? in->nmentions : 1) * sizeof *c->midx);
    c->fidx = malloc((in->nfacts ? in->nfacts : 1) * sizeof *c->fidx);
    c->mkey = calloc(in->nmentions ? in->nmentions : 1, sizeof *c->mkey);
    c->ment = calloc(in->nmentions ? in->nmentions : 1, sizeof *c->ment);
    if (!c->agrp || !c->asrc || !c->adate || !c->mofs || !c->fofs || !c->midx ||
        !c->fidx || !c->mkey || !c->ment)
        return -1;

    /* dense numbers of the groups and the named outlets */
    {
        imap gm, sm;
        memset(&gm, 0, sizeof gm);
        memset(&sm, 0, sizeof sm);
        for (size_t i = 0; i < na; i++) {
            const ma_article *a = &in->articles[i];
            int isnew;
            uint64_t gk = mix64((uint64_t)a->group);
            long d = imap_add(&gm, gk ? gk : 1, &isnew);
            c->agrp[i] = (size_t)d;
            c->asrc[i] = SIZE_MAX;
            if (d >= 0 && a->source && a->source[0]) {
                uint64_t sk = fnv(a->source, strlen(a->source));
                d = imap_add(&sm, sk ? sk : 1, &isnew);
                c->asrc[i] = (size_t)d;
            }
            if (d < 0) {
                imap_free(&gm);
                imap_free(&sm);
                return -1;
            }
        }
        imap_free(&gm);
        imap_free(&sm);
    }
    for (size_t i = 0; i < na; i++) {
        const ma_article *a = &in->articles[i];
        c->adate[i] = a->year >= 1 && a->year <= 9999 && a->month >= 1 &&
                              a->month <= 12 && a->day >= 1 && a->day <= 31
                          ? days_from_civil(a->year, a->month, a->day)
                          : NODATE;
    }

    /* mentions */
    for (size_t i = 0; i < in->nmentions; i++) {
        const ma_mention *m = &in->mentions[i];
        size_t len;
        if (m->article >= na)
            continue;
        art_text(&in->articles[m->article], &len);
        if (m->start >= m->end || m->end > len)
            continue;
        c->midx[nv++] = i;
    }
    if (by_article(c->midx, nv, c->mofs, na, in, cmp_mention,
                   mention_article))
        return -1;
    for (size_t i = 0; i < nv; i++) {
        const ma_mention *m = &in->mentions[c->midx[i]];
        size_t len;
        const char *tx = art_text(&in->articles[m->article], &len);
        uint64_t key;
        int isnew;
        long d;
        if (m->entity)
            key = mix64((uint64_t)m->entity) | ENTBIT;
        else if (m->name && m->name[0])
            key = name_key(m->name, strlen(m->name));
        else
            key = name_key(tx + m->start, m->end - m->start);
        c->mkey[c->midx[i]] = key;
        d = imap_add(&c->entm, key, &isnew);
        if (d < 0)
            return -1;
        if (isnew) {
            ent e;
            memset(&e, 0, sizeof e);
            e.key = key;
            e.id = m->entity;
            e.type = m->type;
            if (m->name && m->name[0]) {
                e.name = m->name;
                e.nname = strlen(m->name);
            } else {
                e.name = tx + m->start;
                e.nname = m->end - m->start;
            }
            if (entv_push(&c->ents, e))
                return -1;
        }
        c->ents.v[d].count++;
        c->ment[c->midx[i]] = (size_t)d;
    }

    /* facts */
    nv = 0;
    for (size_t i = 0; i < in->nfacts; i++) {
        const ma_fact *f = &in->facts[i];
        size_t len;
        if (f->article >= na)
            continue;
        art_text(&in->articles[f->article], &len);
        if (f->f.start >= f->f.end || f->f.end > len)
            continue;
        if (f->f.kind == MARSAD_FACT_NUMBER &&
            (f->f.unit_start > f->f.unit_end || f->f.unit_end > len ||
             !isfinite(f->f.value) || !isfinite(f->f.value_max)))
            continue;
        if (f->f.kind != MARSAD_FACT_NUMBER && f->f.kind != MARSAD_FACT_DATE)
            continue;
        c->fidx[nv++] = i;
    }
    if (by_article(c->fidx, nv, c->fofs, na, in, cmp_fact, fact_article))
        return -1;
    return 0;
}

/* The entity each generic noun stands for. */
static int resolve_generics(ctx *c)
{
    size_t ng = sizeof generic_words / sizeof *generic_words;
    c->gen_ent = malloc(ng * sizeof *c->gen_ent);
    c->gen_weak = calloc(ng, sizeof *c->gen_weak);
    if (!c->gen_ent || !c->gen_weak)
        return -1;
    for (size_t g = 0; g < ng; g++) {
        char st[MAXWORD], nm[512];
        const char *w = generic_words[g].word;
        size_t k = stem_of(w, strlen(w), st), total = 0;
        long best = -1, top = -1;
        for (size_t e = 0; e < c->ents.n; e++) {
            const ent *x = &c->ents.v[e];
            size_t nn, p = 0;
            int holds = 0;
            if (x->type != generic_words[g].type)
                continue;
            total += x->count;
            if (top < 0 || x->count > c->ents.v[top].count)
                top = (long)e;
            nn = marsad_normalize(x->name, x->nname, MARSAD_PROFILE_SEARCH, nm,
                                  sizeof nm);
            if (nn > sizeof nm)
                nn = sizeof nm;
            /* a word of the name starts with the noun's stem */
            while (k && p < nn && !holds) {
                size_t q = p;
                while (q < nn && nm[q] != ' ')
                    q++;
                if (has_prefix(nm + p, q - p, "ال") &&
                    q - p >= 4 + k)
                    holds = memcmp(nm + p + 4, st, k) == 0;
                if (!holds && q - p >= k)
                    holds = memcmp(nm + p, st, k) == 0;
                p = q + 1;
            }
            if (holds && (best < 0 || x->count > c->ents.v[best].count))
                best = (long)e;
        }
        c->gen_ent[g] = best;
        if (best < 0 && top >= 0 && c->ents.v[top].count >= 2 &&
            c->ents.v[top].count * 5 >= total * 2) {
            c->gen_ent[g] = top;
            c->gen_weak[g] = 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ context */

static int add_df(ctx *c, uint64_t h)
{
    int isnew;
    long d = imap_add(&c->dfm, h, &isnew);
    if (d < 0)
        return -1;
    if (isnew) {
        dfe e;
        e.count = 0;
        e.last = SIZE_MAX;
        if (dfev_push(&c->df, e))
            return -1;
    }
    if (c->df.v[d].last != c->cur) {
        c->df.v[d].last = c->cur;
        c->df.v[d].count++;
    }
    return 0;
}

/* Index into midx of the first mention of article ai starting at or after
 * offset o. */
static size_t mention_from(const ctx *c, size_t ai, size_t o)
{
    size_t lo = c->mofs[ai], hi = c->mofs[ai + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->in->mentions[c->midx[mid]].start < o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int cmp_item(const void *x, const void *y)
{
    const item *a = x, *b = y;
    if (a->h != b->h)
        return a->h < b->h ? -1 : 1;
    return a->w > b->w ? -1 : a->w < b->w;
}

/* Context items of tokens [wlo, whi) but not [a, b): weight 1 inside the
 * clause [clo, chi), 0.5 outside; mentions there as entity items. */
static int add_items(ctx *c, rec *r, size_t ai, size_t wlo, size_t whi,
                     size_t a, size_t b, size_t clo, size_t chi)
{
    const tok *t = c->toks.v;
    size_t first = c->items.n, o;
    for (size_t i = wlo; i < whi; i++) {
        item x;
        if (!t[i].h || (i >= a && i < b))
            continue;
        x.h = t[i].h;
        x.w = i >= clo && i < chi ? 1.0 : 0.5;
        x.etype = 0;
        if (itemv_push(&c->items, x))
            return -1;
    }
    if (whi > wlo) {
        size_t s = t[wlo].start, e = t[whi - 1].end;
        for (size_t j = mention_from(c, ai, s); j < c->mofs[ai + 1]; j++) {
            const ma_mention *m = &c->in->mentions[c->midx[j]];
            size_t k;
            item x;
            if (m->start >= e)
                break;
            if (m->start < t[b - 1].end && m->end > t[a].start)
                continue;
            k = tok_after(c, m->start);
            x.h = c->mkey[c->midx[j]];
            x.w = k >= clo && k < chi ? 1.0 : 0.5;
            x.etype = k >= clo && k < chi ? m->type : 0;
            if (itemv_push(&c->items, x))
                return -1;
        }
    }
    if (c->items.n > first)
        sort_any(c->items.v + first, c->items.n - first, sizeof(item),
                 cmp_item);
    o = first;
    for (size_t i = first; i < c->items.n; i++)
        if (o == first || c->items.v[o - 1].h != c->items.v[i].h)
            c->items.v[o++] = c->items.v[i];
    c->items.n = o;
    r->it = first;
    r->nit = o - first;
    return 0;
}

/* Range [*s, *e) of the sentence tokens within WINDOW of [a, b). */
static void window_of(const ctx *c, size_t a, size_t b, size_t *s, size_t *e)
{
    const tok *t = c->toks.v;
    size_t i = a, j = b;
    while (i > 0 && a - i < WINDOW && t[i - 1].sent == t[a].sent &&
           !t[i].nl)
        i--;
    while (j < c->toks.n && j - b < WINDOW && t[j].sent == t[b - 1].sent &&
           !t[j].nl)
        j++;
    *s = i;
    *e = j;
}

/* ------------------------------------------------------------ facts */

/* The bucket of the counted noun tx[us..ue): its class in the table, else
 * its stem (first word only). */
static void unit_key(ctx *c, const char *tx, size_t us, size_t ue, rec *r)
{
    char st[MAXWORD];
    size_t s = us, e = us, k;
    long cls = -1;
    while (e < ue && tx[e] != ' ' && tx[e] != '\n' && tx[e] != '\t')
        e++;
    k = stem_of(tx + s, e - s, st);
    if (k) {
        cls = lex_get(&c->units, wordkey(st, k));
        if (cls < 0 && has_suffix(st, k, "ا") && letters(st, k) > 3) {
            k -= 2;
            cls = lex_get(&c->units, wordkey(st, k));
        }
    }
    r->ucls = (int)cls;
    if (cls >= 0)
        r->key = mix64((uint64_t)cls + 7);
    else if (k)
        r->key = wordkey(st, k);
    else
        r->key = wordkey(tx + s, e - s);
}

static int add_number(ctx *c, size_t fi, size_t a, size_t b)
{
    const ma_fact *F = &c->in->facts[fi];
    const marsad_fact *f = &F->f;
    size_t len, clo, chi, wlo, whi, us = f->unit_start, ue = f->unit_end;
    const char *tx = art_text(&c->in->articles[F->article], &len);
    const tok *t = c->toks.v;
    unsigned fl = f->flags;
    double v = f->value, vmax = f->value_max, unit_r;
    rec r;

    memset(&r, 0, sizeof r);
    r.fact = fi;
    r.art = F->article;
    r.grp = c->agrp[F->article];
    r.src = c->asrc[F->article];
    r.adate = c->adate[F->article];
    r.has_unit = f->unit_end > f->unit_start;
    r.ucls = -1;
    if (fl & MARSAD_NUM_ORDINAL)
        return 0;
    clause_of(c, a, b, &clo, &chi);
    if (!r.has_unit && !(fl & MARSAD_NUM_PERCENT)) {
        /* عدد القتلى ... إلى 46, حصيلة الضحايا 46: the noun after عدد or
         * حصيلة is what is counted */
        for (size_t i = a; i > clo && a - i <= 8;) {
            i--;
            if (t[i].hs && (t[i].hs == c->h_count[0] ||
                            t[i].hs == c->h_count[1])) {
                if (i + 1 < a && t[i + 1].h) {
                    us = t[i + 1].start;
                    ue = t[i + 1].end;
                    r.has_unit = 1;
                }
                break;
            }
        }
    }
    if ((fl & MARSAD_NUM_FRACTION) && !r.has_unit)
        return 0;
    if (!r.has_unit && !(fl & (MARSAD_NUM_PERCENT | MARSAD_NUM_APPROX |
                               MARSAD_NUM_VAGUE | MARSAD_NUM_RANGE)) &&
        f->bound == MARSAD_BOUND_NONE && v == floor(v) && v >= 1800 &&
        v <= 2100)
        return 0; /* a year */
    if (!r.has_unit && !(fl & MARSAD_NUM_PERCENT) && fabs(v) < 13)
        return 0;

    if (fl & MARSAD_NUM_FRACTION) {
        v *= 100;
        vmax *= 100;
        fl |= MARSAD_NUM_PERCENT;
    }
    r.pct = (fl & MARSAD_NUM_PERCENT) != 0;
    r.spec = specificity(v, &unit_r);
    if (f->flags & MARSAD_NUM_FRACTION)
        r.spec = 0;
    r.vague = (fl & MARSAD_NUM_VAGUE) != 0;
    r.center = v;
    r.lo = v;
    r.hi = (fl & MARSAD_NUM_RANGE) && vmax > v ? vmax : v;
    if (r.vague) {
        r.hi = r.lo * 10 - fabs(r.lo) * 1e-9;
        r.prec = 4;
    } else if (fl & MARSAD_NUM_APPROX) {
        r.lo -= fabs(r.lo) * 0.1;
        r.hi += fabs(r.hi) * 0.1;
        r.prec = fl & MARSAD_NUM_RANGE ? 2 : 1;
    } else if (fl & MARSAD_NUM_RANGE) {
        r.prec = 2;
    } else {
        double tol = unit_r / 2, cap = fabs(v) * 0.05;
        if (tol > cap)
            tol = cap;
        r.lo -= tol;
        r.hi += tol;
    }
    switch (f->bound) {
    case MARSAD_BOUND_MORE:
    case MARSAD_BOUND_ATLEAST:
        r.hi = INFINITY;
        r.prec = 3;
        break;
    case MARSAD_BOUND_LESS:
    case MARSAD_BOUND_ATMOST:
        r.lo = v >= 0 ? 0 : -INFINITY;
        r.prec = 3;
        break;
    default:
        break;
    }

    if (r.has_unit) {
        unit_key(c, tx, us, ue, &r);
        r.ls = us;
        r.le = ue;
    } else {
        r.key = 1;
        r.ls = r.le = 0;
    }
    if (r.pct)
        r.key ^= PCTSALT;
    if (!r.key)
        r.key = 1;

    window_of(c, a, b, &wlo, &whi);
    if (!r.has_unit) {
        /* the content words before the number name what it counts */
        size_t k = 0, i = a, first = a;
        while (i > clo && k < 3) {
            i--;
            if (c->toks.v[i].h) {
                first = i;
                k++;
            }
        }
        if (k) {
            r.ls = c->toks.v[first].start;
            r.le = c->toks.v[a - 1].end;
        }
    }
    if (add_items(c, &r, F->article, wlo, whi, a, b, clo, chi))
        return -1;
    return recv_push(&c->nums, r);
}

/* The subject of event token e in clause [lo, hi), not inside [a, b):
 * dense entity index, or -1. */
static long subject_of(ctx *c, size_t ai, size_t e, size_t lo, size_t hi,
                       size_t a, size_t b, int *weak)
{
    const tok *t = c->toks.v;
    long best = -1;
    size_t bestd = SIZE_MAX;
    *weak = 0;
    /* mentions in the clause */
    for (size_t j = mention_from(c, ai, t[lo].start); j < c->mofs[ai + 1];
         j++) {
        const ma_mention *m = &c->in->mentions[c->midx[j]];
        size_t k, d;
        if (m->start >= t[hi - 1].end)
            break;
        k = tok_after(c, m->start);
        if (k >= a && k < b)
            continue;
        if (t[k].pclit || (k > 0 && (t[k - 1].prep || t[k - 1].open)))
            continue;
        d = k > e ? k - e : e - k;
        if (d <= SUBJECT_GAP && (d < bestd || (d == bestd && k > e))) {
            best = (long)c->ment[c->midx[j]];
            bestd = d;
        }
    }
    /* definite generic nouns */
    for (size_t k = lo; k < hi; k++) {
        size_t d;
        int g = t[k].gen;
        if (g < 0 || t[k].inm || (k >= a && k < b) || c->gen_ent[g] < 0)
            continue;
        if (t[k].pclit || (k > 0 && t[k - 1].prep))
            continue;
        d = k > e ? k - e : e - k;
        if (d <= SUBJECT_GAP && d < bestd) {
            best = c->gen_ent[g];
            bestd = d;
            *weak = c->gen_weak[g];
        }
    }
    if (best >= 0)
        return best;
    /* a clause that opens with the event word: the sentence's topic */
    {
        size_t words = 0;
        for (size_t k = lo; k < e; k++)
            if (t[k].type == MARSAD_TOKEN_ARABIC ||
                t[k].type == MARSAD_TOKEN_LATIN)
                words++;
        if (words > 1 || lo == 0)
            return -1;
    }
    {
        size_t j = mention_from(c, ai, t[lo].start);
        while (j > c->mofs[ai]) {
            const ma_mention *m = &c->in->mentions[c->midx[--j]];
            size_t k = tok_after(c, m->start);
            if (k >= c->toks.n || t[k].sent != t[lo].sent ||
                lo - k > TOPIC_SCAN)
                break;
            if (t[k].pclit ||
                (k > 0 && (t[k - 1].prep || t[k - 1].open)))
                continue;
            return (long)c->ment[c->midx[j]];
        }
    }
    return -1;
}

static int add_date(ctx *c, size_t fi, size_t a, size_t b)
{
    const ma_fact *F = &c->in->facts[fi];
    const marsad_fact *f = &F->f;
    const tok *t = c->toks.v;
    long dlo, dhi;
    size_t lo, hi, ev = SIZE_MAX, evd = SIZE_MAX;
    rec r;

    if (!date_interval(f, &dlo, &dhi))
        return 0;
    memset(&r, 0, sizeof r);
    r.fact = fi;
    r.art = F->article;
    r.grp = c->agrp[F->article];
    r.src = c->asrc[F->article];
    r.adate = c->adate[F->article];
    r.lo = (double)dlo;
    r.hi = (double)dhi;
    r.center = (double)dlo;
    r.gran = f->granularity;
    r.prec = 2 * f->granularity + ((f->flags & MARSAD_DATE_RELATIVE) != 0);
    r.ucls = -1;
    /* a claim: an event word and its subject in the clause, or in the
     * clauses after a date that stands alone (وفي عام 2002، أنشأت ...) */
    clause_of(c, a, b, &lo, &hi);
    if (!content_in(c, lo, hi, a, b))
        wide_clause(c, a, b, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        size_t d;
        if (t[k].ev < 0 || t[k].inm || (k >= a && k < b))
            continue;
        d = k < a ? a - k : k - b + 1;
        if (d < evd) {
            evd = d;
            ev = k;
        }
    }
    if (ev != SIZE_MAX) {
        int weak;
        long s = subject_of(c, F->article, ev, lo, hi, a, b, &weak);
        if (s >= 0) {
            size_t wlo, whi;
            rec d = r;
            d.ev = t[ev].ev;
            d.oneoff = event_words[d.ev].oneoff;
            d.weak = weak;
            d.subj = (size_t)s;
            d.key = mix64(c->ents.v[s].key ^ mix64((uint64_t)d.ev + 1));
            if (!d.key)
                d.key = 1;
            window_of(c, a, b, &wlo, &whi);
            if (add_items(c, &d, F->article, wlo < lo ? wlo : lo,
                          whi > hi ? whi : hi, a, b, lo, hi) ||
                recv_push(&c->dates, d))
                return -1;
        }
    }

    /* the timeline */
    if (f->granularity == MARSAD_GRAN_DAY ||
        f->granularity == MARSAD_GRAN_MONTH) {
        size_t ls = a, le = b, words = 0, first;
        wide_clause(c, a, b, &lo, &hi);
        while (ls > 0 && !t[ls].nl && a - ls < CLAUSE_SCAN)
            ls--;
        while (le < c->toks.n && !t[le].nl && le - b < CLAUSE_SCAN)
            le++;
        words = content_in(c, ls, le, a, b);
        if (words < 2)
            return 0; /* a dateline */
        /* a name cut by the end of the clause is kept whole */
        for (size_t j = mention_from(c, F->article, t[lo].start);
             j < c->mofs[F->article + 1]; j++) {
            const ma_mention *m = &c->in->mentions[c->midx[j]];
            if (m->start >= t[hi - 1].end)
                break;
            while (m->end > t[hi - 1].end && hi < c->toks.n &&
                   t[hi].start < m->end && t[hi].sent == t[hi - 1].sent)
                hi++;
        }
        r.key = mix64((uint64_t)dlo * 8 + (uint64_t)f->granularity);
        if (!r.key)
            r.key = 1;
        r.ls = t[lo].start;
        r.le = t[hi - 1].end;
        if (add_items(c, &r, F->article, lo, hi, a, b, lo, hi))
            return -1;
        first = c->ids.n;
        for (size_t j = mention_from(c, F->article, r.ls);
             j < c->mofs[F->article + 1]; j++) {
            const ma_mention *m = &c->in->mentions[c->midx[j]];
            int64_t id = c->ents.v[c->ment[c->midx[j]]].id;
            if (m->start >= r.le)
                break;
            if (id && i64v_push(&c->ids, id))
                return -1;
        }
        r.en = first;
        r.nen = c->ids.n - first;
        if (recv_push(&c->tl, r))
            return -1;
    }
    return 0;
}

static int do_article(ctx *c, size_t ai)
{
    const ma_article *A = &c->in->articles[ai];
    size_t len;
    const char *tx = art_text(A, &len);
    int rc;

    if (!len)
        return 0;
    c->text = tx;
    c->len = len;
    c->cur = ai;
    c->toks.n = 0;
    c->ndocs++;
    marsad_analyzer_reset(c->an);
    rc = marsad_analyze(c->an, tx, len, on_token, c);
    if (rc)
        return -1;
    for (size_t i = 0; i < c->toks.n; i++)
        if (c->toks.v[i].h && add_df(c, c->toks.v[i].h))
            return -1;
    for (size_t j = c->mofs[ai]; j < c->mofs[ai + 1]; j++) {
        const ma_mention *m = &c->in->mentions[c->midx[j]];
        for (size_t k = tok_after(c, m->start);
             k < c->toks.n && c->toks.v[k].start < m->end; k++)
            c->toks.v[k].inm = 1;
        if (add_df(c, c->mkey[c->midx[j]]))
            return -1;
    }
    for (size_t j = c->fofs[ai]; j < c->fofs[ai + 1]; j++) {
        size_t fi = c->fidx[j];
        const marsad_fact *f = &c->in->facts[fi].f;
        size_t a = tok_after(c, f->start), b = tok_from(c, f->end);
        if (a >= b)
            continue;
        if (f->kind == MARSAD_FACT_NUMBER) {
            if (add_number(c, fi, a, b))
                return -1;
        } else if (add_date(c, fi, a, b))
            return -1;
    }
    return 0;
}

/* Rarity weight of an item seen in df of the story's N articles. */
static double rarity(size_t n, size_t df)
{
    double w;
    if (n < 3 || df <= 1)
        return 1;
    w = log((double)(n + 1) / (double)df) / log((double)(n + 1) / 2.0);
    return w < 0.1 ? 0.1 : w > 1 ? 1 : w;
}

static void weigh(ctx *c, recv *rv)
{
    for (size_t i = 0; i < rv->n; i++) {
        rec *r = &rv->v[i];
        r->norm = 0;
        for (size_t k = 0; k < r->nit; k++) {
            item *x = &c->items.v[r->it + k];
            long d = imap_find(&c->dfm, x->h);
            x->w *= rarity(c->ndocs, d < 0 ? 1 : c->df.v[d].count);
            r->norm += x->w;
        }
    }
}

/* ------------------------------------------------------------ compare */

typedef struct simv {
    double s;
    int shared, words;
    double entw; /* heaviest shared entity */
    int ents;
} simv;

static simv similarity(const ctx *c, const rec *x, const rec *y)
{
    const item *a, *b;
    size_t i = 0, j = 0;
    double s = 0;
    simv r;
    memset(&r, 0, sizeof r);
    if (!x->nit || !y->nit)
        return r;
    a = c->items.v + x->it;
    b = c->items.v + y->it;
    while (i < x->nit && j < y->nit) {
        if (a[i].h < b[j].h)
            i++;
        else if (a[i].h > b[j].h)
            j++;
        else {
            double w = a[i].w < b[j].w ? a[i].w : b[j].w;
            s += w;
            r.shared++;
            if (a[i].h & ENTBIT) {
                r.ents++;
                if (w > r.entw)
                    r.entw = w;
            } else
                r.words++;
            i++;
            j++;
        }
    }
    if (x->norm > 0 && y->norm > 0)
        r.s = s / sqrt(x->norm * y->norm);
    return r;
}

/* Articles of one near-duplicate group or one named outlet are one
 * source. */
static int same_source(const rec *x, const rec *y)
{
    return x->grp == y->grp || (x->src != SIZE_MAX && x->src == y->src);
}

static int overlap(const rec *x, const rec *y)
{
    return x->lo <= y->hi && y->lo <= x->hi;
}

enum { M_NUM, M_DATE, M_TL };

/* Whether x and y, whose values cannot both hold, may still be put in one
 * contested claim. */
static int may_contest(const rec *x, const rec *y, int mode)
{
    if (same_source(x, y))
        return 0;
    if (mode == M_NUM) {
        if (x->vague || y->vague || !x->has_unit || !y->has_unit)
            return 0;
        if (x->adate != NODATE && y->adate != NODATE &&
            labs(x->adate - y->adate) > DAYS_APART)
            return 0;
        return 1;
    }
    if (x->oneoff)
        return 1;
    return x->gran <= MARSAD_GRAN_MONTH && y->gran <= MARSAD_GRAN_MONTH &&
           fabs(x->center - y->center) <= RECUR_DAYS;
}

/* Whether the clauses of x and y name different entities of one type
 * (other places, people or organizations) and none in common: then they
 * speak of different things. */
static int other_entities(const ctx *c, const rec *x, const rec *y)
{
    const item *a, *b;
    if (!x->nit || !y->nit)
        return 0;
    a = c->items.v + x->it;
    b = c->items.v + y->it;
    for (int type = MARSAD_ENTITY_PER; type <= MARSAD_ENTITY_ORG; type++) {
        int inx = 0, iny = 0, both = 0;
        size_t i = 0, j = 0;
        for (size_t k = 0; k < x->nit; k++)
            inx |= a[k].etype == type;
        for (size_t k = 0; k < y->nit; k++)
            iny |= b[k].etype == type;
        if (!inx || !iny)
            continue;
        while (i < x->nit && j < y->nit && !both) {
            if (a[i].h < b[j].h)
                i++;
            else if (a[i].h > b[j].h)
                j++;
            else {
                both = a[i].etype == type && b[j].etype == type;
                i++;
                j++;
            }
        }
        if (!both)
            return 1;
    }
    return 0;
}

/* Link strength of x and y: > 0 for agreeing facts about one thing
 * (*contest 0), or for facts that contradict each other (*contest 1);
 * 0 for none. */
static double judge(const ctx *c, const rec *x, const rec *y, int mode,
                    int *contest)
{
    simv v = similarity(c, x, y);
    *contest = 0;
    if (mode == M_TL) {
        if ((v.ents && v.entw >= 0.5) || v.ents >= 2 ||
            (v.s >= T_EVENT && v.words >= 2))
            return 1 + v.s;
        return 0;
    }
    if (overlap(x, y)) {
        double need;
        if (mode == M_DATE)
            return 2 + v.s;
        if (!x->has_unit || !y->has_unit) {
            if (v.s < T_UNITLESS || v.shared < 3)
                return 0;
            return 1 + v.s;
        }
        if (x->center == y->center && x->vague == y->vague) {
            int sp = x->spec < y->spec ? x->spec : y->spec;
            if (sp >= 2)
                return 3 + v.s;
            need = sp == 1 ? T_EQ_ROUND : T_EQ_SMALL;
            return v.s >= need && v.shared ? 2 + v.s : 0;
        }
        return v.s >= T_COMPAT ? 1 + v.s : 0;
    }
    if (!may_contest(x, y, mode))
        return 0;
    *contest = 1;
    if (mode == M_NUM)
        return v.s >= T_CONTEST && v.shared >= 2 && v.words >= 1 &&
                       !other_entities(c, x, y)
                   ? v.s
                   : 0;
    if (x->oneoff)
        return (x->weak || y->weak) && v.s < T_DATE_WEAK ? 0 : 0.01 + v.s;
    return v.s >= T_DATE_RECUR ? v.s : 0;
}

/* ------------------------------------------------------------ cluster */

typedef struct uf {
    size_t *par, *next, *tail, *size;
    double *lo, *hi;
} uf;

static size_t uf_find(uf *u, size_t i)
{
    while (u->par[i] != i) {
        u->par[i] = u->par[u->par[i]];
        i = u->par[i];
    }
    return i;
}

/* Whether the components of x and y may become one (agree: their values
 * must keep a common point). */
static int mergeable(uf *u, const rec *r, size_t x, size_t y, int mode,
                     int agree)
{
    if (mode == M_TL)
        return 1;
    if (agree && (u->lo[x] > u->hi[y] || u->lo[y] > u->hi[x]))
        return 0;
    for (size_t i = x; i != SIZE_MAX; i = u->next[i])
        for (size_t j = y; j != SIZE_MAX; j = u->next[j])
            if (!overlap(&r[i], &r[j]) && !may_contest(&r[i], &r[j], mode))
                return 0;
    return 1;
}

static void merge(uf *u, size_t x, size_t y)
{
    if (u->size[x] < u->size[y]) {
        size_t t = x;
        x = y;
        y = t;
    }
    u->par[y] = x;
    u->next[u->tail[x]] = y;
    u->tail[x] = u->tail[y];
    u->size[x] += u->size[y];
    if (u->lo[y] > u->lo[x])
        u->lo[x] = u->lo[y];
    if (u->hi[y] < u->hi[x])
        u->hi[x] = u->hi[y];
}

static int cmp_pair(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

static int cmp_lnk(const void *x, const void *y)
{
    const lnk *a = x, *b = y;
    if (a->s != b->s)
        return a->s > b->s ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

typedef struct post {
    uint64_t h;
    size_t r;
} post;

VEC(postv, post)

static int cmp_post(const void *x, const void *y)
{
    const post *a = x, *b = y;
    if (a->h != b->h)
        return a->h < b->h ? -1 : 1;
    return (a->r > b->r) - (a->r < b->r);
}

static int cmp_center(size_t x, size_t y, const void *cx)
{
    const rec *r = cx;
    if (r[x].center != r[y].center)
        return r[x].center < r[y].center ? -1 : 1;
    return (x > y) - (x < y);
}

/* Candidate pairs of r[0..m): all of them in a small bucket, else those
 * sharing a not too common item or neighbours by value. */
static int candidates(const ctx *c, const rec *r, size_t m, pairv *out)
{
    postv ps;
    size_t *ord;
    out->n = 0;
    if (m <= ALLPAIRS) {
        for (size_t i = 0; i < m; i++)
            for (size_t j = i + 1; j < m; j++) {
                pair p;
                p.a = i;
                p.b = j;
                if (pairv_push(out, p))
                    return -1;
            }
        return 0;
    }
    memset(&ps, 0, sizeof ps);
    for (size_t i = 0; i < m; i++)
        for (size_t k = 0; k < r[i].nit; k++) {
            post p;
            p.h = c->items.v[r[i].it + k].h;
            p.r = i;
            if (postv_push(&ps, p)) {
                free(ps.v);
                return -1;
            }
        }
    sort_any(ps.v, ps.n, sizeof *ps.v, cmp_post);
    for (size_t i = 0; i < ps.n;) {
        size_t j = i;
        while (j < ps.n && ps.v[j].h == ps.v[i].h)
            j++;
        if (j - i <= POSTING_CAP)
            for (size_t x = i; x < j; x++)
                for (size_t y = x + 1; y < j; y++) {
                    pair p;
                    p.a = ps.v[x].r;
                    p.b = ps.v[y].r;
                    if (pairv_push(out, p)) {
                        free(ps.v);
                        return -1;
                    }
                }
        i = j;
    }
    free(ps.v);
    ord = malloc(m * sizeof *ord);
    if (!ord)
        return -1;
    for (size_t i = 0; i < m; i++)
        ord[i] = i;
    if (sort_idx(ord, m, r, cmp_center)) {
        free(ord);
        return -1;
    }
    for (size_t i = 0; i + 1 < m; i++)
        for (size_t j = i + 1; j < m && j <= i + 4; j++) {
            pair p;
            p.a = ord[i] < ord[j] ? ord[i] : ord[j];
            p.b = ord[i] < ord[j] ? ord[j] : ord[i];
            if (pairv_push(out, p)) {
                free(ord);
                return -1;
            }
        }
    free(ord);
    sort_any(out->v, out->n, sizeof *out->v, cmp_pair);
    {
        size_t o = 0;
        for (size_t i = 0; i < out->n; i++)
            if (!o || cmp_pair(&out->v[o - 1], &out->v[i]) != 0)
                out->v[o++] = out->v[i];
        out->n = o;
    }
    return 0;
}

/* Clusters r[0..m) of one bucket; comp[i] receives the root of i and
 * next[] chains the members of each root (SIZE_MAX ends a chain). */
static int cluster(const ctx *c, const rec *r, size_t m, int mode,
                   size_t *comp, size_t *next)
{
    uf u;
    pairv ps;
    lnkv agree, contest;
    imap refused;
    int rc = -1;

    memset(&u, 0, sizeof u);
    memset(&ps, 0, sizeof ps);
    memset(&agree, 0, sizeof agree);
    memset(&contest, 0, sizeof contest);
    memset(&refused, 0, sizeof refused);
    u.par = malloc(m * sizeof *u.par);
    u.tail = malloc(m * sizeof *u.tail);
    u.size = malloc(m * sizeof *u.size);
    u.lo = malloc(m * sizeof *u.lo);
    u.hi = malloc(m * sizeof *u.hi);
    u.next = next;
    if (!u.par || !u.tail || !u.size || !u.lo || !u.hi)
        goto out;
    for (size_t i = 0; i < m; i++) {
        u.par[i] = u.tail[i] = i;
        u.next[i] = SIZE_MAX;
        u.size[i] = 1;
        u.lo[i] = r[i].lo;
        u.hi[i] = r[i].hi;
    }
    if (candidates(c, r, m, &ps))
        goto out;
    for (size_t i = 0; i < ps.n; i++) {
        int isc;
        lnk l;
        l.a = ps.v[i].a;
        l.b = ps.v[i].b;
        l.s = judge(c, &r[l.a], &r[l.b], mode, &isc);
        if (l.s <= 0)
            continue;
        if (lnkv_push(isc ? &contest : &agree, l))
            goto out;
    }
    sort_any(agree.v, agree.n, sizeof *agree.v, cmp_lnk);
    sort_any(contest.v, contest.n, sizeof *contest.v, cmp_lnk);
    for (int phase = 0; phase < 2; phase++) {
        lnkv *lv = phase ? &contest : &agree;
        imap_free(&refused);
        for (size_t i = 0; i < lv->n; i++) {
            size_t x = uf_find(&u, lv->v[i].a), y = uf_find(&u, lv->v[i].b);
            uint64_t key;
            int isnew;
            if (x == y)
                continue;
            key = (uint64_t)(x < y ? x : y) * (uint64_t)m +
                  (uint64_t)(x < y ? y : x) + 1;
            if (imap_find(&refused, key) >= 0)
                continue;
            if (!mergeable(&u, r, x, y, mode, !phase)) {
                if (imap_add(&refused, key, &isnew) < 0)
                    goto out;
                continue;
            }
            merge(&u, x, y);
        }
    }
    for (size_t i = 0; i < m; i++)
        comp[i] = uf_find(&u, i);
    rc = 0;
out:
    free(u.par);
    free(u.tail);
    free(u.size);
    free(u.lo);
    free(u.hi);
    free(ps.v);
    free(agree.v);
    free(contest.v);
    imap_free(&refused);
    return rc;
}

/* ------------------------------------------------------------ output */

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

typedef struct kp {
    size_t key, pos;
} kp;

static int cmp_kp(const void *x, const void *y)
{
    const kp *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

static size_t uf_root(size_t *par, size_t i)
{
    while (par[i] != i) {
        par[i] = par[par[i]];
        i = par[i];
    }
    return i;
}

/* Independent sources behind the records mem[0..k): facts are joined
 * when their articles share a group or an outlet, and the joined sets
 * counted; SIZE_MAX when out of memory.  tmp holds k entries. */
static size_t count_sources(const rec *r, const size_t *mem, size_t k,
                            size_t *tmp)
{
    kp *v;
    size_t n = 0;
    if (k < 2)
        return k;
    v = malloc(k * sizeof *v);
    if (!v)
        return SIZE_MAX;
    for (size_t i = 0; i < k; i++)
        tmp[i] = i;
    for (int w = 0; w < 2; w++) {
        size_t m = 0;
        for (size_t i = 0; i < k; i++) {
            size_t key = w ? r[mem[i]].src : r[mem[i]].grp;
            if (key == SIZE_MAX)
                continue;
            v[m].key = key;
            v[m].pos = i;
            m++;
        }
        sort_any(v, m, sizeof *v, cmp_kp);
        for (size_t i = 1; i < m; i++)
            if (v[i].key == v[i - 1].key) {
                size_t a = uf_root(tmp, v[i].pos);
                size_t b = uf_root(tmp, v[i - 1].pos);
                if (a != b)
                    tmp[a > b ? a : b] = a < b ? a : b;
            }
    }
    for (size_t i = 0; i < k; i++)
        n += tmp[i] == i;
    free(v);
    return n;
}

static size_t distinct_articles(const rec *r, const size_t *mem, size_t k,
                                size_t *tmp)
{
    size_t n = 0;
    for (size_t i = 0; i < k; i++)
        tmp[i] = r[mem[i]].art;
    sort_any(tmp, k, sizeof *tmp, cmp_size);
    for (size_t i = 0; i < k; i++)
        if (i == 0 || tmp[i] != tmp[i - 1])
            n++;
    return n;
}

static char *dup_bytes(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* Copies text[s..e) with runs of white space as one space. */
static char *dup_text(const char *tx, size_t s, size_t e, size_t cap)
{
    char *p;
    size_t o = 0;
    int sp = 0;
    if (e - s > cap) {
        e = s + cap;
        while (e > s && ((unsigned char)tx[e] & 0xC0u) == 0x80u)
            e--;
    }
    p = malloc(e - s + 1);
    if (!p)
        return NULL;
    for (size_t i = s; i < e; i++) {
        char ch = tx[i];
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
            sp = 1;
            continue;
        }
        if (sp && o)
            p[o++] = ' ';
        sp = 0;
        p[o++] = ch;
    }
    p[o] = 0;
    return p;
}

static int cmp_prec(size_t x, size_t y, const void *cx)
{
    const rec *r = cx;
    if (r[x].prec != r[y].prec)
        return r[x].prec < r[y].prec ? -1 : 1;
    return (r[x].fact > r[y].fact) - (r[x].fact < r[y].fact);
}

static int cmp_value(const void *x, const void *y)
{
    const ma_value *a = x, *b = y;
    if (a->nsources != b->nsources)
        return a->nsources > b->nsources ? -1 : 1;
    if (a->nfacts != b->nfacts)
        return a->nfacts > b->nfacts ? -1 : 1;
    return (a->facts[0] > b->facts[0]) - (a->facts[0] < b->facts[0]);
}

/* Fills v from the records mem[0..k), the most precise first. */
static int make_value(const ctx *c, const rec *r, const size_t *mem, size_t k,
                      int kind, ma_value *v, size_t *tmp)
{
    const marsad_fact *f = &c->in->facts[r[mem[0]].fact].f;
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->flags = f->flags;
    if (kind == MARSAD_FACT_NUMBER) {
        v->value = f->value;
        v->value_max = f->value_max;
        v->bound = f->bound;
    } else {
        marsad_fact_iso(f, v->iso);
        v->granularity = f->granularity;
    }
    v->facts = malloc(k * sizeof *v->facts);
    if (!v->facts)
        return -1;
    for (size_t i = 0; i < k; i++)
        v->facts[i] = r[mem[i]].fact;
    if (k > 1)
        sort_any(v->facts + 1, k - 1, sizeof *v->facts, cmp_size);
    v->nfacts = k;
    v->nsources = count_sources(r, mem, k, tmp);
    if (v->nsources == SIZE_MAX) {
        free(v->facts);
        v->facts = NULL;
        return -1;
    }
    return 0;
}

static char *number_subject(const ctx *c, const rec *x)
{
    const char *s;
    size_t n, len;
    const char *tx = art_text(&c->in->articles[x->art], &len);
    char *body, *out;
    if (x->ucls >= 0) {
        n = unit_display((size_t)x->ucls, &s);
        body = dup_bytes(s, n);
    } else
        body = dup_text(tx, x->ls, x->le, SUBJECT_MAX);
    if (!body || !x->pct)
        return body;
    n = strlen(body);
    out = malloc(n + 3);
    if (out) {
        memcpy(out, "% ", 2);
        memcpy(out + 2, body, n + 1);
    }
    free(body);
    return out;
}

static char *date_subject(const ctx *c, const rec *x)
{
    const char *d = event_words[x->ev].display;
    const ent *e = &c->ents.v[x->subj];
    size_t nd = strlen(d), ne = e->nname;
    char *p, *name = dup_text(e->name, 0, ne, SUBJECT_MAX);
    if (!name)
        return NULL;
    ne = strlen(name);
    p = malloc(nd + ne + 2);
    if (p) {
        memcpy(p, d, nd);
        p[nd] = ' ';
        memcpy(p + nd + 1, name, ne + 1);
    }
    free(name);
    return p;
}

/* Turns the component mem[0..k) into a claim (or nothing). */
static int make_claim(const ctx *c, const rec *r, size_t *mem, size_t k,
                      int kind, claimv *out, size_t *tmp, size_t *cl)
{
    ma_claim cm;
    size_t nunits = count_sources(r, mem, k, tmp), ncl = 0;
    double lo = -INFINITY, hi = INFINITY;
    int has_unit = 0;

    for (size_t i = 0; i < k; i++) {
        if (r[mem[i]].lo > lo)
            lo = r[mem[i]].lo;
        if (r[mem[i]].hi < hi)
            hi = r[mem[i]].hi;
        has_unit |= r[mem[i]].has_unit;
    }
    if (nunits == SIZE_MAX)
        return -1;
    if (kind == MARSAD_FACT_NUMBER && !has_unit && nunits < 2)
        return 0;
    memset(&cm, 0, sizeof cm);
    cm.kind = kind;
    if (sort_idx(mem, k, r, cmp_prec))
        return -1;

    /* value clusters: cl[i] is the cluster of mem[i] */
    if (lo <= hi) {
        for (size_t i = 0; i < k; i++)
            cl[i] = 0;
        ncl = 1;
    } else {
        double *clo = malloc(k * sizeof *clo), *chi = malloc(k * sizeof *chi);
        if (!clo || !chi) {
            free(clo);
            free(chi);
            return -1;
        }
        for (size_t i = 0; i < k; i++) {
            const rec *x = &r[mem[i]];
            size_t hit = SIZE_MAX, nhit = 0;
            for (size_t j = 0; j < ncl; j++)
                if (x->lo <= chi[j] && clo[j] <= x->hi) {
                    hit = j;
                    nhit++;
                }
            if (nhit == 1) {
                cl[i] = hit;
                if (x->lo > clo[hit])
                    clo[hit] = x->lo;
                if (x->hi < chi[hit])
                    chi[hit] = x->hi;
            } else {
                cl[i] = ncl;
                clo[ncl] = x->lo;
                chi[ncl] = x->hi;
                ncl++;
            }
        }
        free(clo);
        free(chi);
    }
    cm.values = calloc(ncl, sizeof *cm.values);
    if (!cm.values)
        return -1;
    {
        size_t *sub = malloc(k * sizeof *sub);
        if (!sub) {
            free(cm.values);
            return -1;
        }
        for (size_t j = 0; j < ncl; j++) {
            size_t n = 0;
            for (size_t i = 0; i < k; i++)
                if (cl[i] == j)
                    sub[n++] = mem[i];
            if (make_value(c, r, sub, n, kind, &cm.values[j], tmp)) {
                for (size_t q = 0; q < j; q++)
                    free(cm.values[q].facts);
                free(cm.values);
                free(sub);
                return -1;
            }
        }
        free(sub);
    }
    cm.nvalues = ncl;
    sort_any(cm.values, ncl, sizeof *cm.values, cmp_value);
    cm.nsources = nunits;
    cm.status = ncl > 1 ? MA_CONTESTED
                        : nunits >= 2 ? MA_CORROBORATED : MA_SINGLE;
    cm.weight = 10.0 * (double)nunits +
                (cm.status == MA_CONTESTED ? 8.0 : 0.0) +
                (double)distinct_articles(r, mem, k, tmp);
    {
        /* the most precise fact of the leading value names the subject */
        size_t lead = cm.values[0].facts[0];
        const rec *x = &r[mem[0]];
        for (size_t i = 0; i < k; i++)
            if (r[mem[i]].fact == lead) {
                x = &r[mem[i]];
                break;
            }
        cm.subject = kind == MARSAD_FACT_NUMBER ? number_subject(c, x)
                                                : date_subject(c, x);
    }
    if (!cm.subject || claimv_push(out, cm)) {
        for (size_t q = 0; q < ncl; q++)
            free(cm.values[q].facts);
        free(cm.values);
        free(cm.subject);
        return -1;
    }
    return 0;
}

static int cmp_rec(const void *x, const void *y)
{
    const rec *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->fact > b->fact) - (a->fact < b->fact);
}

/* What each_group calls for one group: the records r[mem[0..k)] of one
 * bucket; tmp has room for k indexes.  0 or -1. */
typedef int (*group_fn)(const ctx *c, const rec *r, size_t *mem, size_t k,
                        size_t *tmp, void *ud);

/*
 * The records r[0..n), sorted so that each bucket (one key) is a run:
 * each bucket is clustered (cluster, in the given mode) and fn is called
 * once for every cluster.  0, or -1 when out of memory or fn fails.
 */
static int each_group(const ctx *c, const rec *r, size_t n, int mode,
                      group_fn fn, void *ud)
{
    size_t *comp = malloc(n * sizeof *comp), *next = malloc(n * sizeof *next);
    size_t *mem = malloc(n * sizeof *mem), *tmp = malloc(n * sizeof *tmp);
    int rc = -1;
    if (!comp || !next || !mem || !tmp)
        goto out;
    for (size_t i = 0; i < n;) {
        size_t j = i, m;
        while (j < n && r[j].key == r[i].key)
            j++;
        m = j - i;
        if (cluster(c, r + i, m, mode, comp, next))
            goto out;
        for (size_t x = 0; x < m; x++) {
            size_t k = 0;
            if (comp[x] != x)
                continue;
            for (size_t y = x; y != SIZE_MAX; y = next[y])
                mem[k++] = y;
            if (fn(c, r + i, mem, k, tmp, ud))
                goto out;
        }
        i = j;
    }
    rc = 0;
out:
    free(comp);
    free(next);
    free(mem);
    free(tmp);
    return rc;
}

struct claim_job {
    int kind;
    claimv *out;
    size_t *cl;
};

static int claim_group(const ctx *c, const rec *r, size_t *mem, size_t k,
                       size_t *tmp, void *ud)
{
    struct claim_job *j = ud;
    return make_claim(c, r, mem, k, j->kind, j->out, tmp, j->cl);
}

/* Claims of the records in rv, bucket by bucket. */
static int claims_of(ctx *c, recv *rv, int mode, int kind, claimv *out)
{
    struct claim_job job = {kind, out, NULL};
    int rc;
    if (!rv->n)
        return 0;
    sort_any(rv->v, rv->n, sizeof *rv->v, cmp_rec);
    job.cl = malloc(rv->n * sizeof *job.cl);
    if (!job.cl)
        return -1;
    rc = each_group(c, rv->v, rv->n, mode, claim_group, &job);
    free(job.cl);
    return rc;
}

static int cmp_claim(const void *x, const void *y)
{
    const ma_claim *a = x, *b = y;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    if (a->nsources != b->nsources)
        return a->nsources > b->nsources ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return (a->values[0].facts[0] > b->values[0].facts[0]) -
           (a->values[0].facts[0] < b->values[0].facts[0]);
}

static int cmp_tl(const void *x, const void *y)
{
    const rec *a = x, *b = y;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    if (a->gran != b->gran)
        return a->gran > b->gran ? -1 : 1;
    return (a->fact > b->fact) - (a->fact < b->fact);
}

/* The event of the timeline records mem[0..k) (one date). */
static int make_event(const ctx *c, const rec *r, size_t *mem, size_t k,
                      eventv *out, size_t *tmp)
{
    ma_event ev;
    const rec *first = &r[mem[0]];
    const marsad_fact *f;
    size_t len, nid = 0;
    const char *tx;

    memset(&ev, 0, sizeof ev);
    for (size_t i = 1; i < k; i++)
        if (r[mem[i]].fact < first->fact)
            first = &r[mem[i]];
    f = &c->in->facts[first->fact].f;
    tx = art_text(&c->in->articles[first->art], &len);
    ev.year = f->year;
    ev.month = f->month;
    ev.day = f->granularity == MARSAD_GRAN_DAY ? f->day : 0;
    ev.granularity = f->granularity;
    marsad_fact_iso(f, ev.iso);
    ev.clause = dup_text(tx, first->ls, first->le, 4096);
    ev.facts = malloc(k * sizeof *ev.facts);
    for (size_t i = 0; i < k; i++)
        nid += r[mem[i]].nen;
    ev.entities = malloc((nid ? nid : 1) * sizeof *ev.entities);
    if (!ev.clause || !ev.facts || !ev.entities)
        goto fail;
    for (size_t i = 0; i < k; i++)
        ev.facts[i] = r[mem[i]].fact;
    sort_any(ev.facts, k, sizeof *ev.facts, cmp_size);
    ev.nfacts = k;
    /* entities of the first fact's clause first, then the others' */
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < k; i++) {
            const rec *x = &r[mem[i]];
            if ((x == first) != (pass == 0))
                continue;
            for (size_t q = 0; q < x->nen; q++) {
                int64_t id = c->ids.v[x->en + q];
                size_t e = 0;
                while (e < ev.nentities && ev.entities[e] != id)
                    e++;
                if (e == ev.nentities)
                    ev.entities[ev.nentities++] = id;
            }
        }
    ev.nsources = count_sources(r, mem, k, tmp);
    if (ev.nsources == SIZE_MAX || eventv_push(out, ev))
        goto fail;
    return 0;
fail:
    free(ev.clause);
    free(ev.facts);
    free(ev.entities);
    return -1;
}

static long event_day(const ma_event *e)
{
    return days_from_civil(e->year, e->month >= 1 ? e->month : 1,
                           e->day >= 1 ? e->day : 1);
}

static int cmp_event(const void *x, const void *y)
{
    const ma_event *a = x, *b = y;
    long da = event_day(a), db = event_day(b);
    if (da != db)
        return da < db ? -1 : 1;
    if (a->granularity != b->granularity)
        return a->granularity > b->granularity ? -1 : 1;
    if (a->nsources != b->nsources)
        return a->nsources > b->nsources ? -1 : 1;
    return (a->facts[0] > b->facts[0]) - (a->facts[0] < b->facts[0]);
}

static int event_group(const ctx *c, const rec *r, size_t *mem, size_t k,
                       size_t *tmp, void *ud)
{
    return make_event(c, r, mem, k, ud, tmp);
}

static int events_of(ctx *c, eventv *out)
{
    if (!c->tl.n)
        return 0;
    sort_any(c->tl.v, c->tl.n, sizeof *c->tl.v, cmp_tl);
    if (each_group(c, c->tl.v, c->tl.n, M_TL, event_group, out))
        return -1;
    sort_any(out->v, out->n, sizeof *out->v, cmp_event);
    return 0;
}

/* ------------------------------------------------------------ entry */

static void ctx_free(ctx *c)
{
    marsad_analyzer_free(c->an);
    lex_free(&c->units);
    lex_free(&c->events);
    lex_free(&c->gens);
    lex_free(&c->preps);
    free(c->agrp);
    free(c->asrc);
    free(c->adate);
    free(c->fidx);
    free(c->fofs);
    free(c->midx);
    free(c->mofs);
    free(c->mkey);
    free(c->ment);
    imap_free(&c->entm);
    free(c->ents.v);
    free(c->gen_ent);
    free(c->gen_weak);
    imap_free(&c->dfm);
    free(c->df.v);
    free(c->toks.v);
    free(c->items.v);
    free(c->ids.v);
    free(c->nums.v);
    free(c->dates.v);
    free(c->tl.v);
}

int ma_align(const ma_input *in, ma_result *res)
{
    ctx c;
    ma_input sane;
    claimv claims;
    eventv events;
    int err = 0;

    if (!res)
        return -1;
    memset(res, 0, sizeof *res);
    if (!in || !in->articles || !in->narticles)
        return 0;
    sane = *in;
    if (!sane.mentions)
        sane.nmentions = 0;
    if (!sane.facts)
        sane.nfacts = 0;
    memset(&c, 0, sizeof c);
    memset(&claims, 0, sizeof claims);
    memset(&events, 0, sizeof events);
    c.in = &sane;
    if (build_lexicons(&c) || index_input(&c) || resolve_generics(&c))
        goto fail;
    c.an = marsad_analyzer_new(NULL, NULL, &err);
    if (!c.an)
        goto fail;
    for (size_t i = 0; i < sane.narticles; i++)
        if (do_article(&c, i))
            goto fail;
    weigh(&c, &c.nums);
    weigh(&c, &c.dates);
    weigh(&c, &c.tl);
    if (claims_of(&c, &c.nums, M_NUM, MARSAD_FACT_NUMBER, &claims) ||
        claims_of(&c, &c.dates, M_DATE, MARSAD_FACT_DATE, &claims) ||
        events_of(&c, &events))
        goto fail;
    if (claims.n)
        sort_any(claims.v, claims.n, sizeof *claims.v, cmp_claim);
    res->claims = claims.v;
    res->nclaims = claims.n;
    res->events = events.v;
    res->nevents = events.n;
    ctx_free(&c);
    return 0;
fail:
    res->claims = claims.v;
    res->nclaims = claims.n;
    res->events = events.v;
    res->nevents = events.n;
    ma_result_free(res);
    ctx_free(&c);
    return -1;
}

void ma_result_free(ma_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->nclaims; i++) {
        ma_claim *cm = &res->claims[i];
        for (size_t j = 0; j < cm->nvalues; j++)
            free(cm->values[j].facts);
        free(cm->values);
        free(cm->subject);
    }
    free(res->claims);
    for (size_t i = 0; i < res->nevents; i++) {
        free(res->events[i].clause);
        free(res->events[i].facts);
        free(res->events[i].entities);
    }
    free(res->events);
    memset(res, 0, sizeof *res);
}

const char *ma_status_name(int status)
{
    switch (status) {
    case MA_CORROBORATED:
        return "corroborated";
    case MA_CONTESTED:
        return "contested";
    case MA_SINGLE:
        return "single-source";
    default:
        return "?";
    }
}
