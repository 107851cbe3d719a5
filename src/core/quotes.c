/*
 * quotes.c - direct and reported speech, and who said it.
 *
 * One left-to-right walk over the tokens finds three shapes:
 *
 *   - a reporting verb (قال، وأضاف، أكدت، يقول ...) or a participle
 *     (قائلا، مضيفا) with its subject, optional place said (في بيان،
 *     لشبكة "سي أن أن") and then إن / أن / بأن, a colon or a quote mark:
 *     the reported words run to the end of the sentence, or are the words
 *     inside the marks when a quote follows;
 *   - an attribution (بحسب، وفقا لـ، نقلا عن، على حد تعبير) naming a
 *     source: the reported words are the rest of the sentence when it
 *     opens the sentence, else the part before it;
 *   - words inside quote marks that no verb introduces: a quote when a
 *     verb follows them («...»، قال X) or when they are long enough to be
 *     speech rather than a name or a term.
 *
 * The speaker is the entity mention that is the verb's subject: a person
 * named in it (الرئيس الروسي فلاديمير بوتين), else the organization after
 * باسم (المتحدث باسم وزارة الخارجية), else an organization or place that
 * is itself the subject (قالت وزارة الدفاع، قالت روسيا), else a person
 * the text names elsewhere with the same title (وزير خارجية الأردن).  A
 * body that speaks with no mention (وقالت الشرطة المحلية، المتحدث باسم
 * "X") is a speaker named by description, flagged MARSAD_QUOTE_BODY, its
 * words the fullest naming of it within BODY_REACH tokens; so is the one
 * who put out a statement or figures (بيان صادر عن X، أرقام نشرتها X),
 * the one organization of a kind named with a generic word (اتحاد
 * اللعبة), and the Prophet named by title (النبي، رسول الله), whose
 * honorific formula (صلى الله عليه وسلم) ends a name or, alone, stands
 * for him.  A subject may stand before the verb, after a pronoun (قال له
 * X) or be the one a relative clause is about (X، الذي قال).  A subject
 * with no mention that names no body (مصدر أمني) is kept as words only.
 * With no subject at all (وأضاف أن ...) the speaker is the one of the
 * quote just before (a mention or a body), or the last person named in
 * the sentences before, unless another person came between them.  A
 * person's speaker index points to the fullest mention of that name in
 * the document (فلاديمير بوتين for a later بوتين), while
 * speaker_start..speaker_end keep the words said where the quote is.
 *
 * Quote marks are paired per paragraph with a small stack: « » and the
 * curly pairs by kind, a straight " or ' closing the nearest open one of
 * its kind; an unclosed mark ends at the line break.  Everything is
 * bounded by fixed windows, so the walk stays linear and allocates
 * nothing.
 */
#include <stdint.h>
#include <string.h>

#include "facts_internal.h"

/* Longest quote (in tokens) and window sizes. */
#define MAX_QUOTE_TOKS 800
#define VERB_WINDOW 22   /* verb to إن / colon / quote mark */
#define NP_MAX 7         /* tokens of a subject */
#define RELATIVE_MAX 24  /* tokens of a relative clause between commas */
#define QSTACK 8         /* nesting depth of quote marks */
#define BODY_REACH 1500  /* tokens either side to look for a body's name */

/* ------------------------------------------------------------ words */

/* Reporting verbs, search-normalized, without a leading و / ف. */
static const char *const verbs[] = {
    "قال", "قالت", "قالوا", "يقول", "تقول", "يقولون",
    "اضاف", "اضافت", "اضافوا", "يضيف", "تضيف",
    "اكد", "اكدت", "اكدوا", "يؤكد", "تؤكد", "يوكد", "توكد",
    "اشار", "اشارت", "اشاروا", "يشير", "تشير",
    "اوضح", "اوضحت", "اوضحوا", "يوضح", "توضح",
    "صرح", "صرحت", "صرحوا",
    "حذر", "حذرت", "حذروا", "يحذر", "تحذر",
    "كتب", "كتبت",
    "اعلن", "اعلنت", "اعلنوا",
    "ذكر", "ذكرت", "ذكروا", "يذكر", "تذكر",
    "اعتبر", "اعتبرت", "اعتبروا",
    "راي", "رات", "راوا", "يري", "تري",
    "لفت", "لفتت",
    "شدد", "شددت", "شددوا", "يشدد", "تشدد",
    "نفي", "نفت", "نفوا", "ينفي", "تنفي",
    "تابع", "تابعت",
    "اردف", "اردفت",
    "كشف", "كشفت", "كشفوا",
    "افاد", "افادت", "افادوا", "يفيد", "تفيد",
    "زعم", "زعمت",
    "نوه", "نوهت", "استطرد", "استطردت", "علق", "علقت", "غرد", "غردت",
    "تعهد", "تعهدت", "تعهدوا", "اعترف", "اعترفت", "اعترفوا",
    "روي", "روت", "يروي", "اورد", "اوردت", "ابلغ", "ابلغت", "ختم", "ختمت",
    "اختتم", "اختتمت", "اتبع", "استهجن", "استهجنت", "رجح", "رجحت", "شرح",
    "شرحت", "يشرح", "تشرح", "اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "يطالب",
    "تطالب", "طالبت", "عبرت", "عبروا", "وصف", "وصفت", "وصفوا", "يصف",
    "تصف", "استبعد", "استبعدت", "يستبعد", "تستبعد",
    "وجد", "وجدت", "وجدوا", "نقل", "نقلت", "ينقل", "تنقل",
    /* بين is also "between": only with و (وبين أن، وبينت) */
    "وبين", "وبينت", "بينت",
    NULL
};

/* Verbs of saying that take no noun object: whatever stands between
 * them and إن belongs to the subject or says where it was said. */
static const char *const said_verbs[] = {
    "قال", "قالت", "قالوا", "اضاف", "اضافت", "اضافوا", "تابع", "تابعت",
    "اردف", "اردفت", "صرح", "صرحت", "صرحوا", NULL
};

/* Verbs of finding (وجدت الدراسة أن): they report only with أن right
 * after the subject (وجدت نفسي أطلب ... أن is no report). */
static const char *const found_verbs[] = {"وجد", "وجدت", "وجدوا", NULL};

/* Verbs of passing words on (نقلت الوكالة عن X أن): the speaker follows
 * عن. */
static const char *const relay_verbs[] = {
    "نقل", "نقلت", "ينقل", "تنقل", NULL
};

/* Verbs with other senses (كتب books, علق hung, غرد sang). */
static const char *const weak_verbs[] = {
    "كتب", "كتبت", "علق", "علقت", "غرد", "غردت", NULL
};

/* Participles that report what the sentence's subject said. */
static const char *const participles[] = {
    "قائلا", "قائله", "مضيفا", "مضيفه", "مؤكدا", "مؤكده", "موكدا",
    "موكده", "مشيرا", "مشيره", "موضحا", "موضحه", "معتبرا", "معتبره",
    "محذرا", "محذره", "لافتا", "لافته", "مشددا", "مشدده", "مبينا",
    "مبينه", "منوها", "منوهه", "مستطردا", "مستطرده", "قوله", "قولها",
    "قولهم", "قولهما", NULL
};

/* قوله / قولها / قولهم: "his saying", after عن and the one quoted. */
static int is_qawl(const mf_tok *t)
{
    static const char *const qawl[] = {
        "قوله", "قولها", "قولهم", "قولهما", NULL
    };
    for (size_t i = 0; qawl[i]; i++)
        if (strcmp(t->norm, qawl[i]) == 0)
            return 1;
    return 0;
}

/* Attributions: the source follows. */
static const char *const attribs[] = {
    "بحسب", "حسب", "وفق", "وفقا", "نقلا", "طبقا", "حسبما", "بحسبما", NULL
};

/* Where something was said: ل + one of these, then the name. */
static const char *const media[] = {
    "شبكه", "صحيفه", "وكاله", "قناه", "موقع", "اذاعه", "تلفزيون", "مجله",
    "محطه", "جريده", "راديو", NULL
};

/* في حديث لـ / في مقابلة مع: the name follows لـ or مع. */
static const char *const talks[] = {
    "حديث", "تصريح", "تصريحات", "مقابله", "حوار", "لقاء", "مداخله",
    "تصريحه", "حديثه", "مقابلته", NULL
};

/* Words that end a subject: prepositions, relatives, time words. */
static const char *const np_stop[] = {
    "في", "خلال", "عن", "علي", "من", "الي", "مع", "بعد", "قبل", "عقب",
    "امام", "اثناء", "عبر", "حول", "لدي", "الذي", "التي", "الذين",
    "اليوم", "امس", "ان", "انه", "انها", "انهم", "ايضا", "كذلك", "حين",
    "عندما", "بينما", "لكن", "اذا", "مساء", "صباح", "الاثنين",
    "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد", "قد",
    "وقد", "كان", "الاسبوع", "دون", "بدون", NULL
};

/* Prepositions with a pronoun (قال لي، قالت له) and honorifics that
 * stand for a person named before (وقال سموه): no subject of their own. */
static const char *const pro_words[] = {
    "لي", "له", "لها", "لهم", "لهما", "لنا", "لك", "لكم", "عنه", "عنها",
    "منه", "منها", "سموه", "سموها", "معاليه", "فخامته", "سيادته", "دولته",
    "سماحته", "جلالته", "غبطته", "نيافته", NULL
};

/* Unnamed sources: words only, never an entity after them. */
static const char *const unnamed[] = {
    "مصدر", "مصادر", "المصدر", "المصادر", "شهود", "شاهد", "مراقبون",
    "مراقبين", "خبراء", "محللون", "ناشطون", "سكان", "منظمون", "متابعون",
    "مندوب", "مندوبان", "مندوبون", "دبلوماسيون", "مسعفون", "اطباء",
    "معارضون", "منتقدون", "تقارير", "التقارير", NULL
};

/* Nouns that may follow بحسب / حسب / وفقا لـ for it to be speech. */
static const char *const sources[] = {
    "مصدر", "مصادر", "شهود", "مسؤول", "مسؤولين", "مسؤولون", "وكاله",
    "صحيفه", "موقع", "قناه", "شبكه", "بيان", "تصريحات", "تصريح",
    "وسائل", "مراسل", "تقرير", "تقارير", "متحدث", "المتحدث", "الناطق",
    "ناطق", "اذاعه", "التلفزيون", "تلفزيون", "وزاره", "وزير", "مكتب",
    "الجيش", "الشرطه", "مجله", "جريده", "ما", "وثيقه", "وثائق",
    "دراسه", "مصادر", "مراسلنا", "بيانات", NULL
};


/* Words before أن that make it not a complementizer (بعد أن = after). */
static const char *const not_comp[] = {
    "بعد", "قبل", "منذ", "دون", "بدون", "حتي", "الا", "لو", "يجب",
    "يمكن", "ينبغي", "لابد", "بد", "اجل", "شان", "بشان", "عسي",
    /* connectives: غير أن (however), رغم أن، مع أن، كما أن، سبق أن */
    "غير", "بيد", "رغم", "برغم", "بالرغم", "مع", "كما", "سبق",
    NULL
};

/* Relative pronouns (normalized). */
static const char *const relatives[] = {
    "الذي", "التي", "الذين", "اللذين", "اللذان", "اللتين", "اللتان",
    "اللواتي", "اللاتي", NULL
};

static int in_list(const char *w, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(w, list[i]) == 0)
            return 1;
    return 0;
}


/* A word of sources, with or without ال. */
static int source_noun(const mf_tok *t)
{
    if (in_list(t->base, sources) || in_list(t->norm, sources))
        return 1;
    return strncmp(t->norm, "ال", 4) == 0 && in_list(t->norm + 4, sources);
}

/* ------------------------------------------------------------ screen */

/* The words the walk looks for at every token (verbs, participles,
 * attributions, على) in a small open-addressing table keyed by hash, so
 * that a token costs one hash and rarely a comparison. */
#define SCREEN_SLOTS 512 /* a power of two, well above the words */

typedef struct slot {
    const char *w; /* NULL when empty */
    uint32_t h;
    int cls;
} slot;

typedef struct screen {
    slot tab[SCREEN_SLOTS];
} screen;

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static void screen_add(screen *sc, const char *const *list, int cls)
{
    for (int i = 0; list[i]; i++) {
        uint32_t h = hash_bytes(list[i], strlen(list[i]));
        size_t k = h & (SCREEN_SLOTS - 1);
        while (sc->tab[k].w) {
            if (strcmp(sc->tab[k].w, list[i]) == 0)
                break; /* listed twice: the first class stays */
            k = (k + 1) & (SCREEN_SLOTS - 1);
        }
        if (!sc->tab[k].w) {
            sc->tab[k].w = list[i];
            sc->tab[k].h = h;
            sc->tab[k].cls = cls;
        }
    }
}

/* The class of the word s[0..n), or 0 (W_NONE). */
static int screen_find(const screen *sc, const char *s, size_t n)
{
    uint32_t h;
    size_t k;
    if (n < 4 || n > 16) /* the words are 2 to 8 letters */
        return 0;
    h = hash_bytes(s, n);
    for (k = h & (SCREEN_SLOTS - 1); sc->tab[k].w;
         k = (k + 1) & (SCREEN_SLOTS - 1))
        if (sc->tab[k].h == h && strncmp(sc->tab[k].w, s, n) == 0 &&
            sc->tab[k].w[n] == 0)
            return sc->tab[k].cls;
    return 0;
}

/* The normalized word without one leading و or ف (two bytes each), when
 * something is left. */
static const char *strip_conj(const mf_tok *t, size_t *n)
{
    const char *s = t->norm;
    *n = t->nnorm;
    if (t->nnorm > 4 && (unsigned char)s[0] == 0xD9 &&
        ((unsigned char)s[1] == 0x88 || (unsigned char)s[1] == 0x81)) {
        *n -= 2;
        return s + 2;
    }
    return s;
}

/* The word t, whole or without و / ف, is one of list. */
static int verb_in(const mf_tok *t, const char *const *list)
{
    return in_list(t->norm, list) ||
           in_list(strip_conj(t, &(size_t){0}), list);
}

/* Word classes of a token for the walk. */
enum { W_NONE, W_VERB, W_PART, W_ATTR, W_HADD, W_STOP };

static int word_class(const screen *sc, const mf_tok *t)
{
    size_t n;
    const char *s;
    int c;
    if (t->type != MARSAD_TOKEN_ARABIC)
        return W_NONE;
    /* the whole word, then without و / ف */
    c = screen_find(sc, t->norm, t->nnorm);
    if (c == W_NONE || c == W_STOP) {
        s = strip_conj(t, &n);
        c = s != t->norm ? screen_find(sc, s, n) : W_NONE;
    }
    return c == W_STOP ? W_NONE : c;
}

/* A word that ends a subject (np_stop), as a whole or as its base. */
static int is_stop(const screen *sc, const mf_tok *t)
{
    int a = screen_find(sc, t->norm, t->nnorm);
    int b = screen_find(sc, t->base, t->nbase);
    /* على is listed for على حد تعبير and ends a subject too */
    return a == W_STOP || b == W_STOP || a == W_HADD || b == W_HADD;
}

/* ------------------------------------------------------------ tokens */

static int is_word(const mf_tok *t)
{
    return t->type == MARSAD_TOKEN_ARABIC || t->type == MARSAD_TOKEN_LATIN ||
           t->type == MARSAD_TOKEN_NUMBER || t->type == MARSAD_TOKEN_PERCENT;
}

static int punct_is(const mf_tok *t, const char *p)
{
    return t->type == MARSAD_TOKEN_PUNCT && strcmp(t->norm, p) == 0;
}

static int is_comma(const mf_tok *t)
{
    return punct_is(t, "،") || punct_is(t, ",") || punct_is(t, "؛") ||
           punct_is(t, ";");
}

static int is_colon(const mf_tok *t)
{
    return punct_is(t, ":");
}

/* Quote mark kinds. */
enum { Q_NONE, Q_GUIL_OPEN, Q_GUIL_CLOSE, Q_DCURLY, Q_SCURLY, Q_DSTRAIGHT,
       Q_SSTRAIGHT };

static int mark_kind(const mf_tok *t)
{
    const unsigned char *s = (const unsigned char *)t->norm;
    if (t->type != MARSAD_TOKEN_PUNCT)
        return Q_NONE;
    if (s[0] == '"' && s[1] == 0)
        return Q_DSTRAIGHT;
    if (s[0] == '\'' && s[1] == 0)
        return Q_SSTRAIGHT;
    if (s[0] == 0xC2 && s[2] == 0) {
        if (s[1] == 0xAB)
            return Q_GUIL_OPEN;
        if (s[1] == 0xBB)
            return Q_GUIL_CLOSE;
    }
    if (s[0] == 0xE2 && s[1] == 0x80 && s[3] == 0 && s[2]) {
        if (s[2] == 0x9C || s[2] == 0x9D || s[2] == 0x9E)
            return Q_DCURLY; /* “ ” „ */
        if (s[2] == 0x98 || s[2] == 0x99)
            return Q_SCURLY; /* ‘ ’ */
    }
    return Q_NONE;
}

/* A straight ' between two letters with no space is an apostrophe. */
static int apostrophe(const mf_doc *d, size_t i)
{
    return i + 1 < d->n && !d->tok[i].space_before &&
           !d->tok[i + 1].space_before && i > 0 && is_word(&d->tok[i - 1]) &&
           is_word(&d->tok[i + 1]);
}

/* The token after i follows it with no space, on the same line. */
static int tight_after(const mf_doc *d, size_t i)
{
    return i + 1 < d->n && !d->tok[i + 1].space_before &&
           d->tok[i + 1].type != MARSAD_TOKEN_PUNCT;
}

/* Token i could open a quote. */
static int opens(const mf_doc *d, size_t i)
{
    int k = mark_kind(&d->tok[i]);
    if (k == Q_GUIL_OPEN)
        return 1;
    if (k == Q_NONE || (k == Q_SCURLY && strcmp(d->tok[i].norm, "‘") != 0) ||
        (k == Q_SSTRAIGHT && apostrophe(d, i)))
        return 0;
    /* a symmetric mark opens when it holds on to the word after it */
    return tight_after(d, i);
}

/*
 * The quote opened at token i: sets *close to the closing mark (and
 * returns 1), or, when it is not closed within the paragraph, to the last
 * token of the paragraph (and returns 0).  Marks nested inside pair among
 * themselves.
 */
static int find_close(const mf_doc *d, size_t i, size_t *close)
{
    int stack[QSTACK];
    int depth = 0;
    size_t j, last = i;
    size_t lim = d->n - i > MAX_QUOTE_TOKS ? i + MAX_QUOTE_TOKS : d->n;

    stack[depth++] = mark_kind(&d->tok[i]) == Q_GUIL_OPEN
                         ? Q_GUIL_CLOSE
                         : mark_kind(&d->tok[i]);
    for (j = i + 1; j < lim; j++) {
        const mf_tok *t = &d->tok[j];
        int k;
        if (t->newline_before)
            break;
        last = j;
        k = mark_kind(t);
        if (k == Q_NONE)
            continue;
        if (k == Q_SSTRAIGHT && apostrophe(d, j))
            continue;
        if (k == Q_GUIL_OPEN) {
            if (depth < QSTACK)
                stack[depth++] = Q_GUIL_CLOSE;
            continue;
        }
        /* a closing mark of a kind on the stack closes it and what is
         * open inside it; a symmetric mark not on the stack opens */
        {
            int at = -1;
            for (int s = depth - 1; s >= 0; s--)
                if (stack[s] == k) {
                    at = s;
                    break;
                }
            /* a mark with space before it that holds on to the next
             * word opens a quote inside: فهي "السنديانة" */
            if (at >= 0 && at == depth - 1 && k != Q_GUIL_CLOSE &&
                (t->space_before || d->tok[j - 1].nnorm == 2) &&
                tight_after(d, j) &&
                d->tok[j - 1].type != MARSAD_TOKEN_PUNCT && depth < QSTACK) {
                stack[depth++] = k;
                continue;
            }
            if (at >= 0) {
                depth = at;
                if (depth == 0) {
                    *close = j;
                    return 1;
                }
            } else if (k != Q_GUIL_CLOSE && depth < QSTACK &&
                       strcmp(t->norm, "’") != 0) {
                stack[depth++] = k;
            }
        }
    }
    *close = last;
    return 0;
}

/* Words strictly between tokens a and b. */
static size_t words_between(const mf_doc *d, size_t a, size_t b)
{
    size_t w = 0;
    for (size_t j = a + 1; j < b; j++)
        if (is_word(&d->tok[j]))
            w++;
    return w;
}

/* ------------------------------------------------------------ entities */

static int ent_ok(const mf_doc *d, size_t k)
{
    const marsad_entity *e = &d->ents[k];
    return e->start < e->end && e->end <= d->len;
}

/* First entity whose end is after pos. */
static size_t ent_from(const mf_doc *d, size_t pos)
{
    size_t lo = 0, hi = d->nents;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->ents[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The entity mention that begins in token j (after its clitics), or -1. */
static long ent_starting(const mf_doc *d, size_t j)
{
    const mf_tok *t = &d->tok[j];
    size_t k = ent_from(d, t->start);
    for (; k < d->nents && d->ents[k].start < t->end; k++)
        if (ent_ok(d, k) && d->ents[k].start >= t->start)
            return (long)k;
    return -1;
}

/* Index of the token that holds byte offset pos, at or after token j. */
static size_t tok_at(const mf_doc *d, size_t j, size_t pos)
{
    while (j + 1 < d->n && d->tok[j].end < pos)
        j++;
    return j;
}

/* Index of the token that holds byte offset pos (the first token ending
 * after it), by binary search. */
static size_t tok_find(const mf_doc *d, size_t pos)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->tok[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n ? lo : d->n - 1;
}

/* Whether mention a's text ends with mention b's text, as whole words. */
static int name_ends_with(const mf_doc *d, size_t a, size_t b)
{
    const marsad_entity *x = &d->ents[a], *y = &d->ents[b];
    size_t nx = x->end - x->start, ny = y->end - y->start;
    if (nx <= ny)
        return 0;
    if (memcmp(d->text + x->end - ny, d->text + y->start, ny) != 0)
        return 0;
    return d->text[x->end - ny - 1] == ' ';
}

/* The fullest mention in the document of the person named by mention k:
 * a longer person mention ending in the same words. */
static long fullest(const mf_doc *d, long k)
{
    long best = k;
    size_t blen;
    if (k < 0 || d->ents[k].type != MARSAD_ENTITY_PER)
        return k;
    blen = d->ents[k].end - d->ents[k].start;
    for (size_t m = 0; m < d->nents; m++) {
        if ((long)m == k || d->ents[m].type != MARSAD_ENTITY_PER ||
            !ent_ok(d, m))
            continue;
        if (d->ents[m].end - d->ents[m].start > blen &&
            name_ends_with(d, m, (size_t)k)) {
            best = (long)m;
            blen = d->ents[m].end - d->ents[m].start;
        }
    }
    return best;
}

/* Two speaker indexes name the same one. */
static int same_speaker(const mf_doc *d, long a, long b)
{
    size_t na, nb;
    if (a < 0 || b < 0)
        return a == b;
    if (a == b)
        return 1;
    na = d->ents[a].end - d->ents[a].start;
    nb = d->ents[b].end - d->ents[b].start;
    return na == nb &&
           memcmp(d->text + d->ents[a].start, d->text + d->ents[b].start,
                  na) == 0;
}

static int is_comp(const mf_doc *d, size_t j);

/* ------------------------------------------------------------ state */

typedef struct qstate {
    const mf_doc *d;
    mf_sink *out;
    screen sc;
    /* the last quote put */
    int have_last;
    long last_speaker;
    int last_body; /* its speaker is a body named by description */
    size_t last_sp_start, last_sp_end;
    size_t last_sentence; /* its last sentence */
    size_t last_end;      /* byte offset of its end */
    int last_gender;      /* of its verb: 1 feminine, 0 masculine, -1 */
    int cur_gender;       /* of the verb of the quote being put */
    /* the last quote put with a masculine [0] and a feminine [1] verb */
    int g_have[2];
    long g_speaker[2];
    int g_body[2];
    size_t g_sp_start[2], g_sp_end[2], g_sentence[2];
} qstate;

/* The gender of a reporting verb or participle: 1 feminine (قالت، تقول،
 * قائلة), 0 masculine, -1 plural or unknown. */
static int verb_gender(const mf_tok *t)
{
    size_t n;
    const char *w = strip_conj(t, &n);
    const unsigned char *e = (const unsigned char *)w + n;
    if (n < 4)
        return -1;
    if (is_qawl(t))
        return t->nnorm == 8 ? 0 : 1; /* قوله، قولها */
    /* ـوا، ـون: plural */
    if ((e[-2] == 0xD8 && e[-1] == 0xA7 && e[-4] == 0xD9 && e[-3] == 0x88) ||
        (e[-2] == 0xD9 && e[-1] == 0x86 && e[-4] == 0xD9 && e[-3] == 0x88))
        return -1;
    if (e[-2] == 0xD9 && e[-1] == 0x87)
        return 1; /* قائله */
    if (e[-2] == 0xD8 && e[-1] == 0xAA)
        return strcmp(w, "لفت") == 0 ? 0 : 1; /* قالت */
    if (strcmp(w, "تابع") == 0)
        return 0;
    if ((unsigned char)w[0] == 0xD8 && (unsigned char)w[1] == 0xAA)
        return 1; /* تقول */
    return 0;
}

typedef struct speaker {
    long ent;
    size_t start, end; /* words naming it */
    int pronoun;
    int body; /* no mention: a body named by description (وقالت الشرطة
                 المحلية); start..end is its fullest naming */
} speaker;

/* The speaker is a body named by the words at bytes a..b, with no
 * mention of its own. */
static void named_body(speaker *sp, size_t a, size_t b)
{
    sp->ent = -1;
    sp->body = 1;
    sp->start = a;
    sp->end = b;
}

/* The speaker is entity mention ent (mention m itself, or the fullest
 * naming of it), said where mention m stands. */
static void said_by(const mf_doc *d, speaker *sp, long ent, long m)
{
    sp->ent = ent;
    sp->start = d->ents[m].start;
    sp->end = d->ents[m].end;
}

static size_t prophet_at(const mf_doc *d, size_t j);
static void prophet_speaker(const mf_doc *d, size_t j, size_t n,
                            speaker *sp);

/* Whether the quote just put has a speaker, a mention or a body. */
static int last_known(const qstate *q)
{
    return q->have_last && (q->last_speaker >= 0 || q->last_body);
}

/* The speaker of the quote just put, taken up by a later verb. */
static void take_last(const qstate *q, speaker *sp)
{
    sp->ent = q->last_speaker;
    sp->start = q->last_sp_start;
    sp->end = q->last_sp_end;
    sp->body = q->last_speaker < 0 && q->last_body;
}

static int put_quote(qstate *q, size_t start, size_t end, size_t ts,
                     size_t te, unsigned flags, const speaker *sp,
                     size_t ms, size_t me, size_t sentence, size_t last_sent)
{
    marsad_fact f;
    if (te <= ts || end <= start)
        return 0;
    memset(&f, 0, sizeof f);
    f.kind = MARSAD_FACT_QUOTE;
    f.start = start;
    f.end = end;
    f.sentence = sentence;
    f.flags = flags | (sp->pronoun ? MARSAD_QUOTE_PRONOUN : 0) |
              (sp->ent < 0 && sp->body && sp->end > sp->start
                   ? MARSAD_QUOTE_BODY
                   : 0);
    f.text_start = ts;
    f.text_end = te;
    f.speaker = sp->ent;
    f.speaker_start = sp->start;
    f.speaker_end = sp->end;
    f.medium_start = ms;
    f.medium_end = me;
    if (me <= ms)
        f.medium_start = f.medium_end = 0;
    if (sp->end <= sp->start)
        f.speaker_start = f.speaker_end = 0;
    q->have_last = 1;
    q->last_speaker = sp->ent;
    q->last_body = (f.flags & MARSAD_QUOTE_BODY) != 0;
    q->last_sp_start = f.speaker_start;
    q->last_sp_end = f.speaker_end;
    q->last_sentence = last_sent;
    q->last_end = end > te ? end : te;
    q->last_gender = q->cur_gender;
    if (q->cur_gender == 0 || q->cur_gender == 1) {
        int g = q->cur_gender;
        q->g_have[g] = 1;
        q->g_speaker[g] = sp->ent;
        q->g_body[g] = q->last_body;
        q->g_sp_start[g] = f.speaker_start;
        q->g_sp_end[g] = f.speaker_end;
        q->g_sentence[g] = last_sent;
    }
    return q->out->put(q->out, &f);
}

/* Mention k is in sentence s or the one before and stands in its
 * subject's place: among the first four words of the sentence or of a
 * clause opened by a comma and و (وأعرب مدربه، X؛ ...، وأعرب مدربه، X). */
static int opens_sentence(const mf_doc *d, long k, size_t s)
{
    size_t t = tok_find(d, d->ents[k].start), n = 0;
    if (d->tok[t].sentence > s || d->tok[t].sentence + 1 < s)
        return 0;
    while (t > 0 && d->tok[t - 1].sentence == d->tok[t].sentence &&
           !d->tok[t].newline_before) {
        if (n > 0 && (d->tok[t].pro & MF_PRO_W) && is_comma(&d->tok[t - 1]))
            return 1;
        if (d->tok[t - 1].type != MARSAD_TOKEN_PUNCT && ++n >= 4)
            return 0;
        t--;
    }
    return 1;
}

/* Mention k follows a preposition (بإيفرتون، في وزارة): not a subject. */
static size_t before_name(const mf_doc *d, size_t a);

/* The preposition ل written as a word of its own (لـ "رويترز"). */
static int lam_alone(const mf_tok *t)
{
    return t->type == MARSAD_TOKEN_ARABIC &&
           (strcmp(t->norm, "ل") == 0 || strcmp(t->norm, "لـ") == 0);
}

static int after_prep(const mf_doc *d, long k)
{
    size_t t = tok_find(d, d->ents[k].start);
    static const char *const preps[] = {
        "في", "من", "علي", "الي", "عن", "مع", "لدي", "حول", "عبر", "ضد",
        "بين", "داخل", "خارج", "امام", "منذ", NULL
    };
    if (d->tok[t].pro & (MF_PRO_B | MF_PRO_L | MF_PRO_K))
        return 1;
    t = before_name(d, t); /* لـ «عكاظ» */
    return t > 0 && (in_list(d->tok[t - 1].norm, preps) ||
                     lam_alone(&d->tok[t - 1]));
}

/*
 * The speaker of a verb with no subject at token v: the previous quote's
 * when it is near and no other person was named since, else the last
 * person named in this or the two sentences before.
 */
static void resolve_pronoun(qstate *q, size_t v, int local, speaker *sp)
{
    const mf_doc *d = q->d;
    size_t s = d->tok[v].sentence;
    size_t pos = d->tok[v].start;
    long last_per = -1;
    size_t k = ent_from(d, pos);
    int steps = 0, org_since = 0;

    sp->ent = -1;
    sp->start = sp->end = 0;
    sp->pronoun = 1;
    sp->body = 0;
    /* the last person mention before v, within reach */
    while (k > 0 && steps++ < 64) {
        const marsad_entity *e = &d->ents[--k];
        size_t ti;
        if (!ent_ok(d, k) || e->end > pos)
            continue;
        if (q->have_last && e->end <= q->last_end)
            break; /* nothing named since the last quote */
        if (e->type == MARSAD_ENTITY_ORG && !after_prep(d, (long)k)) {
            size_t to = tok_at(d, v > 80 ? v - 80 : 0, e->start);
            if (to < d->n && d->tok[to].sentence + 1 >= s) {
                org_since = 1; /* an organization may be the subject */
                continue;
            }
        }
        if (e->type != MARSAD_ENTITY_PER)
            continue;
        ti = tok_at(d, v > 80 ? v - 80 : 0, e->start);
        if (ti >= d->n || d->tok[ti].sentence + (local ? 0 : 2) < s)
            break;
        last_per = (long)k;
        break;
    }
    /* روي عن النبي صلى الله عليه وسلم أنه قال، أن رسول الله صلى الله
     * عليه وسلم قال: the Prophet named in this sentence since */
    for (size_t j = v; j > 0 && v - j < 30 && d->tok[j - 1].sentence == s;
         j--) {
        size_t n = prophet_at(d, j - 1);
        if (q->have_last && d->tok[j - 1].start < q->last_end)
            break;
        if (last_per >= 0 && d->ents[last_per].end > d->tok[j - 1].start)
            break;
        if (n) {
            prophet_speaker(d, j - 1, n, sp);
            return;
        }
    }
    if (local) {
        /* لكنه أعلن أنه ...: the one named earlier in this sentence */
        if (last_per >= 0) {
            said_by(d, sp, fullest(d, last_per), last_per);
            return;
        }
        /* فرضت واشنطن عقوبات على طهران وقالت إن: no person named, the
         * place or body that is the subject of the verb before */
        if ((d->tok[v].pro & MF_PRO_W) && verb_gender(&d->tok[v]) != 0) {
            long subj = -1;
            for (size_t m = ent_from(d, pos); m > 0; m--) {
                const marsad_entity *e = &d->ents[m - 1];
                size_t ti;
                if (!ent_ok(d, m - 1) || e->end > pos)
                    continue;
                ti = tok_find(d, e->start);
                if (d->tok[ti].sentence != s)
                    break;
                if (q->have_last && e->end <= q->last_end)
                    break;
                if (e->type == MARSAD_ENTITY_MISC || after_prep(d, (long)(m - 1)))
                    continue;
                if (subj >= 0)
                    return; /* two such: unclear */
                subj = (long)(m - 1);
            }
            if (subj >= 0) {
                said_by(d, sp, subj, subj);
            }
        }
        return;
    }
    if (q->have_last && q->last_sentence + 3 >= s &&
        q->cur_gender >= 0 && q->last_gender >= 0 &&
        q->cur_gender != q->last_gender) {
        /* وأضافت after a man's words: the last woman quoted, if near */
        int g = q->cur_gender;
        if (q->g_have[g] && q->g_sentence[g] + 4 >= s &&
            (q->g_speaker[g] >= 0 || q->g_body[g])) {
            sp->ent = q->g_speaker[g];
            sp->body = q->g_speaker[g] < 0 && q->g_body[g];
            sp->start = q->g_sp_start[g];
            sp->end = q->g_sp_end[g];
            return;
        }
        /* none: after unnamed words (وأضافت التقارير), the one named
         * since may speak */
        if (q->last_speaker >= 0 || q->last_body)
            return;
    }
    if (q->have_last && q->last_sentence + 3 >= s) {
        long full = last_per >= 0 ? fullest(d, last_per) : -1;
        if (last_per >= 0 && q->last_speaker < 0 && !q->last_body &&
            !org_since) {
            /* the one named since an unknown speaker */
            said_by(d, sp, full, last_per);
            return;
        }
        if (last_per >= 0 && !same_speaker(d, full, q->last_speaker)) {
            /* وتولى X الحقيبة ...، وقال إن: the one named since is the
             * subject of this sentence or the one before */
            if (opens_sentence(d, last_per, s)) {
                said_by(d, sp, full, last_per);
            }
            return; /* else someone else named since: unclear */
        }
        take_last(q, sp);
        return;
    }
    if (last_per >= 0 && !org_since) {
        said_by(d, sp, fullest(d, last_per), last_per);
    }
}

/* Titles written right before a name (السفير طارق عادل). */
static const char *const name_titles[] = {
    "السفير", "الدكتور", "د", "المهندس", "العميد", "اللواء", "العقيد",
    "الفريق", "الشيخ", "الامير", "الوزير", "الرئيس", "المستشار", "السيد",
    "السيده", "الاستاذ", "النائب", "القاضي", "المحامي", "الرائد", "النقيب",
    "المقدم", "الكابتن", "الاعلامي", "الفنان", "الفنانه", "الممثل",
    "الممثله", "المخرج", "اللاعب", "المدرب", "الكاتب", "الباحث",
    "الاستاذه", "الدكتوره", "الامام", "معالي", "سعاده", "سمو",
    NULL
};


/* Official words: the organization after في may speak for them. */
static const char *const officials[] = {
    "مسؤول", "مسؤوله", "مسؤولون", "مسؤولين", "مسؤولو", "متحدث", "متحدثه",
    "ناطق", "ناطقه", NULL
};

/* A test of person mention e against the words at bytes a..a+n-1. */
typedef int (*person_test)(const mf_doc *d, const marsad_entity *e,
                           size_t a, size_t n);

/* The person whose mentions pass test (their fullest names), when all
 * that pass name the same one; else -1. */
static long unique_person(const mf_doc *d, size_t a, size_t n,
                          person_test test)
{
    long found = -1;
    for (size_t m = 0; m < d->nents; m++) {
        long full;
        if (d->ents[m].type != MARSAD_ENTITY_PER || !ent_ok(d, m) ||
            !test(d, &d->ents[m], a, n))
            continue;
        full = fullest(d, (long)m);
        if (found >= 0 && !same_speaker(d, found, full))
            return -1;
        found = full;
    }
    return found;
}

/* No letter of a word goes on at byte p: the end of the text, an ASCII
 * space or sign, or an Arabic comma, semicolon or question mark. */
static int word_ends(const mf_doc *d, size_t p)
{
    const unsigned char *c = (const unsigned char *)d->text + p;
    if (p >= d->len)
        return 1;
    if (c[0] < 0x80)
        return !(((c[0] | 0x20) >= 'a' && (c[0] | 0x20) <= 'z') ||
                 (c[0] >= '0' && c[0] <= '9'));
    return p + 1 < d->len && c[0] == 0xD8 &&
           (c[1] == 0x8C || c[1] == 0x9B || c[1] == 0x9F);
}

/* e is a longer name that ends in the words (آل الشيخ: تركي آل الشيخ),
 * or the words start inside e and go on past it, a name cut short
 * (تركي آل | الشيخ). */
static int ends_in_words(const mf_doc *d, const marsad_entity *e, size_t a,
                         size_t n)
{
    if (e->end - e->start > n + 1 && e->start != a &&
        memcmp(d->text + e->end - n, d->text + a, n) == 0 &&
        d->text[e->end - n - 1] == ' ')
        return 1;
    for (size_t p = e->start + 1; p < e->end; p++)
        if (d->text[p - 1] == ' ' && p != a && p + n > e->end &&
            p + n <= d->len && memcmp(d->text + p, d->text + a, n) == 0 &&
            word_ends(d, p + n))
            return 1;
    return 0;
}

/* The words stand right before e elsewhere, as a word group (الرئيس
 * اليمني عبدربه ...، الرئيس اليمني، عبدربه ...). */
static int said_before(const mf_doc *d, const marsad_entity *e, size_t a,
                       size_t n)
{
    size_t p;
    if (e->start < n + 1)
        return 0;
    p = e->start - 1;
    if (d->text[p] != ' ')
        return 0;
    if (p >= 2 && (unsigned char)d->text[p - 2] == 0xD8 &&
        (unsigned char)d->text[p - 1] == 0x8C)
        p -= 2; /* a comma between */
    if (p < n || memcmp(d->text + p - n, d->text + a, n) != 0 || p - n == a)
        return 0;
    /* المتحدث باسم البنتاجون X: the body X speaks for, not X */
    if (p - n >= 9 && memcmp(d->text + p - n - 9, "باسم ", 9) == 0)
        return 0;
    return p - n == 0 || d->text[p - n - 1] == ' ' ||
           d->text[p - n - 1] == '\n';
}

/*
 * Words a..b (bytes) that the NER did not take as a name but that end a
 * longer person mention elsewhere in the text (آل الشيخ for تركي آل
 * الشيخ): that person, when all such mentions name the same one; else -1.
 */
static long person_by_tail(const mf_doc *d, size_t a, size_t b)
{
    if (b - a < 4 || b - a > 60)
        return -1;
    return unique_person(d, a, b - a, ends_in_words);
}

/*
 * A description with no name (الرئيس اليمني) that the document gives
 * elsewhere right before a person's name (الرئيس اليمني عبدربه منصور
 * هادي): that person, when all such places name the same one; else -1.
 */
static long described_person(const mf_doc *d, size_t a, size_t b)
{
    if (b - a < 4 || b - a > 120)
        return -1;
    return unique_person(d, a, b - a, said_before);
}

static const char *drop_al(const char *w);

/* Heads of titles that describe one person (وزير خارجية الأردن، رئيس
 * الهيئة الوطنية للانتخابات). */
static const char *const title_heads[] = {
    "وزير", "وزيره", "رئيس", "رئيسه", "مدير", "مديره", "امين", "سفير",
    "سفيره", "محافظ", "قائد", "مدرب", "نائب", "مستشار", "زعيم", "وكيل",
    "عميد", "نقيب", NULL
};

/* Token k is the head of a title in construct with the word after it
 * (مستشار ترامب، مدير جامعتي ...): no article, no pronoun, no
 * preposition. */
static int governed_by_title(const mf_doc *d, size_t k)
{
    const mf_tok *t = &d->tok[k];
    return t->type == MARSAD_TOKEN_ARABIC && !t->enclitic &&
           !(t->pro & ~(unsigned)(MF_PRO_W | MF_PRO_F)) &&
           in_list(t->base, title_heads);
}

/* Two words of a title that are the same word, give or take ال and a
 * nisba ending (الأردن / الأردني، الخارجية / خارجية). */
static int title_word_eq(const char *a, const char *b)
{
    size_t na, nb;
    a = drop_al(a);
    b = drop_al(b);
    na = strlen(a);
    nb = strlen(b);
    if (na > nb) {
        const char *t = a;
        size_t n = na;
        a = b, na = nb;
        b = t, nb = n;
    }
    return na >= 6 && nb - na <= 4 && memcmp(a, b, na) == 0;
}

/*
 * A title with no name (وزير خارجية الأردن) in tokens a..e-1 that the
 * text gives elsewhere, in other words, right before a person's name
 * (وزير الخارجية الأردني أيمن الصفدي): the same head and at least one
 * more word of it among the six words before the name.  That person
 * (the fullest mention) when all such places name the same one; else -1.
 */
static int nisba_like(const mf_tok *t);

/* An adjective of relation with the article and no proclitic (الأردني). */
static int definite_nisba(const mf_tok *t)
{
    return !t->pro && nisba_like(t) && strncmp(t->norm, "ال", 4) == 0;
}

/* Walks the title before the person mention starting at token t0: sets
 * *head when w[0] is there, bit i of *seen for each other word w[i];
 * with no_nisba, an adjective of relation closing the title (وزير
 * الخارجية المصري) is passed over.
 * Returns the token where the walk stopped. */
static void title_before(const qstate *q, size_t t0, const char *const *w,
                         size_t nw, int no_nisba, int *head, unsigned *seen)
{
    const mf_doc *d = q->d;
    size_t k, skipped = 0;
    for (k = t0; k > 0 && t0 - k < 6 + skipped; k--) {
        const mf_tok *t = &d->tok[k - 1];
        if (t->sentence != d->tok[t0].sentence ||
            (t->type != MARSAD_TOKEN_ARABIC && !is_comma(t)))
            break;
        if (t->type != MARSAD_TOKEN_ARABIC)
            continue;
        /* الأستاذ الدكتور before the name */
        if (skipped < 3 && in_list(t->norm, name_titles)) {
            skipped++;
            continue;
        }
        if (no_nisba && definite_nisba(t)) {
            no_nisba = 0; /* the last word only: الخارجية stays */
            continue;
        }
        if (title_word_eq((t->pro & (MF_PRO_W | MF_PRO_F))
                              ? strip_conj(t, &(size_t){0})
                              : t->norm,
                          w[0]))
            *head = 1;
        else
            for (size_t i = 1; i < nw; i++)
                if (title_word_eq(t->norm, w[i]))
                    *seen |= 1u << i;
    }
}

/* نظيره الأردني X: X holds the title of the one named before نظيره in
 * the sentence, with the adjective of relation given after it instead
 * of his (وزير الخارجية المصري ... نظيره الأردني أيمن الصفدي is وزير
 * خارجية الأردن). Sets *head and *seen as title_before does. */
static void counterpart_title(const qstate *q, size_t t0, const char *const *w,
                              size_t nw, int *head, unsigned *seen)
{
    const mf_doc *d = q->d;
    size_t k = t0, n;
    long ante = -1;
    const mf_tok *nis = NULL;
    if (k > 0 && definite_nisba(&d->tok[k - 1]))
        nis = &d->tok[--k];
    if (k == 0 || strcmp(d->tok[k - 1].base, "نظير") != 0 ||
        !d->tok[k - 1].enclitic)
        return;
    n = k - 1;
    for (size_t m = 0; m < d->nents; m++) {
        const marsad_entity *e = &d->ents[m];
        if (e->end > d->tok[n].start)
            break;
        if (e->type == MARSAD_ENTITY_PER && ent_ok(d, m) &&
            d->tok[tok_find(d, e->start)].sentence == d->tok[n].sentence)
            ante = (long)m;
    }
    if (ante < 0)
        return;
    ante = fullest(d, ante);
    title_before(q, tok_find(d, d->ents[ante].start), w, nw, 1, head, seen);
    if (nis)
        for (size_t i = 1; i < nw; i++)
            if (title_word_eq(nis->norm, w[i]))
                *seen |= 1u << i;
}

static long titled_person(const qstate *q, size_t a, size_t e)
{
    const mf_doc *d = q->d;
    const char *w[6];
    size_t nw = 0;
    long found = -1;

    if (e <= a + 1 || e - a > 6 || d->tok[a].type != MARSAD_TOKEN_ARABIC ||
        !in_list(drop_al(d->tok[a].norm), title_heads))
        return -1;
    for (size_t j = a; j < e; j++) {
        const mf_tok *t = &d->tok[j];
        if (t->type != MARSAD_TOKEN_ARABIC || is_stop(&q->sc, t))
            return -1;
        w[nw++] = t->norm;
    }
    for (size_t m = 0; m < d->nents; m++) {
        const marsad_entity *en = &d->ents[m];
        size_t t0;
        int head = 0;
        long full;
        unsigned seen = 0;
        if (en->type != MARSAD_ENTITY_PER || !ent_ok(d, m))
            continue;
        t0 = tok_find(d, en->start);
        title_before(q, t0, w, nw, 0, &head, &seen);
        if (!head) {
            seen = 0;
            counterpart_title(q, t0, w, nw, &head, &seen);
        }
        /* every word of the title is there (وزير خارجية الأردن is not
         * وزير الخارجية المصري) */
        if (!head || seen != ((1u << nw) - 2))
            continue;
        full = fullest(d, (long)m);
        if (found >= 0 && !same_speaker(d, found, full))
            return -1;
        found = full;
    }
    return found;
}

/* Verbs that go on with the words of someone just quoted. */
static const char *const go_on_verbs[] = {
    "اضاف", "اضافت", "تابع", "تابعت", "اردف", "اردفت", "استطرد",
    "استطردت", "اختتم", "اختتمت", NULL
};

/* Kinds of body written before their name (جامعة «...»). */
static const char *const org_kinds[] = {
    "جامعه", "شركه", "منظمه", "حركه", "جماعه", "حزب", "نادي", "فريق",
    "هيئه", "مؤسسه", "جمعيه", "منتخب", "مجموعه", NULL
};

/* The normalized word w without a leading ال, when it has one and more. */
static const char *drop_al(const char *w)
{
    return strncmp(w, "ال", 4) == 0 && strlen(w) > 6 ? w + 4 : w;
}

/* The token before a name at token a, past one quote mark or a
 * hashtag's # (صحيفة «ملييت»، وكالة #ستاندرد_آند_بورز): the name's kind
 * stands before that token. */
static size_t before_name(const mf_doc *d, size_t a)
{
    if (a > 0 && (mark_kind(&d->tok[a - 1]) != Q_NONE ||
                  punct_is(&d->tok[a - 1], "#")))
        a--;
    return a;
}

/*
 * A definite noun at token j with no mention of its own (الوكالة،
 * الخارجية، الصحيفة) that takes up an organization named before: the
 * latest organization mention before token v that holds the noun as a
 * word (وكالة رويترز، وزارة الخارجية) or follows it (صحيفة «ملييت»).
 * Returns its index, or -1.
 */
static long org_by_noun(const qstate *q, size_t v, size_t j)
{
    const mf_doc *d = q->d;
    const mf_tok *t = &d->tok[j];
    const char *noun;
    size_t k, steps = 0;

    if (t->type != MARSAD_TOKEN_ARABIC || strncmp(t->norm, "ال", 4) != 0 ||
        t->pro || in_list(t->norm, name_titles) ||
        in_list(t->norm, unnamed))
        return -1;
    noun = drop_al(t->norm);
    if (strlen(noun) < 6)
        return -1; /* three letters at least */
    k = ent_from(d, d->tok[v].start);
    while (k > 0 && steps++ < 256) {
        const marsad_entity *e = &d->ents[--k];
        size_t a, b;
        if (!ent_ok(d, k) || e->end > d->tok[v].start ||
            e->type != MARSAD_ENTITY_ORG)
            continue;
        a = tok_find(d, e->start);
        for (b = a; b < d->n && d->tok[b].start < e->end; b++)
            if (strcmp(drop_al(d->tok[b].norm), noun) == 0 ||
                strcmp(drop_al(d->tok[b].base), noun) == 0)
                return (long)k;
        /* the kind before the name: صحيفة «ملييت» (not مدافع يوفنتوس,
         * where the noun is a person of that body) */
        if (!in_list(noun, media) && !in_list(noun, org_kinds))
            continue;
        b = before_name(d, a);
        if (b > 0 && (strcmp(d->tok[b - 1].base, noun) == 0 ||
                      strcmp(d->tok[b - 1].norm, noun) == 0))
            return (long)k;
    }
    return -1;
}

/*
 * A definite noun at token j (المدافع) as the subject of the verb at token
 * v, when the last person named before v, in this sentence or the one
 * before, has that noun among the three words before the name (مدافع
 * يوفنتوس X): that person (the fullest mention), else -1.
 */
static long person_by_noun(const mf_doc *d, size_t v, size_t j)
{
    const mf_tok *t = &d->tok[j];
    const char *noun;
    size_t k = ent_from(d, d->tok[v].start), s = d->tok[v].sentence;
    int steps = 0;
    if (t->type != MARSAD_TOKEN_ARABIC || strncmp(t->norm, "ال", 4) != 0 ||
        t->pro || in_list(t->norm, unnamed))
        return -1;
    noun = drop_al(t->norm);
    if (strlen(noun) < 6)
        return -1;
    while (k > 0 && steps++ < 32) {
        const marsad_entity *e = &d->ents[--k];
        size_t a;
        if (!ent_ok(d, k) || e->end > d->tok[v].start)
            continue;
        if (e->type != MARSAD_ENTITY_PER)
            continue;
        a = tok_find(d, e->start);
        if (d->tok[a].sentence + 1 < s)
            return -1;
        for (size_t b = a; b > 0 && a - b < 3; b--) {
            const mf_tok *u = &d->tok[b - 1];
            if (u->sentence != d->tok[a].sentence)
                break;
            if (strcmp(u->base, noun) == 0 ||
                strcmp(drop_al(u->norm), noun) == 0) {
                /* المتحدث باسم البنتاغون X: the body, not X */
                if (b >= 2 && strcmp(d->tok[b - 2].norm, "باسم") == 0)
                    return -1;
                return fullest(d, (long)k);
            }
        }
        return -1; /* only the last person named */
    }
    return -1;
}

/* Head nouns of bodies that speak as such (وقالت الشرطة، أعلنت وزارة
 * الصحة، ذكر المرصد السوري), search-normalized, without ال. */
static const char *const bodies[] = {
    "شرطه", "حكومه", "وزاره", "خارجيه", "داخليه", "اتحاد", "مرصد",
    "تلفزيون", "سفاره", "جيش", "محكمه", "هيئه", "لجنه", "منظمه",
    "مؤسسه", "موسسه", "مكتب", "رئاسه", "مجلس", "شركه", "جماعه", "حركه",
    "حزب", "نادي", "فريق", "قناه", "صحيفه", "جريده", "مجله", "وكاله",
    "اذاعه", "اداره", "سلطات", "قوات", "مديريه", "امانه", "بلديه",
    "جامعه", "سلطه", "بنك", "مصرف", "صندوق", "برلمان", "كونغرس",
    "كونجرس", "تحالف", "ائتلاف", "مفوضيه", "نيابه", "بعثه", "قياده",
    "كرملين", "منتخب", "معهد", "مركز", "جمعيه", "نقابه", "مجموعه",
    "بيت", "محافظه", "اماره", "ولايه", "مطار", "فيدراليه", "رابطه",
    "اكاديميه", "شبكه", "موقع", "مستشفي", "جهاز", "اجهزه", "بنتاغون",
    "بنتاجون", NULL
};

/* Of those, the ones that name one body when they stand alone with ال
 * (وقالت الشرطة); the others need more words (وزارة الصحة، الاتحاد
 * البرازيلي) or a fuller naming elsewhere in the text (المرصد → المرصد
 * السوري لحقوق الإنسان), else they take up a body named before (الوكالة،
 * الصحيفة) and are left to org_by_noun. */
static const char *const bodies_alone[] = {
    "شرطه", "حكومه", "خارجيه", "داخليه", "جيش", "سفاره", "محكمه",
    "رئاسه", "كرملين", "برلمان", "كونغرس", "كونجرس", "بنتاغون",
    "بنتاجون", NULL
};

/* Words that end the name of a body: time words and the like. */
static const char *const body_stop[] = {
    "اليوم", "امس", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس",
    "الجمعه", "السبت", "الاحد", "الماضي", "الجاري", "المقبل", "الحالي",
    "السابق", "الاسبوع", "الشهر", "العام", "الليله", "الرسمي", "الرسميه",
    "الثاني", "الاول", "الاخير", "الاخيره", "ايضا", "كذلك", NULL
};

/* Token j as a word of a body's name: its normalized form without ال
 * (or the whole form, al = 0); NULL when it has a proclitic other than
 * ال, or is no Arabic word. */
static const char *body_word(const mf_doc *d, size_t j, int al)
{
    const mf_tok *t = &d->tok[j];
    if (t->type != MARSAD_TOKEN_ARABIC ||
        (t->pro & (MF_PRO_L | MF_PRO_B | MF_PRO_K)))
        return NULL;
    return al ? drop_al(t->norm) : t->norm;
}

/* A nisba adjective with ال (المحلية، البرازيلي، الأمريكية): ends in ي
 * or يه. */
static int nisba_adj(const mf_tok *t)
{
    const char *w = t->norm;
    size_t n = t->nnorm;
    if (t->type != MARSAD_TOKEN_ARABIC || n < 10 || strncmp(w, "ال", 4) != 0 ||
        (t->pro & (MF_PRO_L | MF_PRO_B | MF_PRO_K)) || in_list(w, body_stop))
        return 0;
    return strcmp(w + n - 2, "ي") == 0 ||
           (n >= 12 && strcmp(w + n - 4, "يه") == 0);
}

/* A word ending as a nisba adjective does (بريطانية، دولي). */
static int nisba_like(const mf_tok *t)
{
    size_t n = t->nnorm;
    return n >= 4 && (strcmp(t->norm + n - 2, "ي") == 0 ||
                      (n >= 6 && strcmp(t->norm + n - 4, "يه") == 0));
}

/* After a body's words ending before token k: the tokens that go on with
 * its name (nisba adjectives, لحقوق الإنسان، للانتخابات); the token
 * after them. */
static size_t body_tail(const qstate *q, size_t k, size_t cap)
{
    const mf_doc *d = q->d;
    int lam = 0;
    while (k < d->n && k < cap && !d->tok[k].newline_before &&
           d->tok[k].sentence == d->tok[k - 1].sentence) {
        const mf_tok *t = &d->tok[k];
        if (nisba_adj(t)) {
            k++;
            continue;
        }
        /* one phrase with ل: للانتخابات، لكرة القدم، لحقوق الإنسان */
        if (!lam && t->type == MARSAD_TOKEN_ARABIC &&
            (t->pro & MF_PRO_L) && !(t->pro & (MF_PRO_B | MF_PRO_K)) &&
            word_class(&q->sc, t) == W_NONE && !is_stop(&q->sc, t)) {
            lam = 1;
            if (strncmp(t->norm, "لل", 4) == 0) {
                k++;
                continue;
            }
            if (k + 1 < d->n && k + 1 < cap &&
                d->tok[k + 1].type == MARSAD_TOKEN_ARABIC &&
                !d->tok[k + 1].pro &&
                strncmp(d->tok[k + 1].norm, "ال", 4) == 0 &&
                !in_list(d->tok[k + 1].norm, body_stop) &&
                !is_stop(&q->sc, &d->tok[k + 1])) {
                k += 2;
                continue;
            }
        }
        break;
    }
    return k;
}

/*
 * The organization the text names right after the kind word head
 * (وكالة «X», شركة X) before token a, when all such name the same one and
 * none is named with the kind word inside its name; else -1.
 */
static long kind_named(const mf_doc *d, size_t a, const char *head)
{
    long found = -1;
    for (size_t m = 0; m < d->nents && d->ents[m].end <= d->tok[a].start;
         m++) {
        const marsad_entity *e = &d->ents[m];
        size_t t0, b;
        const char *w;
        if (e->type != MARSAD_ENTITY_ORG || !ent_ok(d, m))
            continue;
        t0 = tok_find(d, e->start);
        w = body_word(d, t0, 1);
        if (w && strcmp(w, head) == 0)
            return -1; /* وكالة الأنباء الفرنسية: the kind in the name */
        b = before_name(d, t0);
        if (b == 0 || !(w = body_word(d, b - 1, 1)) || strcmp(w, head) != 0)
            continue;
        if (found >= 0 && !same_speaker(d, found, (long)m))
            return -1;
        found = fullest(d, (long)m);
    }
    return found;
}

/* Tokens k, k+1 are بلا حدود, "without borders", which ends the names of
 * bodies (أطباء بلا حدود، مراسلون بلا حدود). */
static int without_borders(const mf_doc *d, size_t k)
{
    return k + 1 < d->n && strcmp(d->tok[k].norm, "بلا") == 0 &&
           strcmp(d->tok[k + 1].norm, "حدود") == 0;
}

/*
 * The subject in tokens a..e-1 (a body noun first) as a body named by
 * description: sets sp->start..end to the fullest naming of it in the
 * text (the same words with more name words after them, or an
 * organization mention that opens with them), else to the words here.
 * Returns 1, or 0 when the words do not name a body.
 */
static int body_subject(const qstate *q, size_t a, size_t e, speaker *sp)
{
    const mf_doc *d = q->d;
    const char *head = body_word(d, a, 1);
    size_t n, best_a = a, best_e, k;

    if (!head || !in_list(head, bodies) || e <= a)
        return 0;
    /* البيت alone is a house; only البيت الأبيض */
    if (strcmp(head, "بيت") == 0 &&
        !(a + 1 < e && strcmp(d->tok[a + 1].norm, "الابيض") == 0))
        return 0;
    /* a kind and its name in quote marks: قناة "إن تي في" */
    if (a + 2 < d->n && opens(d, a + 1)) {
        size_t c;
        if (find_close(d, a + 1, &c) && c > a + 2 && c <= a + 6 &&
            is_word(&d->tok[a + 2]) && is_word(&d->tok[c - 1])) {
            named_body(sp, d->tok[a + 2].start, d->tok[c - 1].end);
            return 1;
        }
    }
    /* the name: a head with ال and its adjectives (الشرطة المحلية), or a
     * head without it and the nouns it governs up to the first with ال
     * (مكتب المفتش العام، وزارة الداخلية التونسية) */
    n = strcmp(head, "بيت") == 0 ? 2 : 1;
    if (strncmp(d->tok[a].norm, "ال", 4) != 0) {
        int borders = 0;
        while (a + n < e && n < 5) {
            const char *w = body_word(d, a + n, 0);
            if (n >= 2 && a + n + 1 < e && without_borders(d, a + n)) {
                n += 2;
                borders = 1;
                break;
            }
            if (!w || in_list(w, body_stop) || is_stop(&q->sc, &d->tok[a + n]))
                break;
            n++;
            if (strncmp(w, "ال", 4) == 0)
                break;
        }
        /* مؤسسة رقابية عينها ...: an indefinite body with its
         * adjective is not named */
        if (n > 2 && nisba_like(&d->tok[a + 1]) &&
            strncmp(d->tok[a + 1].norm, "ال", 4) != 0)
            return 0;
        /* فريق مانور: a kind and a one-word name; شركة بريطانية: a
         * body not named */
        if (borders || (n == 2 && a + 2 == e && !nisba_like(&d->tok[a + 1])))
            ;
        else if (n == 1 || strncmp(d->tok[a + n - 1].norm, "ال", 4) != 0)
            return 0;
    }
    best_e = body_tail(q, a + n, a + 8);
    /* a kind and what it does (وكالة التصنيف الائتماني) where the text
     * has named one of that kind (وكالة ستاندرد آند بورز) */
    if (strncmp(d->tok[a].norm, "ال", 4) != 0 && n >= 2 &&
        strncmp(d->tok[a + n - 1].norm, "ال", 4) == 0 &&
        (in_list(head, media) || in_list(head, org_kinds))) {
        long en = kind_named(d, a, head);
        if (en >= 0) {
            sp->ent = en;
            sp->body = 0;
            sp->start = d->tok[a].base_start;
            sp->end = d->tok[best_e - 1].end;
            return 1;
        }
    }
    /* a fuller naming nearby: the same words with more after them */
    for (k = a > BODY_REACH ? a - BODY_REACH : 0;
         k + n <= d->n && k < a + BODY_REACH; k++) {
        size_t m, x;
        const char *w = body_word(d, k, 1);
        if (k == a || !w || strcmp(w, head) != 0)
            continue;
        for (m = 1; m < n; m++) {
            const char *u = body_word(d, k + m, 0);
            if (!u || strcmp(u, d->tok[a + m].norm) != 0 ||
                d->tok[k + m].sentence != d->tok[k].sentence)
                break;
        }
        if (m < n)
            continue;
        x = body_tail(q, k + n, k + 8);
        {
            /* an organization mention that opens here and goes further */
            long en = ent_starting(d, k);
            if (en >= 0 && d->ents[en].type == MARSAD_ENTITY_ORG &&
                d->ents[en].end > d->tok[x - 1].end) {
                size_t last = tok_at(d, k, d->ents[en].end - 1);
                if (last < d->n && last + 1 - k <= 8)
                    x = last + 1;
            }
        }
        if (x - k > best_e - best_a) {
            best_a = k;
            best_e = x;
        }
    }
    /* a lone noun with ال needs to be one of a kind, or named in full */
    if (best_e - best_a == 1 && !in_list(head, bodies_alone))
        return 0;
    if (best_e - best_a == 1 && strncmp(d->tok[best_a].norm, "ال", 4) != 0)
        return 0;
    named_body(sp, d->tok[best_a].base_start, d->tok[best_e - 1].end);
    return 1;
}

/* Writings that speak for whoever put them out (وقال البيان). */
static const char *const documents[] = {
    "البيان", "التقرير", "الرساله", "البلاغ", NULL
};

/*
 * The one who put out the statement at token j (البيان) that the verb at
 * token v has as subject: the name right after the statement's last
 * mention in the sentences before (بيان أصدرته كتائب القسام، بيان صادر عن
 * وزارة الداخلية), else the speaker of a quote just before (قالت الوزارة
 * في بيان ... وذكر البيان).  Returns a mention index or -1.
 */
static long document_issuer(const qstate *q, size_t v, size_t j, speaker *sp)
{
    const mf_doc *d = q->d;
    const char *noun = drop_al(d->tok[j].norm);
    size_t s = d->tok[v].sentence;
    for (size_t k = v; k > 0 && v - k < 160; k--) {
        const mf_tok *t = &d->tok[k - 1];
        if (t->sentence + 3 < s)
            break;
        if (strcmp(t->base, noun) != 0 && strcmp(drop_al(t->norm), noun) != 0)
            continue;
        /* وتطرق البيان: the same statement again; look further back */
        if (strncmp(t->norm, "ال", 4) == 0 && k - 1 != j)
            continue;
        /* وصفت إمارة منطقة عسير في بيان: the subject before في */
        if (k >= 2 && strcmp(d->tok[k - 2].norm, "في") == 0) {
            size_t b = k - 2, a = b;
            while (a > 0 && b - a < 6 && d->tok[a - 1].sentence == t->sentence &&
                   d->tok[a - 1].type == MARSAD_TOKEN_ARABIC &&
                   word_class(&q->sc, &d->tok[a - 1]) != W_VERB)
                a--;
            if (a > 0 && a < b && word_class(&q->sc, &d->tok[a - 1]) == W_VERB) {
                long e = ent_starting(d, a);
                if (e >= 0 && d->ents[e].type != MARSAD_ENTITY_MISC &&
                    d->ents[e].end <= d->tok[b].start)
                    return fullest(d, e);
                if (body_subject(q, a, b, sp))
                    return -1;
                if (b - a >= 2 && b - a <= 4 && body_word(d, a, 1) &&
                    in_list(body_word(d, a, 1), bodies)) {
                    named_body(sp, d->tok[a].base_start, d->tok[b - 1].end);
                    return -1;
                }
            }
        }
        /* بيان [أصدرته | صادر عن | الصادر عن] X */
        for (size_t m = k; m < d->n && m < k + 4; m++) {
            long e = ent_starting(d, m);
            if (d->tok[m].sentence != t->sentence)
                break;
            if (e >= 0) {
                if (d->ents[e].type == MARSAD_ENTITY_MISC)
                    break;
                return fullest(d, e);
            }
            if (d->tok[m].type != MARSAD_TOKEN_ARABIC)
                break;
        }
        break; /* the statement last named says nothing of its issuer */
    }
    if (q->have_last && q->last_speaker >= 0 && q->last_sentence + 2 >= s)
        return q->last_speaker;
    return -1;
}

/* Bodies that speak for a person named right after them (مكتب
 * ماكرون، ديوان الرئيس X). */
static const char *const offices[] = {
    "مكتب", "ديوان", "حمله", "محامي", "محامو", "فريق", NULL
};

/* Things put out by a body (بيان صادر عن X، أرقام نشرتها X), search-
 * normalized, without ال. */
static const char *const issued[] = {
    "بيان", "تقرير", "دراسه", "ارقام", "نتائج", "بيانات", "وثيقه",
    "وثائق", "رساله", "بلاغ", "احصاءات", "احصائيات", "تقديرات",
    "استطلاع", "تحقيق", "تحقيقات", NULL
};

/* Words that say who put it out, X right after them (صادر عن X). */
static const char *const issuing[] = {
    "اصدرته", "اصدرتها", "اصدره", "اصدرها", "نشرته", "نشرتها", "نشره",
    "نشرها", "اعدته", "اعدتها", "اعده", "اعدها", "قدمته", "قدمتها",
    "وزعته", "وزعتها", "اجرته", "اجرتها", "اجراه", "اجراها", NULL
};

/*
 * A subject that is a thing put out (بيان صادر عن وزارة الخارجية،
 * نتائج توصلت إليها أجهزة المخابرات، أرقام نشرتها سلطات الولاية): the
 * one who put it out speaks, an entity or a body named by description.
 * Sets *sp and returns the token after its name, or 0.
 */
static size_t issued_by(qstate *q, size_t first, size_t lim, speaker *sp)
{
    const mf_doc *d = q->d;
    const char *w = body_word(d, first, 1);
    size_t j, x = 0;
    if (!w || !in_list(w, issued))
        return 0;
    /* تحقيقات الشرطة، بيان الخارجية: the one it belongs to */
    if (strncmp(d->tok[first].norm, "ال", 4) != 0 && first + 1 < lim &&
        !(strcmp(w, "بيان") == 0 && first + 2 < lim &&
          strcmp(d->tok[first + 1].norm, "صادر") == 0)) {
        const char *u = body_word(d, first + 1, 1);
        long e = ent_starting(d, first + 1);
        if (e >= 0 && d->ents[e].type == MARSAD_ENTITY_ORG) {
            said_by(d, sp, e, e);
            return tok_at(d, first + 1, d->ents[e].end - 1) + 1;
        }
        if (e < 0 && u && in_list(u, bodies) &&
            strncmp(d->tok[first + 1].norm, "ال", 4) == 0) {
            size_t b = first + 2;
            while (b < lim && b < first + 7 && body_word(d, b, 0) &&
                   !is_stop(&q->sc, &d->tok[b]) &&
                   word_class(&q->sc, &d->tok[b]) == W_NONE)
                b++;
            if (body_subject(q, first + 1, b, sp))
                return b;
            sp->ent = -1;
            sp->body = 0;
            sp->start = sp->end = 0;
        }
    }
    for (j = first + 1; j < lim && j < first + 5; j++) {
        const mf_tok *t = &d->tok[j];
        const char *u;
        if (t->type != MARSAD_TOKEN_ARABIC || t->newline_before)
            return 0;
        u = drop_al(t->norm);
        if ((strcmp(u, "صادر") == 0 || strcmp(u, "صادره") == 0) &&
            j + 1 < lim && strcmp(d->tok[j + 1].norm, "عن") == 0) {
            x = j + 2;
            break;
        }
        if (in_list(t->norm, issuing)) {
            x = j + 1;
            break;
        }
        /* توصلت إليها X */
        if ((strcmp(t->norm, "توصلت") == 0 || strcmp(t->norm, "توصل") == 0) &&
            j + 1 < lim &&
            (strcmp(d->tok[j + 1].norm, "اليها") == 0 ||
             strcmp(d->tok[j + 1].norm, "اليه") == 0)) {
            x = j + 2;
            break;
        }
        if (is_stop(&q->sc, t) || word_class(&q->sc, t) != W_NONE)
            return 0;
    }
    if (!x || x >= lim)
        return 0;
    {
        long e = ent_starting(d, x);
        if (e >= 0 && d->ents[e].type != MARSAD_ENTITY_MISC) {
            said_by(d, sp,
                    d->ents[e].type == MARSAD_ENTITY_PER ? fullest(d, e) : e,
                    e);
            return tok_at(d, x, d->ents[e].end - 1) + 1;
        }
    }
    {
        size_t b = x;
        while (b < lim && b < x + 6 && body_word(d, b, 0) &&
               !is_stop(&q->sc, &d->tok[b]) && !d->tok[b].newline_before &&
               word_class(&q->sc, &d->tok[b]) == W_NONE)
            b++;
        if (b > x && body_subject(q, x, b, sp))
            return b;
    }
    sp->ent = -1;
    sp->body = 0;
    sp->start = sp->end = 0;
    return 0;
}

/* Honorific formulas said after a name (صلى الله عليه وسلم، رضي الله
 * عنه، رحمه الله، تعالى), search-normalized, one formula per row, the
 * row ended by NULL. */
static const char *const formulas[][5] = {
    { "صلي", "الله", "عليه", "وسلم", NULL },
    { "عليه", "السلام", NULL }, { "عليها", "السلام", NULL },
    { "رضي", "الله", "عنه", NULL }, { "رضي", "الله", "عنها", NULL },
    { "رضي", "الله", "عنهما", NULL }, { "رضي", "الله", "عنهم", NULL },
    { "رحمه", "الله", NULL }, { "رحمها", "الله", NULL },
    { "سبحانه", "وتعالي", NULL }, { "عز", "وجل", NULL },
    { "جل", "جلاله", NULL }, { "تعالي", NULL },
};

/* The formula starting at token j: 0 none, 1 one said of God (تعالى،
 * عز وجل), 2 one said of a prophet or a person (صلى الله عليه وسلم). */
static int formula_at(const mf_doc *d, size_t j)
{
    for (size_t f = 0; f < sizeof formulas / sizeof formulas[0]; f++) {
        size_t m = 0;
        while (formulas[f][m] && j + m < d->n &&
               d->tok[j + m].type == MARSAD_TOKEN_ARABIC &&
               strcmp(d->tok[j + m].norm, formulas[f][m]) == 0)
            m++;
        if (!formulas[f][m])
            return strcmp(formulas[f][0], "سبحانه") == 0 ||
                           strcmp(formulas[f][0], "عز") == 0 ||
                           strcmp(formulas[f][0], "جل") == 0 ||
                           strcmp(formulas[f][0], "تعالي") == 0
                       ? 1
                       : 2;
    }
    return 0;
}

/* The words at token j that name the Prophet (النبي، الرسول، رسول الله،
 * نبي الله): how many tokens, or 0. */
static size_t prophet_at(const mf_doc *d, size_t j)
{
    const mf_tok *t = &d->tok[j];
    const char *w;
    if (t->type != MARSAD_TOKEN_ARABIC || (t->pro & ~MF_PRO_W & ~MF_PRO_F))
        return 0;
    w = strip_conj(t, &(size_t){0});
    if (strcmp(w, "النبي") == 0 || strcmp(w, "الرسول") == 0)
        return 1;
    if ((strcmp(w, "رسول") == 0 || strcmp(w, "نبي") == 0) && j + 1 < d->n &&
        strcmp(d->tok[j + 1].norm, "الله") == 0)
        return 2;
    return 0;
}

/* The Prophet as a speaker named at tokens j..j+n-1: sets *sp to the
 * fullest naming of him in the text (النبي محمد when the text has it
 * somewhere, so that his words have one speaker however he is named). */
static void prophet_speaker(const mf_doc *d, size_t j, size_t n, speaker *sp)
{
    named_body(sp, d->tok[j].base_start, d->tok[j + n - 1].end);
    for (size_t k = 0; k + 1 < d->n; k++) {
        size_t m = prophet_at(d, k);
        if (m && k + m < d->n && d->tok[k + m].type == MARSAD_TOKEN_ARABIC &&
            !d->tok[k + m].pro &&
            strcmp(d->tok[k + m].norm, "محمد") == 0) {
            sp->start = d->tok[k].base_start;
            sp->end = d->tok[k + m].end;
            return;
        }
    }
}

/*
 * A subject that is a formula with no name before it (فقال صلى الله
 * عليه وسلم، قال تعالى) at token j: the one it is said of, named last
 * before it (النبي، رسول الله; الله for the formulas of God), as words.
 * Returns 1 with *sp set, or 0.
 */
static int formula_speaker(const mf_doc *d, size_t j, int kind, speaker *sp)
{
    for (size_t k = j; k > 0 && j - k < 400; k--) {
        size_t n = kind == 1 ? (d->tok[k - 1].type == MARSAD_TOKEN_ARABIC &&
                                strcmp(d->tok[k - 1].base, "الله") == 0)
                             : prophet_at(d, k - 1);
        if (n && kind == 1) {
            named_body(sp, d->tok[k - 1].base_start, d->tok[k - 1].base_end);
            return 1;
        }
        if (n) {
            prophet_speaker(d, k - 1, n, sp);
            return 1;
        }
    }
    return 0;
}

/* Words that make a body's name generic (اتحاد اللعبة، حكومة البلاد):
 * the body is the one of that kind the text names. */
static const char *const generic_of[] = {
    "اللعبه", "الكره", "البلاد", "الدوله", "المملكه", "الجمهوريه",
    "الاماره", "الاتحاد", NULL
};

/*
 * Every word of mention e (its base, without ال) is a word of mention f:
 * the same name in other words or fewer (اتحاد القدم السعودي and
 * الاتحاد السعودي لكرة القدم).
 */
static int words_within(const mf_doc *d, const marsad_entity *e,
                        const marsad_entity *f)
{
    size_t fa = tok_find(d, f->start), ea = tok_find(d, e->start);
    for (size_t i = ea; i < d->n && d->tok[i].end <= e->end; i++) {
        const mf_tok *t = &d->tok[i];
        int seen = 0;
        if (t->type != MARSAD_TOKEN_ARABIC)
            continue;
        for (size_t j = fa; j < d->n && d->tok[j].end <= f->end && !seen;
             j++)
            seen = d->tok[j].type == MARSAD_TOKEN_ARABIC &&
                   strcmp(drop_al(d->tok[j].base), drop_al(t->base)) == 0;
        if (!seen)
            return 0;
    }
    return 1;
}

/*
 * A body's kind with a generic word (اتحاد اللعبة) at tokens a, a+1: the
 * organization of that kind the text names (الاتحاد السعودي لكرة القدم),
 * when it names one only (its shorter forms, and the same words in
 * another order, aside); else -1.
 */
static long generic_body_org(const mf_doc *d, size_t a)
{
    const char *head = body_word(d, a, 1);
    long found = -1;
    if (!head || !in_list(head, bodies) || a + 1 >= d->n ||
        d->tok[a + 1].type != MARSAD_TOKEN_ARABIC ||
        !in_list(d->tok[a + 1].norm, generic_of))
        return -1;
    for (size_t m = 0; m < d->nents; m++) {
        const marsad_entity *e = &d->ents[m];
        size_t t0;
        if (e->type != MARSAD_ENTITY_ORG || !ent_ok(d, m))
            continue;
        t0 = tok_find(d, e->start);
        if (d->tok[t0].type != MARSAD_TOKEN_ARABIC ||
            (d->tok[t0].pro & (MF_PRO_L | MF_PRO_B | MF_PRO_K)) ||
            strcmp(drop_al(strip_conj(&d->tok[t0], &(size_t){0})), head) != 0)
            continue;
        if (found >= 0) {
            const marsad_entity *f = &d->ents[found];
            size_t nf = f->end - f->start, ne = e->end - e->start;
            size_t n = nf < ne ? nf : ne;
            if (memcmp(d->text + f->start, d->text + e->start, n) != 0) {
                if (ne <= nf && words_within(d, e, f))
                    continue;
                if (nf < ne && words_within(d, f, e)) {
                    found = (long)m;
                    continue;
                }
                return -1; /* two bodies of that kind */
            }
            if (ne <= nf)
                continue;
        }
        found = (long)m;
    }
    return found;
}

/* Places and bodies named after a person (جامعة الملك سعود، مستشفى
 * الأمير سلطان، مدينة الملك عبدالله), and the ranks such names give. */
static const char *const named_places[] = {
    "جامعه", "جامعتي", "مستشفي", "مدينه", "مطار", "شارع", "مركز", "مجمع",
    "ميناء", "كليه", "مؤسسه", "جائزه", "قاعده", "مسجد", "جسر", "ملعب",
    "استاد", "برنامج", "مكتبه", "معهد", "حي", "طريق", NULL
};
static const char *const named_ranks[] = {
    "الملك", "الامير", "الاميره", "الشيخ", "السلطان", "الامام", NULL
};

static int named_place(const mf_tok *t)
{
    return t->type == MARSAD_TOKEN_ARABIC &&
           (in_list(t->norm, named_places) || in_list(t->base, named_places));
}

/* The person at token j (j >= 1) is part of such a name: a place or body
 * right before it (مدير مطار تشوك، where a model may read تشوك as a
 * person), or a rank before it and a place or body before that (جامعتي
 * الملك عبدالعزيز). */
static int named_after(const mf_doc *d, size_t j)
{
    const mf_tok *r = &d->tok[j - 1];
    if (named_place(r))
        return 1;
    return j >= 2 && r->type == MARSAD_TOKEN_ARABIC && !r->pro &&
           in_list(r->norm, named_ranks) && named_place(&d->tok[j - 2]);
}

/* Tokens a..e-1 are a definite description: a noun with ال (المدافع
 * البرازيلي) or a noun governing one (صاحب الرقم، لاعب اتحاد جدة
 * السابق). */
static int definite_np(const mf_doc *d, size_t a, size_t e)
{
    const mf_tok *t = &d->tok[a];
    if (t->type != MARSAD_TOKEN_ARABIC)
        return 0;
    if (strncmp(t->norm, "ال", 4) == 0)
        return 1;
    if (t->pro || t->enclitic || nisba_like(t))
        return 0;
    for (size_t k = a + 1; k < e; k++)
        if (d->tok[k].type == MARSAD_TOKEN_ARABIC && !d->tok[k].pro &&
            strncmp(d->tok[k].norm, "ال", 4) == 0)
            return 1;
    return 0;
}

/*
 * The subject of the verb at token v, in tokens v+1..lim-1: sets *sp and
 * returns the token after it.  With no subject, sp->ent is -1 and
 * sp->start == sp->end.
 */
static size_t read_subject(qstate *q, size_t v, size_t lim, speaker *sp)
{
    const mf_doc *d = q->d;
    size_t j = v + 1, first = v + 1, end_tok = v + 1;
    long org = -1, per = -1, basm = -1;
    int after_basm = 0, unnamed_src = 0;
    size_t basm_tok = 0; /* the token after باسم */

    sp->ent = -1;
    sp->start = sp->end = 0;
    sp->pronoun = 0;
    sp->body = 0;
    /* a participle right after the verb (وتابع قائلا) is not a subject */
    if (j < lim && word_class(&q->sc, &d->tok[j]) == W_PART)
        first = ++j;
    for (; j < lim && j < first + NP_MAX; j++) {
        const mf_tok *t = &d->tok[j];
        long e;
        if (t->newline_before)
            break;
        /* لـ"رويترز": where it was said, not who said it */
        if (lam_alone(t))
            break;
        if (opens(d, j)) {
            /* a quoted name: صحيفة "لوموند"، موقع مجلة "شبيغل" */
            size_t c;
            if (!find_close(d, j, &c) || c + 1 >= lim ||
                words_between(d, j, c) > 3 || words_between(d, j, c) == 0)
                break;
            e = ent_starting(d, j + 1);
            if (e >= 0 && d->ents[e].type != MARSAD_ENTITY_MISC &&
                d->ents[e].end <= d->tok[c].start) {
                if (d->ents[e].type == MARSAD_ENTITY_PER)
                    per = e;
                else if (org < 0)
                    org = e;
            }
            end_tok = c + 1;
            j = c;
            if (per >= 0)
                break;
            continue;
        }
        if (t->type != MARSAD_TOKEN_ARABIC && t->type != MARSAD_TOKEN_LATIN)
            break;
        /* روي عن X أنه: narrated from X */
        if (j == first && strcmp(t->norm, "عن") == 0 &&
            strcmp(strip_conj(&d->tok[v], &(size_t){0}), "روي") == 0) {
            first = end_tok = j + 1;
            continue;
        }
        if (in_list(t->norm, pro_words)) {
            if (j == first) {
                first = end_tok = j + 1; /* سموه: a bare verb */
                /* قال له النبي: the subject may follow */
                if (strncmp(t->norm, "ل", 2) == 0)
                    continue;
            }
            break;
        }
        {
            /* an honorific formula ends the name before it; with no name
             * before it, it stands for the one it is said of */
            int fk = formula_at(d, j);
            if (fk) {
                if (j == first && formula_speaker(d, j, fk, sp))
                    return j + 1;
                break;
            }
        }
        if (j == first && prophet_at(d, j)) {
            /* النبي، رسول الله: named by title */
            size_t n = prophet_at(d, j);
            prophet_speaker(d, j, n, sp);
            j += n;
            if (j < lim && d->tok[j].type == MARSAD_TOKEN_ARABIC &&
                strcmp(d->tok[j].norm, "محمد") == 0)
                j++;
            while (j < lim && formula_at(d, j))
                j += formula_at(d, j) == 2 && strcmp(d->tok[j].norm, "صلي") == 0
                         ? 4
                         : 1;
            return j;
        }
        e = ent_starting(d, j);
        if (e >= 0 && j == first && in_list(t->norm, unnamed))
            e = -1; /* منظمون: a word of unnamed sources taken for a name */
        if (e < 0) {
            if (strcmp(t->base, "اسم") == 0 && (t->pro & MF_PRO_B)) {
                after_basm = 1; /* المتحدث باسم ... */
                basm_tok = j + 1;
                end_tok = j + 1;
                continue;
            }
            /* أطباء بلا حدود: part of the body's name */
            if (j > first && j + 1 < lim && without_borders(d, j)) {
                end_tok = j + 2;
                j++;
                continue;
            }
            /* stop words end a subject; not inside a mention */
            if (is_stop(&q->sc, t) ||
                (t->pro & (MF_PRO_L | MF_PRO_B | MF_PRO_K)) ||
                word_class(&q->sc, t) != W_NONE)
                break;
            if (j == first && in_list(t->norm, unnamed))
                unnamed_src = 1;
            if (strcmp(t->norm, "باسم") == 0 && !after_basm) {
                after_basm = 1;
                basm_tok = j + 1;
            }
            end_tok = j + 1;
            continue;
        }
        /* a mention: a person ends the subject; an organization or place
         * counts when it is the subject itself or after باسم */
        {
            const marsad_entity *m = &d->ents[e];
            size_t last = tok_at(d, j, m->end > 0 ? m->end - 1 : 0);
            if (m->type == MARSAD_ENTITY_PER &&
                (t->pro & (MF_PRO_L | MF_PRO_B)) && m->start > t->start) {
                /* المدرب الألماني لسان جرمان توماس توخل: a name after
                 * ل / ب belongs to a phrase, not the subject */
                end_tok = last + 1;
                j = last;
                continue;
            }
            if (m->type == MARSAD_ENTITY_PER && j == first + 1 &&
                d->tok[first].type == MARSAD_TOKEN_ARABIC &&
                in_list(d->tok[first].norm, offices)) {
                /* مكتب ماكرون: the office speaks, as a body */
                named_body(sp, d->tok[first].base_start, m->end);
                return last + 1;
            }
            if (m->type == MARSAD_ENTITY_PER && j > first &&
                m->start == t->base_start && governed_by_title(d, j - 1)) {
                /* مستشار ترامب، مدير جامعة ...: the holder of the title
                 * speaks, not the one it is governed by */
                end_tok = last + 1;
                j = last;
                continue;
            }
            if (m->type == MARSAD_ENTITY_PER && j > first &&
                m->start == t->base_start && named_after(d, j)) {
                /* مدير جامعة الملك عبدالعزيز: a person in the name of a
                 * place or body is not the one who speaks */
                end_tok = last + 1;
                j = last;
                continue;
            }
            if (m->type == MARSAD_ENTITY_PER) {
                per = e;
                end_tok = last + 1;
                break;
            }
            if (m->type != MARSAD_ENTITY_MISC) {
                if (after_basm && basm < 0)
                    basm = e;
                else if (j == first && org < 0)
                    org = e;
                else if (j > first && org < 0 && basm < 0 && j >= 1 &&
                         in_list(d->tok[j - 1].norm, officials))
                    org = e; /* متحدث الخارجية: the body it speaks for */
            }
            end_tok = last + 1;
            j = last;
        }
    }
    /* مسؤول في وزارة الخارجية: the organization speaks for the official */
    if (per < 0 && org < 0 && basm < 0 && end_tok == first + 1 &&
        first < lim && in_list(d->tok[first].norm, officials) &&
        first + 2 < lim && strcmp(d->tok[first + 1].norm, "في") == 0) {
        long e = ent_starting(d, first + 2);
        if (e >= 0 && d->ents[e].type == MARSAD_ENTITY_ORG) {
            sp->ent = e;
            sp->start = d->tok[first].start;
            sp->end = d->ents[e].end;
            return tok_at(d, first + 2, d->ents[e].end - 1) + 1;
        }
    }
    if (end_tok == first)
        return first; /* no subject */
    if (per < 0 && org < 0 && basm < 0) {
        size_t x = issued_by(q, first, lim, sp);
        if (x)
            return x;
    }
    /* وزير البيئة، عبدالرحمن الفضلي، ...: the name in apposition */
    if (per < 0 && org < 0 && basm < 0 && !unnamed_src) {
        for (size_t k = end_tok; k + 1 < lim && k < end_tok + 8; k++) {
            const mf_tok *t = &d->tok[k];
            long e;
            if (is_colon(t) || opens(d, k) || is_comp(d, k) ||
                t->newline_before ||
                (t->type == MARSAD_TOKEN_PUNCT && !is_comma(t)))
                break;
            if (!is_comma(t))
                continue;
            e = ent_starting(d, k + 1);
            if (e >= 0 && d->ents[e].type == MARSAD_ENTITY_PER) {
                size_t last = tok_at(d, k + 1, d->ents[e].end - 1);
                /* the name stands alone between commas or before أن */
                if (last + 1 < d->n &&
                    (is_comma(&d->tok[last + 1]) || is_comp(d, last + 1))) {
                    per = e;
                    end_tok = last + 1;
                }
            }
            break;
        }
    }
    if (unnamed_src) {
        per = org = basm = -1;
    }
    if (per >= 0) {
        said_by(d, sp, fullest(d, per), per);
    } else if (basm >= 0 || org >= 0) {
        long e = basm >= 0 ? basm : org;
        said_by(d, sp, e, e);
    } else {
        sp->start = d->tok[first].base_start;
        sp->end = d->tok[end_tok - 1].end;
        if (end_tok - first <= 3 &&
            strncmp(d->tok[first].norm, "ال", 4) == 0 &&
            (sp->ent = described_person(d, sp->start, sp->end)) >= 0)
            return end_tok;
        /* وكتب آل الشيخ: the last words of a name given in full */
        if (end_tok - first <= 3 && !unnamed_src &&
            (sp->ent = person_by_tail(d, sp->start, sp->end)) >= 0)
            return end_tok;
        /* وزير خارجية الأردن: the person given that title elsewhere */
        if (!unnamed_src && (sp->ent = titled_person(q, first, end_tok)) >= 0)
            return end_tok;
        /* ... مدافع يوفنتوس X، وقال المدافع السويسري: the person the
         * noun was just given to */
        if (end_tok - first <= 3 && !unnamed_src &&
            (sp->ent = person_by_noun(d, v, first)) >= 0) {
            sp->pronoun = 1;
            return end_tok;
        }
        /* وقال البيان: whoever put out the statement */
        if (end_tok - first <= 2 && !unnamed_src &&
            in_list(d->tok[first].norm, documents)) {
            sp->ent = document_issuer(q, v, first, sp);
            if (sp->ent < 0 && !sp->body && last_known(q) &&
                q->last_sentence + 2 >= d->tok[v].sentence)
                take_last(q, sp); /* a body that spoke just before */
            if (sp->ent >= 0 || sp->body) {
                sp->pronoun = 1;
                return end_tok;
            }
        }
        /* وقالت الوكالة، وذكرت الصحيفة: an organization named before */
        if (end_tok - first <= 2 && !unnamed_src &&
            (sp->ent = org_by_noun(q, v, first)) >= 0) {
            sp->pronoun = 1;
            return end_tok;
        }
        /* اتحاد اللعبة: the federation the text names */
        if (end_tok - first == 2 && !unnamed_src &&
            (sp->ent = generic_body_org(d, first)) >= 0) {
            sp->start = d->tok[first].base_start;
            sp->end = d->tok[first + 1].end;
            sp->pronoun = 1;
            return end_tok;
        }
        /* المتحدث باسم "دويتشه بان"، مسؤولو مطار X: the body spoken for,
         * named in words; وقالت الشرطة المحلية: a body as the subject */
        if (!unnamed_src) {
            size_t a = 0, b = end_tok;
            if (basm_tok && basm_tok < end_tok)
                a = basm_tok;
            else if (d->tok[first].type == MARSAD_TOKEN_ARABIC &&
                     strcmp(d->tok[first].norm, "مسؤولو") == 0 &&
                     first + 1 < end_tok)
                a = first + 1;
            if (a) {
                if (mark_kind(&d->tok[a]) != Q_NONE)
                    a++;
                if (b > a && mark_kind(&d->tok[b - 1]) != Q_NONE)
                    b--;
                if (b > a && b - a <= 6 && is_word(&d->tok[a]) &&
                    is_word(&d->tok[b - 1]) && !body_subject(q, a, b, sp)) {
                    sp->body = 1;
                    sp->start = d->tok[a].base_start;
                    sp->end = d->tok[b - 1].end;
                }
            } else if (end_tok - first <= 8)
                body_subject(q, first, end_tok, sp);
            if (sp->body)
                return end_tok;
        }
        /* وأضاف المتحدث: the speaker just quoted, if the title matches */
        if (end_tok - first <= 2 &&
            strncmp(d->tok[first].norm, "ال", 4) == 0 &&
            last_known(q) &&
            q->last_sentence + 3 >= d->tok[v].sentence &&
            q->last_sp_end > q->last_sp_start) {
            const mf_tok *t = &d->tok[first];
            size_t tn = t->end - t->base_start;
            size_t a = q->last_sp_start, b = q->last_sp_end;
            /* the title word appears in the words naming the last one,
             * or just before them */
            size_t from = a > 120 ? a - 120 : 0;
            for (size_t p = from; p + tn <= b; p++)
                if (memcmp(d->text + p, d->text + t->base_start, tn) == 0) {
                    take_last(q, sp);
                    sp->pronoun = 1;
                    break;
                }
        }
        /* وأضاف المدافع البرازيلي: a verb that goes on with what was just
         * said, with a description and no name, is the same speaker */
        if (sp->ent < 0 && !sp->body && !unnamed_src &&
            words_between(d, first - 1, end_tok) <= 4 &&
            definite_np(d, first, end_tok) &&
            in_list(strip_conj(&d->tok[v], &(size_t){0}), go_on_verbs)) {
            int g = verb_gender(&d->tok[v]);
            if (last_known(q) &&
                q->last_sentence + 2 >= d->tok[v].sentence) {
                if (!(g >= 0 && q->last_gender >= 0 && g != q->last_gender)) {
                    take_last(q, sp);
                    sp->pronoun = 1;
                }
            } else {
                /* واختتم لاعب X السابق: the one the text is about, as
                 * for a verb with no subject */
                speaker r = {-1, 0, 0, 0, 0};
                resolve_pronoun(q, v, 0, &r);
                if (r.ent >= 0 && !r.body &&
                    d->ents[r.ent].type == MARSAD_ENTITY_PER) {
                    sp->ent = r.ent;
                    sp->pronoun = 1;
                }
            }
        }
    }
    return end_tok;
}

/* A subject before the verb (بوتين قال إن، وكان بوتين قد قال): the
 * mention that ends just before token v, skipping قد / كان. */
static int subject_before(qstate *q, size_t v, speaker *sp)
{
    const mf_doc *d = q->d;
    size_t j = v;
    int skipped = 0;
    while (j > 0 && skipped < 3) {
        const mf_tok *t = &d->tok[j - 1];
        if (t->sentence != d->tok[v].sentence)
            return 0;
        if (strcmp(t->norm, "قد") == 0 || strcmp(t->norm, "وقد") == 0 ||
            strcmp(t->base, "كان") == 0 || strcmp(t->base, "كانت") == 0) {
            j--;
            skipped++;
            continue;
        }
        break;
    }
    if (j == 0 || d->tok[j - 1].sentence != d->tok[v].sentence)
        return 0;
    /* مايك بنس، الذي قال: the one the relative clause is about */
    if (j > 1 && !(d->tok[v].pro & (MF_PRO_W | MF_PRO_F)) &&
        (strcmp(d->tok[j - 1].norm, "الذي") == 0 ||
         strcmp(d->tok[j - 1].norm, "التي") == 0)) {
        size_t p = j - 2, k;
        if (is_comma(&d->tok[p]) && p > 0)
            p--;
        k = ent_from(d, d->tok[p].start);
        if (k < d->nents && ent_ok(d, k) &&
            d->ents[k].end <= d->tok[p].end &&
            d->ents[k].end > d->tok[p].start &&
            d->tok[p].sentence == d->tok[v].sentence &&
            (d->ents[k].type == MARSAD_ENTITY_PER ||
             d->ents[k].type == MARSAD_ENTITY_ORG)) {
            said_by(d, sp, fullest(d, (long)k), (long)k);
            sp->pronoun = 0;
            return 1;
        }
        return 0;
    }
    {
        size_t k = ent_from(d, d->tok[j - 1].start);
        if (k < d->nents && ent_ok(d, k) &&
            d->ents[k].end <= d->tok[j - 1].end &&
            d->ents[k].end > d->tok[j - 1].start &&
            (d->ents[k].type == MARSAD_ENTITY_PER ||
             d->ents[k].type == MARSAD_ENTITY_ORG)) {
            /* the mention must start its clause: nothing before it but
             * punctuation, و, or the sentence start */
            size_t f = tok_at(d, j - 1 > 6 ? j - 7 : 0, d->ents[k].start);
            if (f > 0 && d->tok[f - 1].sentence == d->tok[v].sentence &&
                d->tok[f - 1].type != MARSAD_TOKEN_PUNCT &&
                strcmp(d->tok[f - 1].norm, "و") != 0 &&
                strcmp(d->tok[f - 1].base, "كان") != 0 &&
                strcmp(d->tok[f - 1].base, "لكن") != 0)
                return 0;
            said_by(d, sp, fullest(d, (long)k), (long)k);
            sp->pronoun = 0;
            return 1;
        }
    }
    /* إلا أن الإعلام السوري ذكر أن، وكان مسؤولو جهاز الإطفاء ذكروا:
     * a body named by description opening the clause */
    {
        size_t a = j;
        while (a > 0 && j - a < 6) {
            const mf_tok *t = &d->tok[a - 1];
            long pl = a < j ? ent_starting(d, a) : -1;
            /* جهاز الإطفاء في كاليفورنيا */
            if (strcmp(t->norm, "في") == 0 && pl >= 0 &&
                d->ents[pl].type == MARSAD_ENTITY_LOC && a > 1 &&
                t->sentence == d->tok[v].sentence) {
                a--;
                continue;
            }
            if (t->sentence != d->tok[v].sentence || !body_word(d, a - 1, 0) ||
                is_stop(&q->sc, t) || word_class(&q->sc, t) != W_NONE ||
                strcmp(t->base, "كان") == 0 || strcmp(t->base, "كانت") == 0 ||
                strcmp(t->base, "لكن") == 0)
                break;
            a--;
            if (t->pro & MF_PRO_W)
                break;
        }
        if (a == j)
            return 0;
        if (a > 0 && d->tok[a - 1].sentence == d->tok[v].sentence &&
            !(d->tok[a].pro & MF_PRO_W) &&
            d->tok[a - 1].type != MARSAD_TOKEN_PUNCT &&
            !is_comp(d, a - 1) && strcmp(d->tok[a - 1].norm, "ان") != 0 &&
            strcmp(d->tok[a - 1].base, "كان") != 0 &&
            strcmp(d->tok[a - 1].base, "كانت") != 0 &&
            strcmp(d->tok[a - 1].base, "لكن") != 0)
            return 0;
        if (d->tok[a].type == MARSAD_TOKEN_ARABIC &&
            strcmp(strip_conj(&d->tok[a], &(size_t){0}), "مسؤولو") == 0 &&
            a + 1 < j)
            a++;
        if (ent_starting(d, a) >= 0)
            return 0;
        {
            speaker b;
            memset(&b, 0, sizeof b);
            b.ent = -1;
            if (body_subject(q, a, j, &b) && b.body) {
                *sp = b;
                return 1;
            }
        }
    }
    return 0;
}

/* A medium named after token j (لشبكة "سي أن أن"، لـ CNN): sets *ms, *me
 * and returns the token after it, or returns j when there is none. */
static size_t read_medium(const mf_doc *d, size_t j, size_t lim, size_t *ms,
                          size_t *me)
{
    long e;
    if (j >= lim)
        return j;
    if (opens(d, j)) {
        size_t c;
        if (find_close(d, j, &c) && c > j + 1 && c < j + 12 &&
            words_between(d, j, c) <= 6) {
            *ms = d->tok[j + 1].start;
            *me = d->tok[c - 1].end;
            return c + 1;
        }
        return j;
    }
    e = ent_starting(d, j);
    if (e >= 0 && d->ents[e].type != MARSAD_ENTITY_PER) {
        *ms = d->ents[e].start;
        *me = d->ents[e].end;
        return tok_at(d, j, d->ents[e].end - 1) + 1;
    }
    return j;
}

/* Token j introduces a medium: لصحيفة, bare لـ, or مع after مقابلة. */
static int medium_marker(const mf_doc *d, size_t j, size_t *next)
{
    const mf_tok *t = &d->tok[j];
    if (t->type != MARSAD_TOKEN_ARABIC)
        return 0;
    if ((t->pro & MF_PRO_L) && in_list(t->base, media)) {
        *next = j + 1;
        return 1;
    }
    if (strcmp(t->norm, "ل") == 0 || strcmp(t->norm, "لل") == 0) {
        *next = j + 1;
        return 1;
    }
    if (j > 0 && strcmp(t->norm, "مع") == 0 &&
        in_list(d->tok[j - 1].base, talks)) {
        *next = j + 1;
        return 1;
    }
    return 0;
}

/* Token j is a complementizer (إن، أن، بأن، أنه، فإن). */
static int is_comp(const mf_doc *d, size_t j)
{
    const mf_tok *t = &d->tok[j];
    /* أن and its forms are 2 to 4 letters with a base of 2 */
    if (t->type != MARSAD_TOKEN_ARABIC || t->nnorm < 4 || t->nnorm > 10 ||
        (t->nbase != 4 && t->nnorm > 8))
        return 0;
    if (strcmp(t->base, "ان") != 0 && strcmp(t->norm, "ان") != 0 &&
        strcmp(t->norm, "انه") != 0 && strcmp(t->norm, "انها") != 0 &&
        strcmp(t->norm, "بان") != 0 && strcmp(t->norm, "بانه") != 0)
        return 0;
    if (t->pro & (MF_PRO_L | MF_PRO_K | MF_PRO_S))
        return 0; /* لأن = because */
    if (j > 0 && (in_list(d->tok[j - 1].norm, not_comp) ||
                  in_list(d->tok[j - 1].base, not_comp)))
        return 0;
    return 1;
}

/* Token k is a word of contrast (لكن، بينما، في حين) opening a report of
 * its own: a verb of saying within the next few words, then أن / إن. */
static int contrast_report(qstate *q, size_t k)
{
    static const char *const contrast[] = {
        "لكن", "ولكن", "بينما", "فيما", "حين", NULL
    };
    const mf_doc *d = q->d;
    size_t s = d->tok[k].sentence;
    if (!in_list(d->tok[k].norm, contrast) ||
        (strcmp(d->tok[k].norm, "حين") == 0 &&
         (k == 0 || strcmp(d->tok[k - 1].norm, "في") != 0)))
        return 0;
    for (size_t m = k + 1; m < d->n && m <= k + 5; m++) {
        const mf_tok *t = &d->tok[m];
        if (t->sentence != s || t->type != MARSAD_TOKEN_ARABIC)
            return 0;
        if (word_class(&q->sc, t) == W_VERB)
            return m + 1 < d->n && d->tok[m + 1].sentence == s &&
                   is_comp(d, m + 1);
    }
    return 0;
}

/* Last token of the sentence holding token j, stopping at a line break;
 * quotes opened on the way are followed to their close. */
static size_t clause_end(qstate *q, size_t j, size_t *part)
{
    const mf_doc *d = q->d;
    size_t s = d->tok[j].sentence, last = j, comma = 0;
    *part = 0;
    for (size_t k = j; k < d->n; k++) {
        const mf_tok *t = &d->tok[k];
        if (k > j && (t->newline_before || t->sentence != s))
            break;
        /* ، مضيفا أن ...: a new report starts */
        if (k > j && is_comma(t) && k + 1 < d->n &&
            d->tok[k + 1].sentence == s &&
            (word_class(&q->sc, &d->tok[k + 1]) == W_PART ||
             (((d->tok[k + 1].pro & MF_PRO_W) ||
               strncmp(d->tok[k + 1].norm, "و", 2) == 0) &&
              word_class(&q->sc, &d->tok[k + 1]) == W_VERB))) {
            *part = k + 1;
            break;
        }
        /* لكن آخرين قالوا إنه ...: another's report, set against this
         * one, starts at the word of contrast */
        if (k > j && contrast_report(q, k)) {
            *part = k;
            return k - 1 > j && is_comma(&d->tok[k - 1]) ? k - 2 : k - 1;
        }
        /* لكنه دافع عن موقفه قائلا: "...": a participle with its own
         * words ends the clause at the comma before it */
        if (k > j && word_class(&q->sc, t) == W_PART && k + 1 < d->n &&
            d->tok[k + 1].sentence == s &&
            (is_colon(&d->tok[k + 1]) || opens(d, k + 1))) {
            if (comma > j) {
                *part = k;
                return comma - 1;
            }
        }
        if (is_comma(t))
            comma = k;
        last = k;
        if (opens(d, k)) {
            size_t c;
            if (find_close(d, k, &c)) {
                last = c;
                k = c;
                s = d->tok[c].sentence;
            }
        }
    }
    return last;
}

/* The last token before `last` that is not punctuation, or SIZE_MAX. */
static size_t trim_back(const mf_doc *d, size_t from, size_t last)
{
    while (last >= from && last < d->n) {
        if (d->tok[last].type != MARSAD_TOKEN_PUNCT ||
            mark_kind(&d->tok[last]) == Q_GUIL_CLOSE ||
            mark_kind(&d->tok[last]) == Q_DCURLY ||
            mark_kind(&d->tok[last]) == Q_DSTRAIGHT ||
            strcmp(d->tok[last].norm, ")") == 0)
            return last;
        if (last == 0)
            break;
        last--;
    }
    return SIZE_MAX;
}

/* Byte offset where the sentence of token v starts. */
static size_t sent_start_byte(const mf_doc *d, size_t v)
{
    size_t k = v;
    while (k > 0 && v - k < 200 && d->tok[k - 1].sentence == d->tok[v].sentence &&
           !d->tok[k].newline_before)
        k--;
    return d->tok[k].start;
}

/* The first person named in the sentence of token j, up to token j; -1
 * when there is none. */
static long first_person_of(const mf_doc *d, size_t j)
{
    size_t k = ent_from(d, sent_start_byte(d, j));
    for (; k < d->nents && d->ents[k].end <= d->tok[j].end; k++)
        if (ent_ok(d, k) && d->ents[k].type == MARSAD_ENTITY_PER)
            return (long)k;
    return -1;
}

/* Token j ends an entity mention. */
static int ends_mention(const mf_doc *d, size_t j)
{
    size_t k = ent_from(d, d->tok[j].start);
    return k < d->nents && ent_ok(d, k) && d->ents[k].start < d->tok[j].end &&
           d->ents[k].end <= d->tok[j].end;
}

/* Words before a bare verb that go on with the speaker before (كما
 * أكد، ومن جهته قال). */
static const char *const go_on[] = {
    "كما", "وكما", "ثم", "بدوره", "وبدوره", "بدورها", "وبدورها", "جهته",
    "جهتها", "جانبه", "جانبها", "فيما", "حين", "وحين", NULL
};

/* The bare verb at v follows words of its own sentence (لكنه أعلن، الذي
 * قال) rather than opening it or following a comma or a go-on word: its
 * subject is in this sentence. */
static int mid_clause(const mf_doc *d, size_t v)
{
    const mf_tok *p;
    if (v == 0 || d->tok[v].newline_before)
        return 0;
    p = &d->tok[v - 1];
    if (p->sentence != d->tok[v].sentence || p->type == MARSAD_TOKEN_PUNCT)
        return 0;
    if (in_list(p->norm, go_on) || strcmp(p->norm, "و") == 0)
        return 0;
    return 1;
}

/* The first token in [from, lim) that starts a new line, or lim. */
static size_t line_cut(const mf_doc *d, size_t from, size_t lim)
{
    while (from < lim && !d->tok[from].newline_before)
        from++;
    return from;
}

/* A verb of finding at token v reports what comes after أن at token j:
 * أن is written with its hamza above or bare, never إن (وجدت أو ... إن
 * لم: "if"), and follows the verb or a subject that is named or has the
 * article (وجدت الدراسة أن، وجد فريق الدراسة أن), nothing else between
 * (وجدت نفسي أطلب ... أن). */
static int finding(const qstate *q, size_t v, size_t after, size_t j,
                   int found)
{
    const mf_doc *d = q->d;
    const unsigned char *c;
    const mf_tok *t;
    if (found != 1 || j > after + 1 || d->tok[j].end - d->tok[j].start < 2)
        return 0;
    c = (const unsigned char *)d->text + d->tok[j].start;
    if (c[0] == 0xD8 && c[1] == 0xA5) /* إ */
        return 0;
    if (after == v + 1 || ent_starting(d, v + 1) >= 0 ||
        mark_kind(&d->tok[v + 1]) != Q_NONE)
        return 1;
    /* the subject ends in a word with the article or an adjective of
     * relation (فريق الدراسة، تحقيق داخلي), not in a verb (الهاتف أدرك) */
    t = &d->tok[after - 1];
    return t->type == MARSAD_TOKEN_ARABIC &&
           word_class(&q->sc, t) == W_NONE &&
           (strncmp(t->norm, "ال", 4) == 0 || nisba_like(t) ||
            ends_mention(d, after - 1));
}

/*
 * A reporting verb or participle at token v.  Returns the token to go on
 * from (> v), or v when it reports nothing; *rc gets the sink's error.
 */
static size_t at_verb(qstate *q, size_t v, int cls, int *rc)
{
    const mf_doc *d = q->d;
    size_t s = d->tok[v].sentence;
    size_t lim, j, after, ms = 0, me = 0;
    speaker sp = {-1, 0, 0, 0, 0};
    int found = 0; /* 1 complementizer, 2 colon, 3 quote mark */
    int named_last = 0; /* the speaker is the name right before أن */

    lim = v + 1 + VERB_WINDOW;
    if (lim > d->n)
        lim = d->n;
    /* the window ends at the line end, unless a colon leads there; the
     * sentence end is a stop in the scan below (a quoted name such as
     * "العربية.نت" may hold a full stop) */
    j = line_cut(d, v + 1, lim);
    if (j < lim && j > v + 1 && is_colon(&d->tok[j - 1]))
        j++;
    lim = j < lim ? j : lim;

    if (cls == W_PART)
        after = v + 1;
    else
        after = read_subject(q, v, lim, &sp);
    if (verb_in(&d->tok[v], relay_verbs)) {
        /* نقلت فرانس برس عن الصحيفة أن: the subject is the medium, the
         * one after عن the speaker; with قوله after it, that participle
         * takes the words */
        size_t src;
        if (after <= v + 1 || after >= lim ||
            strcmp(d->tok[after].norm, "عن") != 0)
            return v;
        ms = d->tok[v + 1].start;
        me = d->tok[after - 1].end;
        src = after;
        after = read_subject(q, src, lim, &sp);
        if (after <= src + 1 || (after < lim && is_qawl(&d->tok[after])))
            return v;
    }
    /* find what introduces the words, noting a medium on the way */
    for (j = after; j < lim; j++) {
        const mf_tok *t = &d->tok[j];
        size_t nx;
        long e;
        if (is_colon(t)) {
            found = 2;
            break;
        }
        if (is_comma(t) && j + 1 < lim &&
            in_list(d->tok[j + 1].norm, relatives)) {
            /* واعتبرت الفيدرالية، التي تقول إنها ...، أن: a relative
             * clause set off by commas says nothing of the verb's */
            size_t c = j + 2;
            while (c < d->n && c < j + 2 + RELATIVE_MAX &&
                   d->tok[c].sentence == s && !d->tok[c].newline_before &&
                   !is_comma(&d->tok[c]))
                c++;
            if (c < d->n && is_comma(&d->tok[c]) &&
                d->tok[c].sentence == s && !d->tok[c].newline_before) {
                lim += c - j;
                if (lim > d->n)
                    lim = d->n;
                lim = line_cut(d, c + 1, lim);
                j = c;
                continue;
            }
        }
        if (opens(d, j)) {
            size_t c;
            int closed = find_close(d, j, &c);
            size_t w = closed ? words_between(d, j, c) : 0;
            /* a quoted name: one or two words, or up to four after a
             * common noun (مؤسسة «آي إتش إس»), not after the speaker's
             * name or the verb */
            if (closed && c + 1 < d->n &&
                (w <= 2 || (w <= 4 && j > after &&
                            d->tok[j - 1].type == MARSAD_TOKEN_ARABIC &&
                            !is_comp(d, j - 1) &&
                            word_class(&q->sc, &d->tok[j - 1]) == W_NONE &&
                            !ends_mention(d, j - 1)))) {
                j = c;
                continue;
            }
            found = 3;
            break;
        }
        if (is_comp(d, j)) {
            found = 1;
            break;
        }
        if (j > after && word_class(&q->sc, t) != W_NONE &&
            (word_class(&q->sc, t) != W_HADD ||
             (j + 1 < lim && strcmp(d->tok[j + 1].norm, "حد") == 0)))
            break; /* another report; على alone is a preposition */
        if (t->type == MARSAD_TOKEN_PUNCT && !is_comma(t) &&
            strcmp(t->norm, "(") != 0 && strcmp(t->norm, ")") != 0 &&
            strcmp(t->norm, "-") != 0 && strcmp(t->norm, "#") != 0)
            break; /* a hashtag (إدارة #الصحة) goes on */
        if (medium_marker(d, j, &nx) && me == 0) {
            size_t k = read_medium(d, nx, lim, &ms, &me);
            if (k > nx) {
                j = k - 1;
                continue;
            }
        }
        e = ent_starting(d, j);
        if (e >= 0) /* a name may hold أن (سي أن أن) */
            j = tok_at(d, j, d->ents[e].end - 1);
    }
    /* وقال، ما يتردد غير صحيح: a comma right after a bare verb of saying
     * stands for the colon */
    if (!found && cls == W_VERB && after == v + 1 && v + 2 < lim &&
        is_comma(&d->tok[v + 1]) &&
        d->tok[v + 2].type == MARSAD_TOKEN_ARABIC &&
        !is_stop(&q->sc, &d->tok[v + 2]) &&
        in_list(strip_conj(&d->tok[v], &(size_t){0}), said_verbs)) {
        found = 2;
        j = v + 1;
    }
    if (!found)
        return v;
    /* قال المتحدث الرسمي لهيئة الهلال الأحمر خالد السهلي إن: a person
     * named right before إن or the colon is the one the title describes */
    if (cls == W_VERB && sp.ent < 0 && sp.end > sp.start && found != 3 &&
        j > after) {
        size_t p = j - 1;
        if (is_comma(&d->tok[p]) && p > after)
            p--;
        {
            /* ... لين راوند لفرانس برس: the medium after ل is skipped */
            size_t k = ent_from(d, d->tok[p].start);
            if (k < d->nents && d->ents[k].end <= d->tok[p].end &&
                d->ents[k].end > d->tok[p].start) {
                size_t t0 = tok_find(d, d->ents[k].start);
                if (t0 > after && (d->tok[t0].pro & MF_PRO_L))
                    p = t0 - 1;
            }
        }
        {
            size_t k = ent_from(d, d->tok[p].start);
            if (k < d->nents && ent_ok(d, k) &&
                d->ents[k].type == MARSAD_ENTITY_PER &&
                d->ents[k].end <= d->tok[p].end &&
                d->ents[k].end > d->tok[p].start &&
                d->ents[k].start >= d->tok[after].start) {
                said_by(d, &sp, fullest(d, (long)k), (long)k);
                named_last = 1;
            }
        }
    }
    /* قال مندوب مصر لدى الجامعة السفير طارق عادل: a name after a
     * title further on, with no one else (مع نظيره) on the way */
    if (cls == W_VERB && sp.ent < 0 && sp.end > sp.start && found != 3) {
        for (size_t k = after; k < j; k++) {
            const mf_tok *t = &d->tok[k];
            long e;
            if (strcmp(t->norm, "مع") == 0 || strcmp(t->base, "نظير") == 0 ||
                strncmp(t->base, "نظير", 8) == 0 ||
                word_class(&q->sc, t) != W_NONE)
                break;
            e = k > after ? ent_starting(d, k) : -1;
            if (e >= 0 && d->ents[e].type == MARSAD_ENTITY_PER &&
                in_list(d->tok[k - 1].norm, name_titles)) {
                said_by(d, &sp, fullest(d, e), e);
                break;
            }
        }
    }
    /* أشار إلى خطأ الاعتقاد بأن، منوها إلى الرأي القائل إن: أن after a
     * noun that إلى governs belongs to the noun */
    if (found == 1 && after < j && strcmp(d->tok[after].norm, "الي") == 0 &&
        j > after + 1 && !is_comma(&d->tok[j - 1]))
        return v;
    /* a verb that takes a noun object must meet its أن close by, unless
     * what comes between is set off by commas (وأعلن X، في مؤتمر صحفي مع
     * نظيره ...، أن) or is the subject, a title with the person's name
     * last (وأوضح المشرف على ... الدكتور X، أن); قال and the verbs that
     * go on take no noun object */
    if (found == 1 && cls == W_VERB && j > after + 10 && !named_last &&
        !in_list(strip_conj(&d->tok[v], &(size_t){0}), said_verbs) &&
        !(after < d->n && is_comma(&d->tok[after]) && is_comma(&d->tok[j - 1])))
        return v;

    if (verb_in(&d->tok[v], found_verbs) && !finding(q, v, after, j, found))
        return v;
    q->cur_gender = verb_gender(&d->tok[v]);
    /* كتب عليها "..." (books, or writing on a thing), علقت لوحة "...":
     * these verbs need a colon or a named subject before a quote mark */
    if (found == 3 && sp.ent < 0 &&
        in_list(strip_conj(&d->tok[v], &(size_t){0}), weak_verbs))
        return v;
    if (cls == W_PART && v > 0 && is_qawl(&d->tok[v]) &&
        ends_mention(d, v - 1) &&
        d->ents[ent_from(d, d->tok[v - 1].start)].type ==
            MARSAD_ENTITY_PER) {
        /* نقلت الوكالة عن الوزير X قوله: the one named before قوله */
        long e = (long)ent_from(d, d->tok[v - 1].start);
        said_by(d, &sp, fullest(d, e), e);
    } else if (cls == W_PART) {
        /* the subject of the sentence: the one of a report earlier in
         * it, else the first person it names, else a report just before */
        int agree = !(q->cur_gender >= 0 && q->last_gender >= 0 &&
                      q->cur_gender != q->last_gender);
        long first_per = -1;
        sp.pronoun = 1;
        if (!(q->have_last && q->last_sentence >= s && agree)) {
            size_t k = ent_from(d, sent_start_byte(d, v));
            for (; k < d->nents && d->ents[k].end <= d->tok[v].start; k++)
                if (ent_ok(d, k) && d->ents[k].type == MARSAD_ENTITY_PER) {
                    first_per = (long)k;
                    break;
                }
        }
        if (first_per >= 0) {
            said_by(d, &sp, fullest(d, first_per), first_per);
        } else if (q->have_last && q->last_sentence + 1 >= s && agree) {
            take_last(q, &sp);
        } else if (v > 0 && d->tok[v - 1].sentence + 1 == s &&
                   !d->tok[v].newline_before &&
                   (first_per = first_person_of(d, v - 1)) >= 0) {
            /* ... دعا النائب X إلى الحوار. مشيرا إلى أن: a participle
             * opening a sentence goes on from the one before */
            said_by(d, &sp, fullest(d, first_per), first_per);
        }
    } else if (sp.end <= sp.start && sp.ent < 0) {
        if (!subject_before(q, v, &sp)) {
            /* يذكر أن، تفيد بأن: present tense with no subject is
             * impersonal or has a subject that is no speaker */
            const char *w = strip_conj(&d->tok[v], &(size_t){0});
            if (found == 1 &&
                (strncmp(w, "ي", 2) == 0 || strncmp(w, "ت", 2) == 0)) {
                if (strcmp(w, "تابع") != 0 && strcmp(w, "تابعت") != 0)
                    return v;
            }
            resolve_pronoun(q, v, mid_clause(d, v), &sp);
        }
    }

    if (found == 1 || found == 2) {
        size_t k = j + 1, part = 0, last;
        /* قال: إن ...: the words after إن */
        if (found == 2 && k + 1 < d->n && is_comp(d, k) &&
            d->tok[k + 1].sentence == d->tok[k].sentence) {
            j = k;
            k++;
        }
        /* skip to the words; a quote mark right there makes it direct */
        /* أنه قال: «...»: the words are those of the marks after */
        if (found == 1 && k + 2 < d->n &&
            word_class(&q->sc, &d->tok[k]) == W_VERB &&
            is_colon(&d->tok[k + 1]) && opens(d, k + 2))
            found = 3, j = k + 2;
        else if (found == 2 && k < d->n && opens(d, k))
            found = 3, j = k;
        else if (found == 1 && k < d->n && opens(d, k) &&
                 d->tok[k].sentence == d->tok[j].sentence) {
            size_t c;
            if (find_close(d, k, &c) && words_between(d, k, c) >= 3) {
                /* إن "..." : direct when the quote ends the clause */
                size_t after_c = c + 1;
                if (after_c >= d->n || d->tok[after_c].newline_before ||
                    d->tok[after_c].type == MARSAD_TOKEN_PUNCT ||
                    d->tok[after_c].sentence != d->tok[c].sentence)
                    found = 3, j = k;
            }
        }
        if (found != 3) {
            if (k >= d->n ||
                (found == 1 && (d->tok[k].sentence != d->tok[j].sentence ||
                                              d->tok[k].newline_before)))
                return v;
            last = clause_end(q, k, &part);
            last = trim_back(d, k, last);
            if (last == SIZE_MAX || last < k)
                return v;
            *rc = put_quote(q, d->tok[v].start, d->tok[last].end,
                            d->tok[k].start, d->tok[last].end, 0, &sp, ms, me,
                            s, d->tok[last].sentence);
            return part ? part : last + 1;
        }
    }
    /* direct: the words inside the marks */
    {
        size_t c, last;
        int closed = find_close(d, j, &c);
        if (closed) {
            if (c <= j + 1)
                return v;
            *rc = put_quote(q, d->tok[v].start, d->tok[c].end,
                            d->tok[j + 1].start, d->tok[c - 1].end,
                            MARSAD_QUOTE_DIRECT, &sp, ms, me, s,
                            d->tok[c].sentence);
            return c + 1;
        }
        last = trim_back(d, j + 1, c);
        if (last == SIZE_MAX || last <= j)
            return v;
        *rc = put_quote(q, d->tok[v].start, d->tok[last].end,
                        d->tok[j + 1].start, d->tok[last].end,
                        MARSAD_QUOTE_DIRECT, &sp, ms, me, s,
                        d->tok[last].sentence);
        return last + 1;
    }
}

/*
 * The source named after an attribution word at token a (بحسب وكالة
 * رويترز، وفقا لما ذكرته صحيفة X، نقلا عن مصادر): sets *sp and returns
 * the token after it, or a when no source is named.
 */
static size_t read_source(qstate *q, size_t a, speaker *sp)
{
    const mf_doc *d = q->d;
    size_t j = a + 1, s = d->tok[a].sentence, first;
    const mf_tok *t = &d->tok[a];
    const char *bare = strip_conj(t, &(size_t){0});
    int source_word = 0;

    sp->ent = -1;
    sp->start = sp->end = 0;
    sp->pronoun = 0;
    sp->body = 0;
    /* على حد تعبير / قول */
    if (strcmp(t->norm, "علي") == 0 || strcmp(t->norm, "وعلي") == 0) {
        if (j + 1 >= d->n || strcmp(d->tok[j].norm, "حد") != 0 ||
            (strcmp(d->tok[j + 1].base, "تعبير") != 0 &&
             strcmp(d->tok[j + 1].base, "قول") != 0))
            return a;
        if (d->tok[j + 1].enclitic) {
            /* على حد تعبيره: the speaker named before */
            resolve_pronoun(q, a, 0, sp);
            return j + 2;
        }
        j += 2;
    } else if (strcmp(bare, "نقلا") == 0) {
        if (j >= d->n || strcmp(d->tok[j].norm, "عن") != 0)
            return a;
        j++;
    }
    if (j >= d->n || d->tok[j].sentence != s)
        return a;
    /* وفقا لما ذكرته / حسب ما أعلنت / حسبما أفادت: skip to the verb's
     * subject */
    if (strcmp(bare, "حسبما") == 0 || strcmp(bare, "بحسبما") == 0) {
        if (d->tok[j].type != MARSAD_TOKEN_ARABIC)
            return a;
        j++;
        source_word = 1;
    } else if (strcmp(d->tok[j].norm, "ما") == 0 ||
               strcmp(d->tok[j].norm, "لما") == 0) {
        if (j + 1 < d->n && d->tok[j + 1].sentence == s &&
            d->tok[j + 1].type == MARSAD_TOKEN_ARABIC)
            j += 2;
        else
            return a;
        source_word = 1;
    }
    if (j >= d->n || d->tok[j].sentence != s)
        return a;
    first = j;
    {
        /* the source is read like a verb's subject; a medium's name
         * may follow its kind (وكالة رويترز) */
        size_t lim = first + NP_MAX + 2, after;
        const mf_tok *u = &d->tok[first];
        if (lim > d->n)
            lim = d->n;
        if (source_noun(u))
            source_word = 1;
        if (in_list(u->norm, unnamed) || in_list(u->base, unnamed))
            source_word = 1;
        after = read_subject(q, first - 1, lim, sp);
        sp->pronoun = 0;
        if (sp->ent < 0 && source_word && !in_list(u->norm, unnamed) &&
            first + 1 < d->n && d->tok[first + 1].sentence == s) {
            long e = ent_starting(d, first + 1);
            const mf_tok *x = &d->tok[first + 1];
            /* مواقع سورية، مصادر عراقية: an adjective, not a place */
            if (e >= 0 && d->ents[e].end <= x->end && nisba_like(x) &&
                strncmp(x->norm, "ال", 4) != 0)
                e = -1;
            if (e >= 0 && d->ents[e].type != MARSAD_ENTITY_MISC &&
                d->ents[e].type != MARSAD_ENTITY_PER) {
                said_by(d, sp, e, e);
                after = tok_at(d, first + 1, d->ents[e].end - 1) + 1;
            } else if (opens(d, first + 1)) {
                /* وفقا لبيانات "كيهول": the name in marks */
                size_t c;
                if (find_close(d, first + 1, &c) && c > first + 2 &&
                    words_between(d, first + 1, c) <= 3) {
                    e = ent_starting(d, first + 2);
                    if (e >= 0 && d->ents[e].type != MARSAD_ENTITY_PER &&
                        d->ents[e].end == d->tok[c - 1].end)
                        said_by(d, sp, e, e);
                    else
                        named_body(sp, d->tok[first + 2].start,
                                   d->tok[c - 1].end);
                    after = c + 1;
                }
            }
        }
        if (sp->ent < 0 && (!source_word || sp->end <= sp->start))
            return a;
        return after > first ? after : first + 1;
    }
}

/* An attribution at token a; returns the token to go on from. */
static size_t at_attrib(qstate *q, size_t a, int *rc)
{
    const mf_doc *d = q->d;
    size_t s = d->tok[a].sentence, after, first, k, last, part = 0;
    speaker sp;
    const char *w;
    size_t wn;

    w = strip_conj(&d->tok[a], &wn);
    /* وفقا / طبقا need ل: وفقا لـ, وفقا للوكالة */
    if ((strcmp(w, "وفقا") == 0 || strcmp(w, "طبقا") == 0 ||
         strcmp(w, "وفق") == 0) && a + 1 < d->n) {
        const mf_tok *u = &d->tok[a + 1];
        if (!(u->pro & MF_PRO_L) && strcmp(u->norm, "ل") != 0 &&
            strcmp(u->norm, "لما") != 0 && strcmp(w, "وفق") != 0)
            return a;
        if (strcmp(u->norm, "ل") == 0)
            a++; /* the bare لـ */
    }
    q->cur_gender = -1;
    after = read_source(q, a, &sp);
    if (after == a || (sp.ent < 0 && sp.end <= sp.start && !sp.pronoun))
        return a;
    /* the first token of the sentence */
    first = a;
    while (first > 0 && d->tok[first - 1].sentence == s &&
           !d->tok[first].newline_before)
        first--;
    /* opening the sentence (maybe after و or a comma): the words follow */
    {
        size_t lead = a - first;
        if (lead <= 1 || (lead == 2 && is_comma(&d->tok[a - 1]))) {
            k = after;
            while (k < d->n && d->tok[k].sentence == s &&
                   (is_comma(&d->tok[k]) || strcmp(d->tok[k].base, "ان") == 0 ||
                    strcmp(d->tok[k].norm, "فان") == 0))
                k++;
            if (k >= d->n || d->tok[k].sentence != s ||
                d->tok[k].newline_before)
                return after;
            last = clause_end(q, k, &part);
            last = trim_back(d, k, last);
            if (last == SIZE_MAX || last < k)
                return after;
            *rc = put_quote(q, d->tok[a].start, d->tok[last].end,
                            d->tok[k].start, d->tok[last].end, 0, &sp, 0, 0,
                            s, d->tok[last].sentence);
            return part ? part : last + 1;
        }
    }
    /* after the words: they run from the sentence start */
    last = trim_back(d, first, a - 1);
    if (last == SIZE_MAX || last < first)
        return after;
    /* a quote just put already holds them */
    if (q->have_last && q->last_end > d->tok[first].start)
        return after;
    *rc = put_quote(q, d->tok[first].start, d->tok[after - 1].end,
                    d->tok[first].start, d->tok[last].end, 0, &sp, 0, 0, s,
                    s);
    return after;
}

/*
 * The speaker of words in quote marks opening at token i that are too far
 * from their verb for the verb's window: a reporting verb earlier in the
 * same sentence with a named subject and nothing between that reports
 * something else (وقال X وهو أحد ... الذي ... «...»), or a name right
 * before the marks after عن (ونقلت الوكالة عن X «...»).  Sets *sp and
 * returns 1, or returns 0.
 */
static int far_speaker(qstate *q, size_t i, speaker *sp)
{
    const mf_doc *d = q->d;
    size_t s = d->tok[i].sentence;
    if (i >= 2 && ends_mention(d, i - 1)) {
        size_t k = ent_from(d, d->tok[i - 1].start);
        if (ent_ok(d, k) && d->ents[k].type == MARSAD_ENTITY_PER) {
            size_t f = tok_find(d, d->ents[k].start);
            if (f > 0 && d->tok[f - 1].sentence == s &&
                strcmp(d->tok[f - 1].norm, "عن") == 0) {
                said_by(d, sp, fullest(d, (long)k), (long)k);
                sp->pronoun = 0;
                return 1;
            }
        }
    }
    for (size_t k = i; k > 0 && i - k < 60; k--) {
        const mf_tok *t = &d->tok[k - 1];
        size_t lim;
        if (t->sentence != s || (q->have_last && t->start < q->last_end) ||
            is_comp(d, k - 1) || is_colon(t) || mark_kind(t) != Q_NONE)
            return 0;
        if (word_class(&q->sc, t) != W_VERB)
            continue;
        lim = k + NP_MAX < i ? k + NP_MAX : i;
        read_subject(q, k - 1, lim, sp);
        if (sp->ent >= 0 && !sp->pronoun &&
            d->ents[sp->ent].type == MARSAD_ENTITY_PER)
            return 1;
        break;
    }
    sp->ent = -1;
    sp->start = sp->end = 0;
    sp->pronoun = 0;
    sp->body = 0;
    return 0;
}

/*
 * The subject of the sentence that holds the quote marks at token i, when
 * a person or organization is named in a subject's place (among the first
 * words of the sentence, not after a preposition) before the marks: the
 * quoted words are its own (طالب السيسي البعثة ببذل الجهد "لإسعاد
 * الشعب"). Sets *sp and returns 1, or returns 0.
 */
static int sentence_subject(qstate *q, size_t i, speaker *sp)
{
    const mf_doc *d = q->d;
    size_t s = d->tok[i].sentence;
    for (size_t k = ent_from(d, d->tok[i].start); k > 0; k--) {
        const marsad_entity *e = &d->ents[k - 1];
        size_t t;
        if (!ent_ok(d, k - 1) || e->end > d->tok[i].start)
            continue;
        t = tok_find(d, e->start);
        if (d->tok[t].sentence != s)
            break;
        if ((e->type != MARSAD_ENTITY_PER && e->type != MARSAD_ENTITY_ORG) ||
            after_prep(d, (long)(k - 1)) ||
            !opens_sentence(d, (long)(k - 1), s))
            continue;
        said_by(d, sp,
                e->type == MARSAD_ENTITY_PER ? fullest(d, (long)(k - 1))
                                             : (long)(k - 1),
                (long)(k - 1));
        return 1;
    }
    return 0;
}

/* The quote mark at token i opens its sentence or its line: nothing but
 * punctuation stands before it. */
static int marks_open(const mf_doc *d, size_t i)
{
    size_t s = d->tok[i].sentence;
    for (size_t k = i; k > 0 && !d->tok[k].newline_before; k--) {
        const mf_tok *t = &d->tok[k - 1];
        if (t->sentence != s)
            break;
        if (t->type != MARSAD_TOKEN_PUNCT)
            return 0;
    }
    return 1;
}

/* A verb of saying stands before token i in its sentence (وختمت
 * المصادر لـ «الرائد»: «...»): the words in marks there are speech even
 * when no speaker is found. */
static int said_in_sentence(const qstate *q, size_t i)
{
    const mf_doc *d = q->d;
    size_t s = d->tok[i].sentence;
    for (size_t k = i; k > 0 && d->tok[k - 1].sentence == s; k--) {
        int cls = word_class(&q->sc, &d->tok[k - 1]);
        if (cls == W_VERB || cls == W_PART)
            return 1;
    }
    return 0;
}

/*
 * Words in quote marks at token i that no verb before introduced.
 * Returns the token to go on from.
 */
static size_t at_mark(qstate *q, size_t i, int *rc)
{
    const mf_doc *d = q->d;
    size_t c, w, k;
    speaker sp;
    int closed = find_close(d, i, &c);

    if (!closed)
        return i + 1; /* an unclosed mark alone says nothing */
    w = words_between(d, i, c);
    if (w == 0)
        return c + 1;
    /* «...»، قال X / «...»، بحسب X */
    k = c + 1;
    while (k < d->n && !d->tok[k].newline_before &&
           (is_comma(&d->tok[k]) || punct_is(&d->tok[k], "-")))
        k++;
    if (k < d->n && !d->tok[k].newline_before && k <= c + 2 && w >= 3 &&
        !(d->tok[k].pro & (MF_PRO_W | MF_PRO_F)) &&
        strip_conj(&d->tok[k], &(size_t){0}) == d->tok[k].norm) {
        int cls = word_class(&q->sc, &d->tok[k]);
        if (cls == W_VERB || cls == W_PART) {
            size_t lim = k + 1 + NP_MAX, after;
            q->cur_gender = verb_gender(&d->tok[k]);
            if (lim > d->n)
                lim = d->n;
            after = cls == W_VERB ? read_subject(q, k, lim, &sp) : k + 1;
            if (cls == W_PART || (sp.ent < 0 && sp.end <= sp.start))
                resolve_pronoun(q, k, 0, &sp);
            *rc = put_quote(q, d->tok[i].start,
                            d->tok[after > k + 1 ? after - 1 : k].end,
                            d->tok[i + 1].start, d->tok[c - 1].end,
                            MARSAD_QUOTE_DIRECT, &sp, 0, 0,
                            d->tok[i].sentence, d->tok[k].sentence);
            return after > k + 1 ? after : k + 1;
        }
        if (cls == W_ATTR) {
            size_t after;
            q->cur_gender = -1;
            after = read_source(q, k, &sp);
            if (after > k && (sp.ent >= 0 || sp.end > sp.start)) {
                *rc = put_quote(q, d->tok[i].start, d->tok[after - 1].end,
                                d->tok[i + 1].start, d->tok[c - 1].end,
                                MARSAD_QUOTE_DIRECT, &sp, 0, 0,
                                d->tok[i].sentence, d->tok[k].sentence);
                return after;
            }
        }
    }
    /* a long passage: speech, from the speaker just quoted if it goes on
     * from there, else from someone unknown */
    if (w >= 5) {
        size_t s = d->tok[i].sentence;
        sp.ent = -1;
        sp.start = sp.end = 0;
        sp.pronoun = 0;
        sp.body = 0;
        if (far_speaker(q, i, &sp)) {
            /* named in the sentence before the marks */
        } else if (sentence_subject(q, i, &sp)) {
            /* طالب السيسي البعثة ببذل الجهد "...": its own words */
        } else if (last_known(q) && q->last_sentence + 1 >= s &&
                   marks_open(d, i)) {
            take_last(q, &sp);
            sp.pronoun = 1;
        } else if (!said_in_sentence(q, i)) {
            return c + 1; /* no one says it: a title, a slogan, a term */
        }
        qstate keep = *q;
        q->cur_gender = q->last_gender;
        *rc = put_quote(q, d->tok[i].start, d->tok[c].end, d->tok[i + 1].start,
                        d->tok[c - 1].end, MARSAD_QUOTE_DIRECT, &sp, 0, 0, s,
                        d->tok[c].sentence);
        if (sp.ent < 0)
            *q = keep; /* no one to refer back to */
    }
    return c + 1;
}

/* بين / بينت at token i is the verb "made clear" after the phrase that
 * hands a report to the next speaker (من جانبه بين X أن، من جهتها بينت);
 * elsewhere بين is "between". */
static int bayyana(const mf_doc *d, size_t i)
{
    static const char *const sides[] = {
        "جانبه", "جانبها", "جانبهم", "جهته", "جهتها", "جهتهم", NULL
    };
    size_t k = i;
    if (strcmp(d->tok[i].norm, "بين") != 0 &&
        strcmp(d->tok[i].norm, "بينت") != 0)
        return 0;
    if (k > 0 && is_comma(&d->tok[k - 1]))
        k--;
    return k >= 2 && d->tok[k - 1].sentence == d->tok[i].sentence &&
           in_list(d->tok[k - 1].norm, sides) &&
           strcmp(d->tok[k - 2].norm, "من") == 0;
}

int mf_quotes(const mf_doc *d, mf_sink *out)
{
    qstate q;
    mf_doc dl;
    size_t i = 0;
    int rc = 0;

    if (!d || !out || !d->tok || d->n == 0)
        return 0;
    memset(&q, 0, sizeof q);
    q.out = out;
    q.last_speaker = -1;
    q.last_gender = q.cur_gender = -1;
    {
        static const char *const ala[] = {"علي", NULL};
        screen_add(&q.sc, verbs, W_VERB);
        screen_add(&q.sc, participles, W_PART);
        screen_add(&q.sc, attribs, W_ATTR);
        screen_add(&q.sc, ala, W_HADD);
        screen_add(&q.sc, np_stop, W_STOP);
    }
    /* the searches need mentions in order; others are not trusted */
    dl = *d;
    if (!dl.ents)
        dl.nents = 0;
    for (size_t k = 1; k < dl.nents; k++)
        if (dl.ents[k].start < dl.ents[k - 1].start ||
            dl.ents[k].end < dl.ents[k - 1].end) {
            dl.nents = 0;
            break;
        }
    q.d = d = &dl;
    while (i < d->n && !rc) {
        const mf_tok *t = &d->tok[i];
        size_t next = i + 1;
        if (t->type == MARSAD_TOKEN_PUNCT) {
            if (opens(d, i))
                next = at_mark(&q, i, &rc);
        } else if (t->type == MARSAD_TOKEN_ARABIC) {
            int cls = word_class(&q.sc, t);
            if (cls == W_NONE && bayyana(d, i))
                cls = W_VERB;
            if (cls == W_VERB || cls == W_PART) {
                size_t k = at_verb(&q, i, cls, &rc);
                if (k > i)
                    next = k;
            } else if (cls == W_ATTR || cls == W_HADD) {
                size_t k = at_attrib(&q, i, &rc);
                if (k > i)
                    next = k;
            }
        }
        i = next > i ? next : i + 1;
    }
    return rc;
}
