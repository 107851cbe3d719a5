/*
 * numbers.c - numbers and quantities in running text.
 *
 * Walks the token view once.  A number is read from digits (ASCII or
 * Arabic-Indic, with group and decimal marks), a percent token, or number
 * words: cardinals of any gender and case with their clitics, compounds
 * (ثلاثة وعشرون ألفا, ألف وخمسمئة), scale words after digits (2.5 مليون)
 * and digits written in parts (21 مليونا و835 ألفا و387),
 * fractions, ordinals and vague quantities (عشرات الآلاف).  Around it the
 * finder takes the approximation and bound words before it, a range
 * (بين 10 و20, من 10 إلى 20, 10-20), a percent sign or words, and the
 * noun it counts.  Numbers that name rather than count (رقم 5, القرار
 * 2254), times of day, years and the ordinals of month names are left out;
 * the date finder claims the years and days.
 *
 * Word lists are matched on the search-normalized forms (أ/إ/آ → ا,
 * ى → ي, ة → ه).  Number words are looked up in a hash of a table kept
 * in byte order; a token is only looked up when it is a short enough
 * Arabic word, and a context word list is only read next to a number.
 */
#ifndef __STDC_NO_ATOMICS__
#include <stdatomic.h>
#endif
#include <stdint.h>
#include <string.h>

#include "facts_internal.h"

/* v is a whole number (of a size an integer holds exactly). */
static int whole(double v)
{
    return v > -1e15 && v < 1e15 && v == (double)(long long)v;
}

/* ------------------------------------------------------------ lexicon */

enum {
    W_ONE = 1, /* 1..9: ثلاث, ثلاثة, واحد, اثنين */
    W_TEN,     /* عشر, عشرة: ten, or the ten of a teen */
    W_ONEOF,   /* أحد, إحدى: a number only in أحد عشر */
    W_TENS,    /* عشرون .. تسعين; with ال an ordinal */
    W_HUND,    /* مئة, مئتان, ثلاثمئة */
    W_SCALE,   /* ألف, مليون, مليار, تريليون */
    W_SCALEPL, /* آلاف, ملايين, مليارات */
    W_DUAL,    /* ألفين, مليونين: twice the scale */
    W_FRAC,    /* نصف, ربع, ثلث, ثلثي */
    W_FRACPL,  /* أرباع: the denominator of ثلاثة أرباع */
    W_VAGUE,   /* عشرات, مئات */
    W_ORD      /* الأول, الثالثة, رابع */
};

#define S_ACC 1u       /* ألفا, مليونا: accusative, or a dual before a noun */
#define S_CONSTRUCT 2u /* ألفي, مليوني: a dual only before a noun */
#define S_NEEDS 4u     /* الحادي: an ordinal only with عشر or و + tens */
#define S_BARE 8u      /* an ordinal without ال */

typedef struct lexent {
    const char *w;
    unsigned char type;
    unsigned char sub;
    double v;
} lexent;

/* Kept in byte order (strcmp) for the binary search. */
static const lexent LEX[] = {
    {"اثلاث", W_FRACPL, 0, 3.0},
    {"اثنا", W_ONE, 0, 2.0},
    {"اثنان", W_ONE, 0, 2.0},
    {"اثنتا", W_ONE, 0, 2.0},
    {"اثنتان", W_ONE, 0, 2.0},
    {"اثنتي", W_ONE, 0, 2.0},
    {"اثنتين", W_ONE, 0, 2.0},
    {"اثني", W_ONE, 0, 2.0},
    {"اثنين", W_ONE, 0, 2.0},
    {"احد", W_ONEOF, 0, 1.0},
    {"احدي", W_ONEOF, 0, 1.0},
    {"اخماس", W_FRACPL, 0, 5.0},
    {"ارباع", W_FRACPL, 0, 4.0},
    {"اربع", W_ONE, 0, 4.0},
    {"اربعمئه", W_HUND, 0, 400.0},
    {"اربعمائه", W_HUND, 0, 400.0},
    {"اربعه", W_ONE, 0, 4.0},
    {"اربعون", W_TENS, 0, 40.0},
    {"اربعين", W_TENS, 0, 40.0},
    {"اعشار", W_FRACPL, 0, 10.0},
    {"الاف", W_SCALEPL, 0, 1000.0},
    {"الاول", W_ORD, 0, 1.0},
    {"الاولي", W_ORD, 0, 1.0},
    {"التاسع", W_ORD, 0, 9.0},
    {"التاسعه", W_ORD, 0, 9.0},
    {"الثالث", W_ORD, 0, 3.0},
    {"الثالثه", W_ORD, 0, 3.0},
    {"الثامن", W_ORD, 0, 8.0},
    {"الثامنه", W_ORD, 0, 8.0},
    {"الثاني", W_ORD, 0, 2.0},
    {"الثانيه", W_ORD, 0, 2.0},
    {"الحادي", W_ORD, S_NEEDS, 1.0},
    {"الحاديه", W_ORD, S_NEEDS, 1.0},
    {"الخامس", W_ORD, 0, 5.0},
    {"الخامسه", W_ORD, 0, 5.0},
    {"الرابع", W_ORD, 0, 4.0},
    {"الرابعه", W_ORD, 0, 4.0},
    {"السابع", W_ORD, 0, 7.0},
    {"السابعه", W_ORD, 0, 7.0},
    {"السادس", W_ORD, 0, 6.0},
    {"السادسه", W_ORD, 0, 6.0},
    {"العاشر", W_ORD, 0, 10.0},
    {"العاشره", W_ORD, 0, 10.0},
    {"الف", W_SCALE, 0, 1000.0},
    {"الفا", W_SCALE, S_ACC, 1000.0},
    {"الفان", W_DUAL, 0, 1000.0},
    {"الفي", W_DUAL, S_CONSTRUCT, 1000.0},
    {"الفين", W_DUAL, 0, 1000.0},
    {"الوف", W_SCALEPL, 0, 1000.0},
    {"اول", W_ORD, S_BARE, 1.0},
    {"اولي", W_ORD, S_BARE, 1.0},
    {"بلايين", W_SCALEPL, 0, 1000000000.0},
    {"بليون", W_SCALE, 0, 1000000000.0},
    {"بليونا", W_SCALE, S_ACC, 1000000000.0},
    {"تاسع", W_ORD, S_BARE, 9.0},
    {"تاسعه", W_ORD, S_BARE, 9.0},
    {"تريليون", W_SCALE, 0, 1000000000000.0},
    {"تريليونا", W_SCALE, S_ACC, 1000000000000.0},
    {"تريليونات", W_SCALEPL, 0, 1000000000000.0},
    {"تريليونان", W_DUAL, 0, 1000000000000.0},
    {"تريليونين", W_DUAL, 0, 1000000000000.0},
    {"تسع", W_ONE, 0, 9.0},
    {"تسعمئه", W_HUND, 0, 900.0},
    {"تسعمائه", W_HUND, 0, 900.0},
    {"تسعه", W_ONE, 0, 9.0},
    {"تسعون", W_TENS, 0, 90.0},
    {"تسعين", W_TENS, 0, 90.0},
    {"ثالث", W_ORD, S_BARE, 3.0},
    {"ثالثه", W_ORD, S_BARE, 3.0},
    {"ثامن", W_ORD, S_BARE, 8.0},
    {"ثامنه", W_ORD, S_BARE, 8.0},
    {"ثان", W_ORD, S_BARE, 2.0},
    {"ثاني", W_ORD, S_BARE, 2.0},
    {"ثلاث", W_ONE, 0, 3.0},
    {"ثلاثمئه", W_HUND, 0, 300.0},
    {"ثلاثمائه", W_HUND, 0, 300.0},
    {"ثلاثه", W_ONE, 0, 3.0},
    {"ثلاثون", W_TENS, 0, 30.0},
    {"ثلاثين", W_TENS, 0, 30.0},
    {"ثلث", W_FRAC, 0, 1.0 / 3},
    {"ثلثا", W_FRAC, 0, 2.0 / 3},
    {"ثلثي", W_FRAC, 0, 2.0 / 3},
    {"ثمان", W_ONE, 0, 8.0},
    {"ثمانمئه", W_HUND, 0, 800.0},
    {"ثمانمائه", W_HUND, 0, 800.0},
    {"ثمانون", W_TENS, 0, 80.0},
    {"ثماني", W_ONE, 0, 8.0},
    {"ثمانيمئه", W_HUND, 0, 800.0},
    {"ثمانيمائه", W_HUND, 0, 800.0},
    {"ثمانين", W_TENS, 0, 80.0},
    {"ثمانيه", W_ONE, 0, 8.0},
    {"حادي", W_ORD, S_NEEDS|S_BARE, 1.0},
    {"حاديه", W_ORD, S_NEEDS|S_BARE, 1.0},
    {"خامس", W_ORD, S_BARE, 5.0},
    {"خامسه", W_ORD, S_BARE, 5.0},
    {"خمس", W_ONE, 0, 5.0},
    {"خمسمئه", W_HUND, 0, 500.0},
    {"خمسمائه", W_HUND, 0, 500.0},
    {"خمسه", W_ONE, 0, 5.0},
    {"خمسون", W_TENS, 0, 50.0},
    {"خمسين", W_TENS, 0, 50.0},
    {"رابع", W_ORD, S_BARE, 4.0},
    {"ربع", W_FRAC, 0, 0.25},
    {"سابع", W_ORD, S_BARE, 7.0},
    {"سابعه", W_ORD, S_BARE, 7.0},
    {"سادس", W_ORD, S_BARE, 6.0},
    {"سادسه", W_ORD, S_BARE, 6.0},
    {"سبع", W_ONE, 0, 7.0},
    {"سبعمئه", W_HUND, 0, 700.0},
    {"سبعمائه", W_HUND, 0, 700.0},
    {"سبعه", W_ONE, 0, 7.0},
    {"سبعون", W_TENS, 0, 70.0},
    {"سبعين", W_TENS, 0, 70.0},
    {"ست", W_ONE, 0, 6.0},
    {"ستمئه", W_HUND, 0, 600.0},
    {"ستمائه", W_HUND, 0, 600.0},
    {"سته", W_ONE, 0, 6.0},
    {"ستون", W_TENS, 0, 60.0},
    {"ستين", W_TENS, 0, 60.0},
    {"عاشر", W_ORD, S_BARE, 10.0},
    {"عاشره", W_ORD, S_BARE, 10.0},
    {"عشر", W_TEN, 0, 10.0},
    {"عشرات", W_VAGUE, 0, 10.0},
    {"عشره", W_TEN, 0, 10.0},
    {"عشرون", W_TENS, 0, 20.0},
    {"عشرين", W_TENS, 0, 20.0},
    {"مئات", W_VAGUE, 0, 100.0},
    {"مئتا", W_HUND, 0, 200.0},
    {"مئتان", W_HUND, 0, 200.0},
    {"مئتي", W_HUND, 0, 200.0},
    {"مئتين", W_HUND, 0, 200.0},
    {"مئه", W_HUND, 0, 100.0},
    {"مائتا", W_HUND, 0, 200.0},
    {"مائتان", W_HUND, 0, 200.0},
    {"مائتي", W_HUND, 0, 200.0},
    {"مائتين", W_HUND, 0, 200.0},
    {"مائه", W_HUND, 0, 100.0},
    {"ملايين", W_SCALEPL, 0, 1000000.0},
    {"مليار", W_SCALE, 0, 1000000000.0},
    {"مليارا", W_SCALE, S_ACC, 1000000000.0},
    {"مليارات", W_SCALEPL, 0, 1000000000.0},
    {"ملياران", W_DUAL, 0, 1000000000.0},
    {"ملياري", W_DUAL, S_CONSTRUCT, 1000000000.0},
    {"مليارين", W_DUAL, 0, 1000000000.0},
    {"مليون", W_SCALE, 0, 1000000.0},
    {"مليونا", W_SCALE, S_ACC, 1000000.0},
    {"مليونان", W_DUAL, 0, 1000000.0},
    {"مليوني", W_DUAL, S_CONSTRUCT, 1000000.0},
    {"مليونين", W_DUAL, 0, 1000000.0},
    {"نصف", W_FRAC, 0, 0.5},
    {"واحد", W_ONE, 0, 1.0},
    {"واحدا", W_ONE, 0, 1.0},
    {"واحده", W_ONE, 0, 1.0},
};

#define NLEX (sizeof LEX / sizeof LEX[0])
#define LEX_MAXBYTES 18 /* the longest word, تريليونات */

/* Binary search of the table, for lookups before the hash is built. */
static const lexent *lex_search(const char *s)
{
    size_t lo = 0, hi = NLEX;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s, LEX[mid].w);
        if (c == 0)
            return &LEX[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/*
 * A hash of the table, built once on first use: FNV-1a over the bytes of
 * a word taken from its end, so that one pass over a token gives the hash
 * of every suffix (the word without its proclitics).  The first caller to
 * claim the build fills the slots and then publishes them with a release
 * store; any caller that does not see them published uses the binary
 * search, so threads never wait and never read a half-built table.
 */
#define LEX_HBITS 10
#define LEX_HSIZE (1u << LEX_HBITS)

static uint32_t lex_hash[LEX_HSIZE];
static uint16_t lex_slot[LEX_HSIZE]; /* 1 + index into LEX; 0 empty */
/* the last two letters of the words, a bit per pair of letter codes */
static uint8_t lex_tail[128 * 128 / 8];
#ifndef __STDC_NO_ATOMICS__
static atomic_int lex_state; /* 0 unbuilt, 1 building, 2 ready */
#endif

#define FNV_INIT 0x811C9DC5u
#define FNV_STEP(h, c) (((h) ^ (unsigned char)(c)) * 0x01000193u)

/* A code in 0..127 of the Arabic letter whose UTF-8 is at s (U+0600 ..
 * U+067F); -1 for other bytes. */
static int letter_code(const char *s)
{
    unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];
    if ((a != 0xD8 && a != 0xD9) || (b & 0xC0) != 0x80)
        return -1;
    return (int)(((a & 1u) << 6) | (b & 0x3Fu));
}

/* The bit of the last two letters of s[0..n), or -1. */
static int tail_bit(const char *s, size_t n)
{
    int a, b;
    if (n < 4)
        return -1;
    a = letter_code(s + n - 4);
    b = letter_code(s + n - 2);
    if (a < 0 || b < 0)
        return -1;
    return a * 128 + b;
}

static uint32_t hash_back(const char *s, size_t n)
{
    uint32_t h = FNV_INIT;
    while (n > 0)
        h = FNV_STEP(h, s[--n]);
    return h;
}

static int lex_ready(void)
{
#ifndef __STDC_NO_ATOMICS__
    int st = atomic_load_explicit(&lex_state, memory_order_acquire);
    if (st == 2)
        return 1;
    if (st == 0 && atomic_compare_exchange_strong(&lex_state, &st, 1)) {
        for (size_t k = 0; k < NLEX; k++) {
            uint32_t h = hash_back(LEX[k].w, strlen(LEX[k].w));
            uint32_t i = h & (LEX_HSIZE - 1);
            while (lex_slot[i])
                i = (i + 1) & (LEX_HSIZE - 1);
            lex_hash[i] = h;
            lex_slot[i] = (uint16_t)(k + 1);
            i = (uint32_t)tail_bit(LEX[k].w, strlen(LEX[k].w));
            lex_tail[i / 8] |= (uint8_t)(1u << (i % 8));
        }
        atomic_store_explicit(&lex_state, 2, memory_order_release);
        return 1;
    }
#endif
    return 0;
}

/* The entry for the NUL-terminated word s whose hash_back is h. */
static const lexent *lex_find(const char *s, uint32_t h, int ready)
{
    if (!ready)
        return lex_search(s);
    for (uint32_t i = h & (LEX_HSIZE - 1); lex_slot[i];
         i = (i + 1) & (LEX_HSIZE - 1))
        if (lex_hash[i] == h && strcmp(LEX[lex_slot[i] - 1].w, s) == 0)
            return &LEX[lex_slot[i] - 1];
    return NULL;
}

/* ------------------------------------------------------------ words */

/* UTF-8 of the letters tested byte-wise below. */
#define AR_ALEF "\xD8\xA7"
#define AR_LAM "\xD9\x84"
#define AR_WAW "\xD9\x88"

/* The proclitic letter at s (2 bytes), as MF_PRO_* bits; 0 if none. */
static unsigned pro_letter(const char *s)
{
    unsigned char a = (unsigned char)s[0], b;
    if (a != 0xD8 && a != 0xD9)
        return 0;
    b = (unsigned char)s[1];
    if (a == 0xD9 && b == 0x88)
        return MF_PRO_W;
    if (a == 0xD9 && b == 0x81)
        return MF_PRO_F;
    if (a == 0xD8 && b == 0xA8)
        return MF_PRO_B;
    if (a == 0xD9 && b == 0x84)
        return MF_PRO_L;
    if (a == 0xD9 && b == 0x83)
        return MF_PRO_K;
    return 0;
}

static int starts_al(const char *s)
{
    return memcmp(s, AR_ALEF AR_LAM, 4) == 0;
}

/* A number word, as read off one token. */
typedef struct word {
    const lexent *e;
    int def;       /* written with ال */
    unsigned pro;  /* proclitic letters stripped */
    int conj;      /* the first of them is و */
} word;

/*
 * Reads token j as a number word: the whole normalized form, or with ال
 * or up to two proclitic letters (و, ف, ب, ل, ك; لل for ل + ال) taken
 * off.  0 if it is none.
 */
static int word_at(const mf_doc *d, size_t j, word *w)
{
    const mf_tok *t = &d->tok[j];
    const char *s0 = t->norm, *s = s0;
    size_t len = t->nnorm;
    unsigned first = 0;
    uint32_t hs[6]; /* hash_back of the suffixes at 0, 2, .. 10 bytes */
    uint32_t h = FNV_INIT;
    int ready;

    /* cheap screen: an Arabic word no longer than a number word with two
     * proclitics and ال */
    if (t->type != MARSAD_TOKEN_ARABIC || len < 4 ||
        len > LEX_MAXBYTES + 8 ||
        ((unsigned char)s[0] != 0xD8 && (unsigned char)s[0] != 0xD9))
        return 0;
    ready = lex_ready();
    if (ready) {
        /* no number word ends in these two letters */
        int tb = tail_bit(s0, len);
        if (tb < 0 || !(lex_tail[tb / 8] & (1u << (tb % 8))))
            return 0;
    }
    for (size_t k = len; k > 0; k--) {
        h = FNV_STEP(h, s0[k - 1]);
        if (k - 1 <= 10 && !((k - 1) & 1))
            hs[(k - 1) / 2] = h;
    }
    w->e = NULL;
    w->pro = 0;
    w->def = 0;
    for (int k = 0; k < 3; k++) {
        unsigned p;
        size_t off = (size_t)(s - s0);
        const lexent *e = len <= LEX_MAXBYTES ? lex_find(s, hs[off / 2], ready)
                                              : NULL;
        if (e) {
            w->e = e;
            break;
        }
        if (len >= 6 && len <= LEX_MAXBYTES + 4 && starts_al(s) &&
            (e = lex_find(s + 4, hs[off / 2 + 2], ready)) != NULL) {
            w->e = e;
            w->def = 1;
            break;
        }
        p = k < 2 && len >= 6 ? pro_letter(s) : 0;
        /* a second proclitic is ب, ل or ك after و or ف */
        if (!p || (k == 1 && (p & (MF_PRO_W | MF_PRO_F))) ||
            (k == 1 && !(first & (MF_PRO_W | MF_PRO_F))))
            return 0;
        if (k == 0)
            first = p;
        w->pro |= p;
        /* لل: ل and ال with its alef dropped */
        if (p == MF_PRO_L && len >= 8 && len <= LEX_MAXBYTES + 4 &&
            memcmp(s + 2, AR_LAM, 2) == 0 &&
            (e = lex_find(s + 4, hs[off / 2 + 2], ready)) != NULL) {
            w->e = e;
            w->def = 1;
            break;
        }
        s += 2;
        len -= 2;
    }
    if (!w->e)
        return 0;
    w->conj = (first == MF_PRO_W);
    /* ست "six" with ب, ل, ك, ف is more often لست "you are not" */
    if ((w->pro & ~(unsigned)MF_PRO_W) && strcmp(w->e->w, "ست") == 0)
        return 0;
    return 1;
}

/* Whether token j reads as a number word. */
static int is_word(const mf_doc *d, size_t j, word *w)
{
    w->e = NULL;
    return j < d->n && word_at(d, j, w);
}

/* Whether NUL-terminated a equals b, with a cheap test of the first two
 * bytes (one Arabic letter) before the call. */
static int str_eq(const char *a, const char *b)
{
    return a[0] == b[0] && (a[0] == 0 || (a[1] == b[1] && strcmp(a, b) == 0));
}

/* The normalized form of token j is s, or is s after one leading
 * proclitic letter when with_pro (بنحو → نحو). */
static int norm_is(const mf_doc *d, size_t j, const char *s, int with_pro)
{
    const mf_tok *t;
    if (j >= d->n)
        return 0;
    t = &d->tok[j];
    if (str_eq(t->norm, s))
        return 1;
    return with_pro && t->nnorm > 2 && pro_letter(t->norm) &&
           str_eq(t->norm + 2, s);
}

static int norm_in(const mf_doc *d, size_t j, const char *const *list,
                   int with_pro)
{
    for (size_t k = 0; list[k]; k++)
        if (norm_is(d, j, list[k], with_pro))
            return 1;
    return 0;
}

/* Month names (Gregorian in both Levantine and Maghrebi names, Hijri)
 * and weekdays: a number before them is a day, not a count. */
static const char *const MONTHS[] = {
    "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يونيه",
    "يوليو", "يوليه", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر",
    "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب",
    "ايلول", "تشرين", "جانفي", "فيفري", "افريل", "ماي", "جوان",
    "جويليه", "اوت", "محرم", "صفر", "ربيع", "جمادي", "رجب", "شعبان",
    "رمضان", "شوال", "ذو", "ذي", NULL};

static const char *const WEEKDAYS[] = {
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه",
    "السبت", "احد", "اثنين", "ثلاثاء", "اربعاء", "خميس", "جمعه", "سبت",
    NULL};

/* Words after a number that are not what it counts. */
static const char *const NOT_UNIT[] = {
    "فقط", "تقريبا", "اخري", "اخرين", "اخر", "ايضا", "اليوم", "امس",
    "غدا", "قال", "قالت", "كان", "كانت", "تم", "بعد", "قبل", "خلال",
    "منذ", "حتي", "نحو", "حوالي", "مقابل", "صباحا", "مساء", "مساءا",
    "ظهرا", "عصرا", "فجرا", "ليلا", "بتوقيت", "ه", "م", "بين", "الي",
    "في", "من", "علي", "عن", "او", "ثم", "كما", "اما", "لكن", "وفق",
    NULL};

static int same_sent(const mf_doc *d, size_t a, size_t b)
{
    return d->tok[a].sentence == d->tok[b].sentence;
}

/* Token j could be the noun a number counts; with_w lets it carry و
 * (a noun before the number: وشخص واحد). */
static int is_noun_at(const mf_doc *d, size_t j, size_t ref, int with_w)
{
    const mf_tok *t;
    word w;
    if (j >= d->n || !same_sent(d, j, ref))
        return 0;
    t = &d->tok[j];
    if (t->type != MARSAD_TOKEN_ARABIC ||
        (t->flags & MARSAD_TOKEN_STOPWORD) ||
        (!with_w && (t->pro & MF_PRO_W)) ||
        t->nnorm < 4)
        return 0;
    if (is_word(d, j, &w))
        return 0;
    if (norm_in(d, j, NOT_UNIT, 0) || norm_in(d, j, MONTHS, 0) ||
        norm_in(d, j, WEEKDAYS, 0))
        return 0;
    return 1;
}

/* ------------------------------------------------------------ digits */

/*
 * Parses the normalized form of a digit or percent token: ASCII digits
 * with , and . as group or decimal marks (٬ and ٫ fold to them).  Runs of
 * dots or commas each followed by exactly three digits are groups
 * (1,250,000 and 1.250.000); a single dot is a decimal mark, and so is a
 * single comma not followed by three digits (12,5).  Returns 1 and sets
 * *v, *plain (no marks at all) and *nint (digits before the decimal mark);
 * 0 for anything else, including more than 15 significant digits.
 */
static int parse_digits(const char *s, size_t n, double *v, int *plain,
                        size_t *nint, int *lead0)
{
    size_t ncomma = 0, ndot = 0, k, dec = (size_t)-1;
    size_t last = (size_t)-1;
    char group = 0;
    uint64_t ip = 0, fp = 0;
    double fscale = 1;
    size_t sig = 0, ni = 0, run = 0;

    while (n > 0 && s[n - 1] == '%')
        n--;
    while (n > 0 && s[0] == '%') {
        s++;
        n--;
    }
    if (n == 0 || n > 64 || s[0] < '0' || s[0] > '9' || s[n - 1] < '0' ||
        s[n - 1] > '9')
        return 0;
    for (k = 0; k < n; k++) {
        char c = s[k];
        if (c == ',' || c == '.') {
            if (k > 0 && (s[k - 1] == ',' || s[k - 1] == '.'))
                return 0;
            if (c == ',')
                ncomma++;
            else
                ndot++;
            last = k;
        } else if (c < '0' || c > '9')
            return 0;
    }
    if (ncomma && ndot) {
        /* the last mark is the decimal one, the other groups */
        char dc = s[last];
        if ((dc == ',' ? ncomma : ndot) != 1)
            return 0;
        dec = last;
        group = dc == ',' ? '.' : ',';
    } else if (ncomma + ndot == 1) {
        /* 1,250 groups; 12,5 and 1.25 and 1.250 are decimals, but a
         * decimal is not written with a trailing zero: 14.500 groups */
        if (n - last - 1 == 3 && (s[last] == ',' || s[n - 1] == '0'))
            group = s[last];
        else
            dec = last;
    } else if (ncomma + ndot > 1) {
        group = ncomma ? ',' : '.';
    }
    /* the integer part: groups of three after the first of one to three */
    for (k = 0; k < n && k != dec; k++) {
        char c = s[k];
        if (c == group) {
            if ((ni == run && (run < 1 || run > 3)) ||
                (ni != run && run != 3))
                return 0;
            run = 0;
            continue;
        }
        if (c < '0' || c > '9')
            return 0;
        run++;
        ni++;
        if (sig > 0 || c != '0') {
            if (++sig > 15)
                return 0;
            ip = ip * 10 + (uint64_t)(c - '0');
        }
    }
    if (group && ni != run && run != 3)
        return 0;
    if (dec != (size_t)-1) {
        size_t nf = 0;
        for (k = dec + 1; k < n; k++) {
            if (s[k] < '0' || s[k] > '9')
                return 0;
            if (nf < 9) {
                fp = fp * 10 + (uint64_t)(s[k] - '0');
                fscale *= 10;
                nf++;
            }
        }
    }
    *v = (double)ip + (double)fp / fscale;
    *plain = (ncomma + ndot == 0);
    *nint = ni;
    *lead0 = (s[0] == '0' && ni > 1);
    return 1;
}

/* ------------------------------------------------------------ reading */

/* A number read at some token. */
typedef struct num {
    double v;
    unsigned flags;   /* MARSAD_NUM_* */
    size_t ntok;      /* tokens it spans */
    double scale;     /* a scale word after digits (100 ألف), else 0 */
    int digits;       /* starts with a digit token */
    int plain;        /* one digit token without marks */
    size_t nint;      /* its integer digits */
    int lead0;        /* its first digit is a 0 and more follow */
    int lone;         /* واحد or اثنان alone: a number after a noun */
    int ambiguous;    /* ست, تسع alone: a number only before a noun */
    int def;          /* a cardinal with ال (الخمسة) */
} num;

/* Where a compound in words stands after its last word. */
enum { L_NONE, L_ONE, L_TEEN, L_TENS, L_HUND, L_SCALE, L_FRACT };

/*
 * The next number word at token j of sentence sent, taking a lone و
 * token before it as the word's conjunction.  Sets *at to the word's
 * token; 0 if none.
 */
static int next_word(const mf_doc *d, size_t j, size_t ref, word *w,
                     int *conj, size_t *at)
{
    if (j >= d->n || !same_sent(d, j, ref))
        return 0;
    if (strcmp(d->tok[j].norm, "و") == 0) {
        if (j + 1 >= d->n || !same_sent(d, j + 1, ref) ||
            !word_at(d, j + 1, w) || w->pro)
            return 0;
        *conj = 1;
        *at = j + 1;
        return 1;
    }
    if (!word_at(d, j, w))
        return 0;
    *conj = w->conj;
    *at = j;
    return 1;
}

/* An ordinal at i (الثالث, الحادية عشرة, الخامس والعشرون). */
static size_t read_ordinal(const mf_doc *d, size_t i, const word *w0,
                           num *r)
{
    word w;
    int conj;
    size_t at, end = i + 1;
    double v = w0->e->v;

    if (next_word(d, i + 1, i, &w, &conj, &at)) {
        if (w.e->type == W_TEN && !conj && !w.def && v < 10) {
            v += 10;
            end = at + 1;
        } else if (w.e->type == W_TENS && conj && v < 10) {
            v += w.e->v;
            end = at + 1;
        }
    }
    if (end == i + 1 && (w0->e->sub & S_NEEDS))
        return 0;
    r->v = v;
    r->flags |= MARSAD_NUM_ORDINAL | MARSAD_NUM_WORDS;
    return end - i;
}

/*
 * After a scale at j-1 (21 مليونا, ألف): و and digits below that scale,
 * each with its own smaller scale word or none (و835 ألفا و387), one
 * number written in parts.  Adds the parts to *acc and returns the token
 * after the last one taken; j when there is none.
 */
static size_t digit_tail(const mf_doc *d, size_t j, size_t ref,
                         double lastscale, double *acc)
{
    while (j + 1 < d->n && same_sent(d, j + 1, ref) &&
           strcmp(d->tok[j].norm, "و") == 0 &&
           d->tok[j + 1].type == MARSAD_TOKEN_NUMBER) {
        double v2, sc = 1;
        int p2, z2;
        size_t n2, k2 = j + 2;
        word w2;
        if (!parse_digits(d->tok[j + 1].norm, d->tok[j + 1].nnorm, &v2, &p2,
                          &n2, &z2) ||
            z2 || !p2 || v2 < 1)
            break;
        if (k2 < d->n && same_sent(d, k2, ref) && word_at(d, k2, &w2) &&
            !w2.pro && !w2.def &&
            (w2.e->type == W_SCALE || w2.e->type == W_SCALEPL)) {
            sc = w2.e->v;
            k2++;
        }
        if (sc >= lastscale || v2 * sc >= lastscale)
            break;
        *acc += v2 * sc;
        j = k2;
        if (sc == 1)
            break;
        lastscale = sc;
    }
    return j;
}

/* A number in words at i; the number of tokens, 0 if none. */
static size_t read_words(const mf_doc *d, size_t i, num *r)
{
    word w;
    const lexent *e;
    double acc = 0, cur = 0, lastscale = 1e300;
    int last = L_NONE, conj;
    size_t j, at, end = i;

    if (!word_at(d, i, &w))
        return 0;
    e = w.e;
    r->flags |= MARSAD_NUM_WORDS;
    switch (e->type) {
    case W_ORD:
        return read_ordinal(d, i, &w, r);
    case W_TENS:
        if (w.def) { /* العشرون, الثلاثين */
            r->v = e->v;
            r->flags |= MARSAD_NUM_ORDINAL;
            return 1;
        }
        break;
    case W_VAGUE:
    case W_SCALEPL: {
        /* عشرات, مئات, آلاف, الآلاف; عشرات الآلاف; مئات ملايين */
        word w2;
        r->v = e->v;
        r->flags |= MARSAD_NUM_VAGUE;
        if (e->type == W_VAGUE && i + 1 < d->n && same_sent(d, i, i + 1) &&
            word_at(d, i + 1, &w2) && w2.e->type == W_SCALEPL && !w2.pro) {
            r->v *= w2.e->v;
            return 2;
        }
        return 1;
    }
    case W_FRAC: {
        word w2;
        if (w.def)
            return 0;
        /* نصف النهائي, ربع نهائي: a round of a tournament */
        if (norm_is(d, i + 1, "النهائي", 0) || norm_is(d, i + 1, "نهائي", 0))
            return 0;
        r->v = e->v;
        /* نصف مليون: half a million */
        if (i + 1 < d->n && same_sent(d, i, i + 1) &&
            word_at(d, i + 1, &w2) && w2.e->type == W_SCALE && !w2.pro &&
            !w2.def) {
            r->v *= w2.e->v;
            return 2;
        }
        r->flags |= MARSAD_NUM_FRACTION;
        return 1;
    }
    default:
        break;
    }
    if (w.def) {
        /* الخمسة, الأربع, العشرة, الثلاثة عشر: a cardinal with ال
         * follows or precedes a definite noun (الأعوام الخمسة); not
         * الواحد or الاثنين (also Monday); الست and التسع only after a
         * definite word (الدول الست), else "the lady", "it held";
         * الألف only before a noun (الألف متر), else the letter */
        int ok = 0;
        if ((e->type == W_ONE && e->v >= 3) || e->type == W_TEN)
            ok = 1;
        if (ok && (strcmp(e->w, "ست") == 0 || strcmp(e->w, "تسع") == 0))
            ok = i > 0 && same_sent(d, i - 1, i) &&
                 d->tok[i - 1].type == MARSAD_TOKEN_ARABIC &&
                 d->tok[i - 1].nnorm > 4 && starts_al(d->tok[i - 1].norm);
        if (e->type == W_SCALE && !(e->sub & S_ACC) &&
            is_noun_at(d, i + 1, i, 0))
            ok = 1;
        if (!ok)
            return 0;
        r->def = 1;
    }

    for (j = i;;) {
        int ok = 0;
        /* مليون و650 ألفا و200: digits and their smaller scales after
         * a scale word in words, one number */
        if (last == L_SCALE) {
            size_t k = digit_tail(d, j, i, lastscale, &acc);
            if (k > j)
                end = k;
            if (k > j || (j < d->n && strcmp(d->tok[j].norm, "و") == 0 &&
                          j + 1 < d->n &&
                          d->tok[j + 1].type == MARSAD_TOKEN_NUMBER))
                break;
        }
        if (!next_word(d, j, i, &w, &conj, &at))
            break;
        if (j == i)
            conj = 0; /* the first word's و joins it to what came before */
        e = w.e;
        /* only the first word of a compound has ال, or the tens after a
         * definite one (الخمسة والعشرين) */
        if (w.def && j != i && !(r->def && conj && e->type == W_TENS))
            break;
        switch (e->type) {
        case W_ONE:
            if (last == L_NONE ||
                (conj && (last == L_SCALE || last == L_HUND))) {
                cur += e->v;
                last = L_ONE;
                ok = 1;
            }
            break;
        case W_ONEOF: {
            /* أحد عشر, إحدى عشرة */
            word w2;
            if ((last == L_NONE ||
                 (conj && (last == L_SCALE || last == L_HUND))) &&
                at + 1 < d->n && same_sent(d, at, at + 1) &&
                word_at(d, at + 1, &w2) && w2.e->type == W_TEN && !w2.pro) {
                cur += 11;
                last = L_TEEN;
                at++;
                ok = 1;
            }
            break;
        }
        case W_TEN:
            if (!conj && last == L_ONE) {
                cur += 10;
                last = L_TEEN;
                ok = 1;
            } else if (last == L_NONE ||
                       (conj && (last == L_SCALE || last == L_HUND))) {
                cur += 10;
                last = L_TEEN;
                ok = 1;
            }
            break;
        case W_TENS:
            if (last == L_NONE ||
                (conj && (last == L_ONE || last == L_SCALE ||
                          last == L_HUND))) {
                cur += e->v;
                last = L_TENS;
                ok = 1;
            }
            break;
        case W_HUND:
            if (last == L_NONE || (conj && last == L_SCALE)) {
                cur += e->v;
                last = L_HUND;
                ok = 1;
            } else if (!conj && last == L_ONE && e->v == 100 && cur < 10) {
                cur *= 100; /* ثلاث مئة */
                last = L_HUND;
                ok = 1;
            }
            break;
        case W_SCALE:
        case W_SCALEPL:
            if (conj || e->v >= lastscale)
                break;
            if (last == L_NONE) {
                if (e->type == W_SCALEPL)
                    break;
                /* ألفا جندي: the dual before a noun; ألفا alone: 1000 */
                acc += (e->sub & S_ACC) && is_noun_at(d, at + 1, i, 0)
                           ? 2 * e->v
                           : e->v;
            } else if (last == L_ONE || last == L_TEEN || last == L_TENS ||
                       last == L_HUND || last == L_FRACT) {
                acc += cur * e->v;
                cur = 0;
            } else
                break;
            lastscale = e->v;
            last = L_SCALE;
            ok = 1;
            break;
        case W_DUAL:
            if ((last == L_NONE || (conj && last == L_SCALE)) &&
                e->v < lastscale &&
                (!(e->sub & S_CONSTRUCT) || is_noun_at(d, at + 1, i, 0))) {
                acc += 2 * e->v;
                lastscale = e->v;
                last = L_SCALE;
                ok = 1;
            }
            break;
        case W_FRAC:
            /* مليون ونصف, ثلاثة ونصف */
            if (conj && e->v == 0.5 && last == L_SCALE) {
                acc += 0.5 * lastscale;
                last = L_FRACT;
                ok = 2;
            } else if (conj && e->v == 0.5 &&
                       (last == L_ONE || last == L_TEEN || last == L_TENS)) {
                cur += 0.5;
                last = L_FRACT;
                ok = 1;
            }
            break;
        case W_FRACPL:
            /* ثلاثة أرباع */
            if (!conj && last == L_ONE && acc == 0 && cur < e->v) {
                r->v = cur / e->v;
                r->flags |= MARSAD_NUM_FRACTION;
                return at + 1 - i;
            }
            break;
        default:
            break;
        }
        if (!ok)
            break;
        j = at + 1;
        end = j;
        if (ok == 2)
            break;
    }
    if (end == i)
        return 0;
    r->v = acc + cur;
    if (end == i + 1 && !r->def && word_at(d, i, &w) &&
        w.e->type == W_ONE) {
        if (w.e->v <= 2)
            r->lone = 1;
        else if (strcmp(w.e->w, "ست") == 0 || strcmp(w.e->w, "تسع") == 0)
            r->ambiguous = 1;
    }
    return end - i;
}

/* ال or الـ as a token of its own, with a proclitic or not (والـ, للـ). */
static int is_al_token(const mf_tok *t)
{
    static const char *const AL[] = {"ال", "وال", "بال", "فال", "كال",
                                     "لل", "ولل", "وبال", NULL};
    /* they all end in ل */
    if (t->type != MARSAD_TOKEN_ARABIC || t->nnorm > 8 || t->nnorm < 4 ||
        memcmp(t->norm + t->nnorm - 2, AR_LAM, 2) != 0)
        return 0;
    for (size_t k = 0; AL[k]; k++)
        if (strcmp(t->norm, AL[k]) == 0)
            return 1;
    return 0;
}

static int glued(const mf_doc *d, size_t a, size_t b);

/* A number at token i, digits or words; the number of tokens, 0 if none. */
static size_t read_core(const mf_doc *d, size_t i, num *r)
{
    const mf_tok *t;
    word w;

    memset(r, 0, sizeof *r);
    if (!d || i >= d->n)
        return 0;
    t = &d->tok[i];
    switch (t->type) {
    case MARSAD_TOKEN_NUMBER: {
        size_t j = i + 1;
        if (!parse_digits(t->norm, t->nnorm, &r->v, &r->plain, &r->nint,
                          &r->lead0))
            return 0;
        r->digits = 1;
        /* 90+2, 2+90: a minute of added time, one number */
        if (j + 1 < d->n && r->plain && strcmp(d->tok[j].norm, "+") == 0 &&
            glued(d, i, j) && glued(d, j, j + 1) &&
            d->tok[j + 1].type == MARSAD_TOKEN_NUMBER) {
            double v2;
            int p2, z2;
            size_t n2;
            if (parse_digits(d->tok[j + 1].norm, d->tok[j + 1].nnorm, &v2,
                             &p2, &n2, &z2) &&
                p2 && !z2 &&
                (((v2 == 45 || v2 == 90 || v2 == 120) && r->v < 20) ||
                 ((r->v == 45 || r->v == 90 || r->v == 120) && v2 < 20))) {
                r->v += v2;
                r->ntok = 3;
                return 3;
            }
        }
        /* 100 ألف, 2.5 مليون, 3 مليارات */
        if (j < d->n && same_sent(d, i, j) && word_at(d, j, &w) && !w.pro &&
            !w.def && (w.e->type == W_SCALE || w.e->type == W_SCALEPL)) {
            double acc = 0;
            size_t k;
            r->v *= w.e->v;
            r->scale = w.e->v;
            r->flags |= MARSAD_NUM_WORDS;
            r->plain = 0;
            j++;
            /* 21 مليونا و835 ألفا و387 */
            if (whole(r->v) &&
                (k = digit_tail(d, j, i, w.e->v, &acc)) > j) {
                r->v += acc;
                j = k;
            }
        }
        r->ntok = j - i;
        return r->ntok;
    }
    case MARSAD_TOKEN_PERCENT:
        if (!parse_digits(t->norm, t->nnorm, &r->v, &r->plain, &r->nint,
                          &r->lead0))
            return 0;
        r->digits = 1;
        r->plain = 0;
        r->flags |= MARSAD_NUM_PERCENT;
        r->ntok = 1;
        return 1;
    case MARSAD_TOKEN_ARABIC:
        /* الـ30: an ordinal; الـ100 ألف, الـ30 شخصا: a number with ال */
        if (is_al_token(t)) {
            const mf_tok *u;
            if (i + 1 >= d->n || !same_sent(d, i, i + 1))
                return 0;
            u = &d->tok[i + 1];
            if (u->type != MARSAD_TOKEN_NUMBER || u->start - t->end > 1 ||
                !parse_digits(u->norm, u->nnorm, &r->v, &r->plain,
                              &r->nint, &r->lead0) ||
                r->v < 1 || r->lead0)
                return 0;
            r->digits = 1;
            r->plain = 0;
            r->ntok = 2;
            if (i + 2 < d->n && same_sent(d, i, i + 2) &&
                word_at(d, i + 2, &w) && !w.pro && !w.def &&
                (w.e->type == W_SCALE || w.e->type == W_SCALEPL)) {
                r->v *= w.e->v;
                r->scale = w.e->v;
                r->flags |= MARSAD_NUM_WORDS;
                r->ntok = 3;
            } else if (whole(r->v) &&
                       !(i > 0 && same_sent(d, i - 1, i) &&
                         d->tok[i - 1].type == MARSAD_TOKEN_ARABIC &&
                         d->tok[i - 1].nnorm > 4 &&
                         starts_al(d->tok[i - 1].norm) &&
                         !(d->tok[i - 1].flags & MARSAD_TOKEN_STOPWORD)) &&
                       is_noun_at(d, i + 2, i, 0)) {
                /* a number with ال before the noun it counts */
            } else
                r->flags |= MARSAD_NUM_ORDINAL;
            return 2;
        }
        r->ntok = read_words(d, i, r);
        return r->ntok;
    default:
        return 0;
    }
}

size_t mf_read_number(const mf_doc *d, size_t i, double *value,
                      unsigned *flags)
{
    num r;
    size_t k = read_core(d, i, &r);
    if (value)
        *value = k ? r.v : 0;
    if (flags)
        *flags = k ? r.flags : 0;
    return k;
}

/* ------------------------------------------------------------ context */

/* A phrase of up to four words before or after a number. */
typedef struct phrase {
    const char *w[4];
    int bound;
    unsigned flags;
} phrase;

/* Longest first, so that لا يزيد على wins over يزيد على. */
static const phrase BEFORE[] = {
    {{"ما", "لا", "يقل", "عن"}, MARSAD_BOUND_ATLEAST, 0},
    {{"ما", "لا", "يتجاوز", NULL}, MARSAD_BOUND_ATMOST, 0},
    {{"ما", "يزيد", "علي", NULL}, MARSAD_BOUND_MORE, 0},
    {{"ما", "يزيد", "عن", NULL}, MARSAD_BOUND_MORE, 0},
    {{"ما", "يربو", "علي", NULL}, MARSAD_BOUND_MORE, 0},
    {{"ما", "يقل", "عن", NULL}, MARSAD_BOUND_LESS, 0},
    {{"ما", "يقرب", "من", NULL}, 0, MARSAD_NUM_APPROX},
    {{"لا", "يقل", "عن", NULL}, MARSAD_BOUND_ATLEAST, 0},
    {{"لا", "تقل", "عن", NULL}, MARSAD_BOUND_ATLEAST, 0},
    {{"لا", "يزيد", "علي", NULL}, MARSAD_BOUND_ATMOST, 0},
    {{"لا", "يزيد", "عن", NULL}, MARSAD_BOUND_ATMOST, 0},
    {{"لا", "تزيد", "علي", NULL}, MARSAD_BOUND_ATMOST, 0},
    {{"لا", "تزيد", "عن", NULL}, MARSAD_BOUND_ATMOST, 0},
    {{"لا", "يتجاوز", NULL}, MARSAD_BOUND_ATMOST, 0},
    {{"لا", "تتجاوز", NULL}, MARSAD_BOUND_ATMOST, 0},
    {{"يزيد", "علي", NULL}, MARSAD_BOUND_MORE, 0},
    {{"يزيد", "عن", NULL}, MARSAD_BOUND_MORE, 0},
    {{"تزيد", "علي", NULL}, MARSAD_BOUND_MORE, 0},
    {{"تزيد", "عن", NULL}, MARSAD_BOUND_MORE, 0},
    {{"يربو", "علي", NULL}, MARSAD_BOUND_MORE, 0},
    {{"ما", "يقارب", NULL}, 0, MARSAD_NUM_APPROX},
    {{"ما", "يناهز", NULL}, 0, MARSAD_NUM_APPROX},
    {{"ما", "يفوق", NULL}, MARSAD_BOUND_MORE, 0},
    {{"ما", "يتجاوز", NULL}, MARSAD_BOUND_MORE, 0},
    {{"ما", "دون", NULL}, MARSAD_BOUND_LESS, 0},
    {{"ما", "فوق", NULL}, MARSAD_BOUND_MORE, 0},
    {{"اكثر", "من", NULL}, MARSAD_BOUND_MORE, 0},
    {{"ازيد", "من", NULL}, MARSAD_BOUND_MORE, 0},
    {{"اقل", "من", NULL}, MARSAD_BOUND_LESS, 0},
    {{"يفوق", NULL}, MARSAD_BOUND_MORE, 0},
    {{"تفوق", NULL}, MARSAD_BOUND_MORE, 0},
    {{"يتجاوز", NULL}, MARSAD_BOUND_MORE, 0},
    {{"تتجاوز", NULL}, MARSAD_BOUND_MORE, 0},
    {{"دون", NULL}, MARSAD_BOUND_LESS, 0},
    {{"نحو", NULL}, 0, MARSAD_NUM_APPROX},
    {{"حوالي", NULL}, 0, MARSAD_NUM_APPROX},
    {{"قرابه", NULL}, 0, MARSAD_NUM_APPROX},
    {{"زهاء", NULL}, 0, MARSAD_NUM_APPROX},
    {{"يقارب", NULL}, 0, MARSAD_NUM_APPROX},
    {{"تقارب", NULL}, 0, MARSAD_NUM_APPROX},
    {{"يناهز", NULL}, 0, MARSAD_NUM_APPROX},
    {{"تناهز", NULL}, 0, MARSAD_NUM_APPROX},
    {{"تقريبا", NULL}, 0, MARSAD_NUM_APPROX},
};

static const phrase AFTER[] = {
    {{"علي", "الاقل", NULL}, MARSAD_BOUND_ATLEAST, 0},
    {{"علي", "الاكثر", NULL}, MARSAD_BOUND_ATMOST, 0},
    {{"تقريبا", NULL}, 0, MARSAD_NUM_APPROX},
};

static size_t phrase_len(const phrase *p)
{
    size_t k = 0;
    while (k < 4 && p->w[k])
        k++;
    return k;
}

/* The phrase ending just before token i (its first word may carry a
 * proclitic: بنحو, لأكثر من); returns its first token, or i if none. */
static size_t match_before(const mf_doc *d, size_t i, int *bound,
                           unsigned *flags)
{
    for (size_t p = 0; p < sizeof BEFORE / sizeof BEFORE[0]; p++) {
        size_t k = phrase_len(&BEFORE[p]), m;
        if (k > i)
            continue;
        for (m = 0; m < k; m++) {
            size_t j = i - k + m;
            if (!same_sent(d, j, i) ||
                !norm_is(d, j, BEFORE[p].w[m], m == 0))
                break;
        }
        if (m == k) {
            *bound = BEFORE[p].bound;
            *flags |= BEFORE[p].flags;
            return i - k;
        }
    }
    return i;
}

/* The phrase starting at token j; returns the token after it, or j. */
static size_t match_after(const mf_doc *d, size_t j, size_t ref, int *bound,
                          unsigned *flags)
{
    for (size_t p = 0; p < sizeof AFTER / sizeof AFTER[0]; p++) {
        size_t k = phrase_len(&AFTER[p]), m;
        for (m = 0; m < k; m++)
            if (j + m >= d->n || !same_sent(d, j + m, ref) ||
                !norm_is(d, j + m, AFTER[p].w[m], 0))
                break;
        if (m == k) {
            if (AFTER[p].bound)
                *bound = AFTER[p].bound;
            *flags |= AFTER[p].flags;
            return j + k;
        }
    }
    return j;
}

/* Words before a number that name what follows rather than count: رقم 5,
 * القرار 2254, المادة 12, the model of an aircraft (إف 16). */
static const char *const NAMING[] = {
    "رقم", "الرقم", "قرار", "القرار", "ماده", "الماده", "بند", "البند",
    "فقره", "الفقره", "طريق", "الطريق", "الفصل", "حلقه", "الحلقه",
    "صفحه", "الصفحه", "الجزء", "الاصدار", "شارع", "الشارع", "مبني",
    "المبني", "غرفه", "الغرفه", "قاعه", "القاعه", "بوابه", "البوابه",
    "مخرج", "الكيلو", "كيلو", "اللواء", "الفرقه", "الكتيبه", "الفيلق",
    "هاتف", "الهاتف", "موديل", "طراز", "كوفيد", "اف", "سو", "ميغ",
    "ميج", "اس", "تي", "بي", "ام", "ايه", "اي", "الساعه", "ساعه",
    "الاصحاح", "الايه", "سوره", "المرسوم", "مرسوم", "القانون", "قانون",
    "الدائره", "دائره", "الحافله", "الرحله", "رحله", "الجوله",
    "المجموعه", "مجموعه", "قمه", "القرن", "النسخه", "نسخه", "الطبعه",
    "الدوره", "الموسم", "الكود", "كود", "البلاغ", "دور", "الدور", NULL};

/* The naming words that hold before numbers in words too (المادة
 * الثانية, الساعة الثانية عشرة, مجموعة العشرين, القرن العشرين). */
static const char *const NAMING_WORDS[] = {
    "رقم", "الرقم", "ماده", "الماده", "بند", "البند", "فقره", "الفقره",
    "الساعه", "القرن", "مجموعه", "المجموعه", "قمه", "دور", "الدور",
    NULL};

/* Ranks whose second word is أول (الفريق أول, ملازم أول). */
static const char *const RANKS[] = {
    "فريق", "الفريق", "ملازم", "الملازم", "رقيب", "الرقيب", "عريف",
    "العريف", "مساعد", "المساعد", NULL};

/* The quarter or half of a year before an ordinal (الربع الأول): a
 * period, named like a month. */
static const char *const PERIODS[] = {"الربع", "النصف", "ربع", NULL};

/* Words before a four-digit number that make it a year. */
static const char *const YEAR_BEFORE[] = {
    "عام", "العام", "سنه", "السنه", "منذ", "حتي", "في", "خلال", "مطلع",
    "اوائل", "اواخر", "منتصف", "نهايه", "بدايه", "ربيع", "صيف", "خريف",
    "شتاء", "موسم", "ميزانيه", "رؤيه", "مونديال", "كاس", "اولمبياد",
    "انتخابات", "قبل", "بعد", "-", NULL};

/* Nouns a four-digit number can count without being a year. */
static const char *const COUNTED[] = {
    "جندي", "شخص", "دولار", "يورو", "جنيه", "ريال", "درهم", "دينار",
    "ليره", "طن", "برميل", "كيلومتر", "كيلومترا", "متر", "مترا", "قتيل",
    "جريح", "مصاب", "اصابه", "حاله", "عامل", "طالب", "طفل", "منزل",
    "وحده", "عنصر", "مسلح", "مقاتل", "شرطي", "معتقل", "اسير", "سجين",
    "لاجئ", "نازح", "مهاجر", "صاروخ", "طائره", "سياره", "موظف", "مواطن",
    "عائله", "اسره", "مشروع", "شركه", "مدرسه", "مستوطن", "وظيفه",
    "ميغاواط", "كيلوغرام", "كلم", "كم", "هكتار", "فدان", "دونم", "سرير",
    "مقعد", "نسمه", "مريض", "جثه", "مسافر", "حاج", "معتمر", "زائر",
    "مرشح", "ناخب", "صوت", "مليون", "الف", NULL};

/* Words around a number that make it a time of day. */
static const char *const CLOCK_AFTER[] = {
    "صباحا", "مساء", "مساءا", "ظهرا", "عصرا", "فجرا", "ليلا", "بتوقيت",
    "صباح", "ظهر", "فجر", "عصر", NULL};

/* First words of month names whose second word is an ordinal. */
static const char *const MONTH_HEAD[] = {"كانون", "تشرين", "ربيع",
                                         "جمادي", NULL};

/* Verbs and nouns of change: من 10 إلى 20 after them is a change, two
 * numbers, not a range. */
static const char *const CHANGE[] = {
    "ارتفع", "ارتفاع", "انخفض", "انخفاض", "تراجع", "زاد", "زياد",
    "قفز", "هبط", "صعد", "رفع", "خفض", "تقلص", "ازداد", "تضاعف", "قلص",
    "يرتفع", "ينخفض", "يتراجع", "ترتفع", "تنخفض", "تتراجع", "يزيد",
    "تزيد", "نما", "نمو", "تحول", "انتقل", "تغير", NULL};

static int prefix_in(const char *s, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (strncmp(s, list[k], strlen(list[k])) == 0)
            return 1;
    return 0;
}

/* A change word among the few tokens before token i. */
static int change_before(const mf_doc *d, size_t i)
{
    for (size_t k = 1; k <= 5 && k <= i; k++) {
        const mf_tok *t = &d->tok[i - k];
        if (!same_sent(d, i - k, i))
            break;
        if (t->type != MARSAD_TOKEN_ARABIC)
            continue;
        if (prefix_in(t->norm, CHANGE) ||
            (t->nnorm > 2 && pro_letter(t->norm) &&
             prefix_in(t->norm + 2, CHANGE)))
            return 1;
    }
    return 0;
}

static int is_dash(const mf_doc *d, size_t j)
{
    const mf_tok *t;
    if (j >= d->n)
        return 0;
    t = &d->tok[j];
    return (t->type == MARSAD_TOKEN_PUNCT || t->type == MARSAD_TOKEN_SYMBOL) &&
           (strcmp(t->norm, "-") == 0 || strcmp(t->norm, "\xE2\x80\x93") == 0 ||
            strcmp(t->norm, "\xE2\x80\x94") == 0);
}

/* Tokens a and b touch (no space between). */
static int glued(const mf_doc *d, size_t a, size_t b)
{
    return d->tok[a].end == d->tok[b].start;
}

/* A person or other name ends right before token i (عبد الله الثاني). */
static int name_before(const mf_doc *d, size_t i)
{
    size_t lo = 0, hi = d->nents;
    size_t s = d->tok[i].start;
    if (!d->ents || i == 0)
        return 0;
    /* the last mention starting before token i */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->ents[mid].start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k > 0 && k + 3 > lo; k--) {
        const marsad_entity *e = &d->ents[k - 1];
        if (e->end == d->tok[i - 1].end &&
            (e->type == MARSAD_ENTITY_PER || e->type == MARSAD_ENTITY_MISC))
            return 1;
    }
    return 0;
}

/* A four-digit year-like number: 1900..2100, no marks, no scale. */
static int year_like(const num *r)
{
    return r->digits && r->plain && r->nint == 4 && r->v >= 1900 &&
           r->v <= 2100 && !(r->flags & MARSAD_NUM_ORDINAL);
}

/* ------------------------------------------------------------ finder */

static int is_quote_mark(const mf_doc *d, size_t j)
{
    return j < d->n && (strcmp(d->tok[j].norm, "\"") == 0 ||
                        strcmp(d->tok[j].norm, "\xC2\xAB") == 0 ||
                        strcmp(d->tok[j].norm, "\xC2\xBB") == 0 ||
                        strcmp(d->tok[j].norm, "\xE2\x80\x9C") == 0 ||
                        strcmp(d->tok[j].norm, "\xE2\x80\x9D") == 0);
}

/* A small whole number in digits at j (a goal count), or صفر when
 * zero_word. */
static int small_count_at(const mf_doc *d, size_t j, int zero_word)
{
    double v;
    int plain, lead0;
    size_t nint;
    if (j >= d->n)
        return 0;
    if (zero_word && norm_is(d, j, "صفر", 0))
        return 1;
    return d->tok[j].type == MARSAD_TOKEN_NUMBER &&
           parse_digits(d->tok[j].norm, d->tok[j].nnorm, &v, &plain, &nint,
                        &lead0) &&
           plain && !lead0 && v <= 20;
}

/*
 * The score of a match starting at token a: 3/ 2, 2/ صفر, "1/1" - two
 * small counts around a slash glued to the first, with a space after the
 * slash, صفر on the right, or quote marks around the pair (a date such
 * as 3/4 has none of these, and 3/4/2022 goes on).
 */
static int score_at(const mf_doc *d, size_t a)
{
    size_t m = a + 1, b = a + 2;
    if (b >= d->n || !same_sent(d, a, b) || !small_count_at(d, a, 0) ||
        strcmp(d->tok[m].norm, "/") != 0 || !glued(d, a, m) ||
        !small_count_at(d, b, 1))
        return 0;
    if (b + 1 < d->n && glued(d, b, b + 1) &&
        (strcmp(d->tok[b + 1].norm, "/") == 0 || is_dash(d, b + 1)))
        return 0;
    return !glued(d, m, b) || norm_is(d, b, "صفر", 0) ||
           (a > 0 && is_quote_mark(d, a - 1) && is_quote_mark(d, b + 1));
}

/* Token i is either side of a score (score_at). */
static int in_score(const mf_doc *d, size_t i)
{
    return score_at(d, i) || (i >= 2 && score_at(d, i - 2));
}

/* Whether the number r at tokens i..i+r->ntok names, tells a time or a
 * date, or is a word that only counts in context. */
static int rejected(const mf_doc *d, size_t i, const num *r, int bounded)
{
    size_t j = i + r->ntok; /* the token after it */
    int prev = i > 0 && same_sent(d, i - 1, i);

    if (prev && norm_in(d, i - 1, r->digits ? NAMING : NAMING_WORDS, 1))
        return 1;
    /* الرقم "23": a quote mark between the naming word and the number */
    if (prev && r->digits && i >= 2 && same_sent(d, i - 2, i) &&
        (strcmp(d->tok[i - 1].norm, "\"") == 0 ||
         strcmp(d->tok[i - 1].norm, "\xC2\xAB") == 0 ||
         strcmp(d->tok[i - 1].norm, "\xE2\x80\x9C") == 0) &&
        norm_in(d, i - 2, NAMING, 1))
        return 1;
    if (r->digits) {
        int score = in_score(d, i);
        /* #15, +9665..., كوفيد-19, سبورت1 */
        if (prev && glued(d, i - 1, i) &&
            (strcmp(d->tok[i - 1].norm, "#") == 0 ||
             strcmp(d->tok[i - 1].norm, "+") == 0 ||
             d->tok[i - 1].type == MARSAD_TOKEN_LATIN ||
             (d->tok[i - 1].type == MARSAD_TOKEN_ARABIC &&
              d->tok[i - 1].nnorm >= 6 && !starts_al(d->tok[i - 1].norm) &&
              !is_al_token(&d->tok[i - 1])) ||
             (strcmp(d->tok[i - 1].norm, "/") == 0 && !score) ||
             (is_dash(d, i - 1) && i >= 2 && glued(d, i - 2, i - 1) &&
              (d->tok[i - 2].type == MARSAD_TOKEN_LATIN ||
               d->tok[i - 2].type == MARSAD_TOKEN_ARABIC))) &&
            1)
            return 1;
        /* 3/4/2022, 19-كوفيد, 5ر1, 2019م; not 16عاما, 3-0عندما (a
         * missing space before a word) */
        if (j < d->n && glued(d, j - 1, j) &&
            ((strcmp(d->tok[j].norm, "/") == 0 && !score) ||
             strcmp(d->tok[j].norm, ":") == 0 ||
             d->tok[j].type == MARSAD_TOKEN_LATIN ||
             (d->tok[j].type == MARSAD_TOKEN_ARABIC && d->tok[j].nnorm < 6)))
            return 1;
        /* Pocket Edition 2, iPhone 8: a name in Latin letters */
        if (prev && d->tok[i - 1].type == MARSAD_TOKEN_LATIN)
            return 1;
        if (r->plain && r->v < 100 && j < d->n && i > 0) {
            /* (3) after a title: an episode or part; but (9) بلديات
             * counts, and (67) after a player's name is a minute */
            if (strcmp(d->tok[i - 1].norm, "(") == 0 &&
                strcmp(d->tok[j].norm, ")") == 0 && glued(d, i - 1, i) &&
                glued(d, j - 1, j) && !is_noun_at(d, j + 1, j, 0) &&
                !(i >= 2 && same_sent(d, i - 2, i) && name_before(d, i - 1)))
                return 1;
        }
        /* 2 - or 2) at the start of a line: a list item */
        if (r->plain && d->tok[i].newline_before && j < d->n &&
            (is_dash(d, j) || strcmp(d->tok[j].norm, ")") == 0 ||
             strcmp(d->tok[j].norm, ".") == 0))
            return 1;
        /* phone numbers, 05 */
        if (r->plain && (r->nint >= 9 || r->lead0))
            return 1;
        if (r->lead0 && !(r->flags & MARSAD_NUM_PERCENT) && r->v >= 1)
            return 1;
        /* عام 2002, منذ 1990, 1443 هـ */
        if (r->plain && r->nint == 4 && r->v >= 1000 && r->v < 3000 &&
            ((prev && (norm_in(d, i - 1, YEAR_BEFORE, 1) ||
                       norm_in(d, i - 1, MONTHS, 1))) ||
             (j < d->n && same_sent(d, i, j) &&
              (norm_is(d, j, "ه", 0) || norm_is(d, j, "م", 0) ||
               norm_is(d, j, "ميلادي", 0) || norm_is(d, j, "هجري", 0)))))
            return 1;
        if (year_like(r) && !bounded &&
            !(j < d->n && same_sent(d, i, j) && norm_in(d, j, COUNTED, 0)))
            return 1;
        /* 15 يناير: a day of a date */
        if (r->plain && r->v >= 1 && r->v <= 31 && j < d->n &&
            same_sent(d, i, j) && norm_in(d, j, MONTHS, 1))
            return 1;
        /* 10 صباحا */
        if (j < d->n && same_sent(d, i, j) && norm_in(d, j, CLOCK_AFTER, 0) &&
            r->v <= 24)
            return 1;
    }
    if (r->flags & MARSAD_NUM_ORDINAL) {
        /* كانون الثاني, جمادى الأولى; regnal numbers; القرن العشرين */
        if (prev && (norm_in(d, i - 1, MONTH_HEAD, 1) || name_before(d, i)))
            return 1;
        /* ثاني أكسيد الكربون */
        if (j < d->n && norm_is(d, j, "اكسيد", 0))
            return 1;
        /* الربع الأول (of a year), الفريق أول (a rank) */
        if (prev && norm_in(d, i - 1, PERIODS, 0))
            return 1;
        if (prev && r->ntok == 1 && norm_is(d, i, "اول", 0) &&
            norm_in(d, i - 1, RANKS, 1))
            return 1;
        /* أول أمس, أول من أمس: a day; أولى بـ: more deserving of */
        if (r->ntok == 1 && j < d->n && same_sent(d, i, j) &&
            ((norm_is(d, i, "اول", 0) &&
              (norm_is(d, j, "امس", 0) ||
               (norm_is(d, j, "من", 0) && norm_is(d, j + 1, "امس", 0)))) ||
             (norm_is(d, i, "اولي", 0) && (d->tok[j].pro & MF_PRO_B))))
            return 1;
    }
    /* ست, تسع: a number before an indefinite plural (ست دول), else a
     * word of another root (لم تسع القاعة) */
    if (r->ambiguous &&
        (!is_noun_at(d, j, i, 0) || starts_al(d->tok[j].norm)))
        return 1;
    return 0;
}

/* Fills in the unit: the noun after the number, or after من following a
 * vague or scale word (آلاف من المتظاهرين).  Returns the token after the
 * unit, or j. */
static size_t take_unit(const mf_doc *d, size_t j, size_t ref,
                        const num *r, marsad_fact *f)
{
    if (j >= d->n || !same_sent(d, j, ref))
        return j;
    if ((r->flags & (MARSAD_NUM_VAGUE | MARSAD_NUM_FRACTION) || r->scale ||
         (r->flags & MARSAD_NUM_WORDS)) &&
        norm_is(d, j, "من", 0) && j + 1 < d->n &&
        d->tok[j + 1].nnorm > 4 && starts_al(d->tok[j + 1].base) &&
        is_noun_at(d, j + 1, ref, 0)) {
        f->unit_start = d->tok[j + 1].base_start;
        f->unit_end = d->tok[j + 1].base_end;
        return j + 2;
    }
    if (!is_noun_at(d, j, ref, 0) || d->tok[j].pro)
        return j;
    /* 5 عام 2020: the noun belongs to a date */
    if (j + 1 < d->n && same_sent(d, j, j + 1) &&
        d->tok[j + 1].type == MARSAD_TOKEN_NUMBER)
        return j;
    f->unit_start = d->tok[j].base_start;
    f->unit_end = d->tok[j].base_end;
    return j + 1;
}

/* A percent sign or words at j (%, في المئة, بالمئة); the token after. */
static size_t take_percent(const mf_doc *d, size_t j, size_t ref)
{
    static const char *const PCT[] = {"بالمئه", "بالمائه", "بالميه",
                                      NULL};
    if (j >= d->n || !same_sent(d, j, ref))
        return j;
    if (strcmp(d->tok[j].norm, "%") == 0 &&
        d->tok[j].start - d->tok[j - 1].end <= 1)
        return j + 1;
    if (norm_in(d, j, PCT, 1))
        return j + 1;
    if (norm_is(d, j, "في", 0) && j + 1 < d->n && same_sent(d, j, j + 1) &&
        (norm_is(d, j + 1, "المئه", 0) || norm_is(d, j + 1, "المائه", 0)))
        return j + 2;
    return j;
}

/* The second end of a range starting after the number at i..j: بين 10
 * و20, من 10 إلى 20, 10-20.  Returns the token after it, or j. */
static size_t take_range(const mf_doc *d, size_t i, size_t j, size_t lead,
                         num *r, num *r2)
{
    size_t k = 0;
    int prev_bein = 0;

    if (j >= d->n || !same_sent(d, i, j))
        return j;
    if (lead > 0 && same_sent(d, lead - 1, i)) {
        prev_bein = norm_is(d, lead - 1, "بين", 1);
    }
    if (is_dash(d, j) && r->digits && j + 1 < d->n &&
        d->tok[j + 1].type == MARSAD_TOKEN_NUMBER) {
        k = read_core(d, j + 1, r2);
    } else if (prev_bein && strcmp(d->tok[j].norm, "و") == 0) {
        k = read_core(d, j + 1, r2);
    } else if (prev_bein && (d->tok[j].pro & MF_PRO_W) &&
               d->tok[j].type == MARSAD_TOKEN_ARABIC) {
        k = read_core(d, j, r2);
        if (k)
            k--; /* the word itself holds the و */
    } else if (norm_is(d, j, "الي", 0) && !change_before(d, lead)) {
        k = read_core(d, j + 1, r2);
    }
    if (!k || !same_sent(d, i, j + 1) ||
        (r2->flags & (MARSAD_NUM_ORDINAL | MARSAD_NUM_VAGUE)) ||
        (r->flags & (MARSAD_NUM_ORDINAL | MARSAD_NUM_VAGUE)))
        return j;
    /* بين 10 و20 ألفا: the scale of the second end is the first's too */
    if (!r->scale && r2->scale && r->v * r2->scale <= r2->v)
        r->v *= r2->scale;
    if (!(r->v < r2->v))
        return j;
    return j + 1 + k;
}

/* Nouns of time and measure that count one, or two as duals, before
 * ونصف: شهر ونصف is 1.5 months, سنتين ونصف 2.5 years. */
static const char *const HALF_ONE[] = {
    "ساعه", "يوم", "اسبوع", "شهر", "عام", "سنه", "عقد", "قرن", "دقيقه",
    "متر", "كيلومتر", "ميل", "لتر", "كيلوغرام", "كيلو", "طن", NULL};
static const char *const HALF_TWO[] = {
    "ساعتين", "ساعتان", "يومين", "يومان", "اسبوعين", "اسبوعان", "شهرين",
    "شهران", "عامين", "عامان", "سنتين", "سنتان", "عقدين", "قرنين",
    "دقيقتين", "مترين", "طنين", NULL};

/* Whether token j is ونصف ("and a half"), in the sentence of ref. */
static int and_half_at(const mf_doc *d, size_t j, size_t ref)
{
    return j < d->n && same_sent(d, j, ref) && norm_is(d, j, "ونصف", 0);
}

/* A noun of time or measure at i followed by ونصف (شهر ونصف, سنتين
 * ونصف): one number, 1.5 or 2.5, counting that noun.  Returns 1 and
 * puts the fact, or 0 if there is none. */
static int noun_and_half(const mf_doc *d, size_t i, mf_sink *out, int *rc)
{
    const mf_tok *t = &d->tok[i];
    marsad_fact f;
    int bound = 0;
    unsigned aflags = 0;
    size_t lead;
    double v;

    if (!and_half_at(d, i + 1, i) || t->type != MARSAD_TOKEN_ARABIC)
        return 0;
    if (mf_base_in(t, HALF_ONE) >= 0)
        v = 1.5;
    else if (mf_base_in(t, HALF_TWO) >= 0)
        v = 2.5;
    else
        return 0;
    lead = match_before(d, i, &bound, &aflags);
    memset(&f, 0, sizeof f);
    f.kind = MARSAD_FACT_NUMBER;
    f.sentence = t->sentence;
    f.start = d->tok[lead].base_start;
    f.end = d->tok[i + 1].end;
    f.unit_start = t->base_start;
    f.unit_end = t->base_end;
    f.value = f.value_max = v;
    f.flags = MARSAD_NUM_WORDS | aflags;
    f.bound = bound;
    *rc = out->put(out, &f);
    return 1;
}

int mf_numbers(const mf_doc *d, mf_sink *out)
{
    size_t i = 0;

    if (!d || !d->tok)
        return 0;
    while (i < d->n) {
        const mf_tok *t = &d->tok[i];
        num r, r2;
        marsad_fact f;
        size_t k, j, lead, first, last;
        int bound = 0, rc;
        unsigned aflags = 0;

        /* cheap screen: only digits and Arabic words can start a number */
        if (t->type != MARSAD_TOKEN_NUMBER &&
            t->type != MARSAD_TOKEN_PERCENT &&
            t->type != MARSAD_TOKEN_ARABIC) {
            i++;
            continue;
        }
        k = read_core(d, i, &r);
        if (!k) {
            rc = 0;
            /* 2/ صفر, 4 - صفر: the zero of a score */
            if (t->type == MARSAD_TOKEN_ARABIC && i >= 2 &&
                same_sent(d, i - 2, i) && norm_is(d, i, "صفر", 0) &&
                d->tok[i - 2].type == MARSAD_TOKEN_NUMBER &&
                (strcmp(d->tok[i - 1].norm, "/") == 0 || is_dash(d, i - 1))) {
                memset(&f, 0, sizeof f);
                f.kind = MARSAD_FACT_NUMBER;
                f.sentence = t->sentence;
                f.start = t->start;
                f.end = t->end;
                f.unit_start = f.unit_end = f.end;
                f.flags = MARSAD_NUM_WORDS;
                rc = out->put(out, &f);
                if (rc)
                    return rc;
                i++;
                continue;
            }
            if (noun_and_half(d, i, out, &rc)) {
                if (rc)
                    return rc;
                i += 2;
                continue;
            }
            i++;
            continue;
        }
        lead = match_before(d, i, &bound, &aflags);
        if (rejected(d, i, &r, lead < i)) {
            i += k;
            continue;
        }
        memset(&f, 0, sizeof f);
        f.kind = MARSAD_FACT_NUMBER;
        f.sentence = t->sentence;
        first = lead;
        j = i + k;

        /* واحد, اثنان after the noun they count (شخص واحد) */
        /* (اثنين في المئة: a percentage needs no noun) */
        if (r.lone && take_percent(d, j, i) != j)
            r.lone = 0;
        if (r.lone) {
            /* والشعب السوري واحد: after a definite word, "one" is said
             * of it, not counted */
            if (i == 0 || !is_noun_at(d, i - 1, i, 1) || lead < i ||
                starts_al(d->tok[i - 1].base) ||
                (r.v == 1 && norm_is(d, j, "من", 0))) {
                i += k;
                continue;
            }
            first = i - 1;
            f.unit_start = d->tok[i - 1].base_start;
            f.unit_end = d->tok[i - 1].base_end;
        }

        /* %15 */
        if (i > 0 && same_sent(d, i - 1, i) && r.digits &&
            !(r.flags & MARSAD_NUM_PERCENT) &&
            strcmp(d->tok[i - 1].norm, "%") == 0 && glued(d, i - 1, i) &&
            (i < 2 || !glued(d, i - 2, i - 1) ||
             d->tok[i - 2].type != MARSAD_TOKEN_NUMBER)) {
            r.flags |= MARSAD_NUM_PERCENT;
            if (first == i)
                first = i - 1;
        }

        /* a range */
        memset(&r2, 0, sizeof r2);
        {
            size_t e2 = take_range(d, i, j, lead, &r, &r2);
            if (e2 != j) {
                if (year_like(&r) && year_like(&r2)) {
                    i = e2; /* 2015-2016: the date finder's */
                    continue;
                }
                f.value_max = r2.v;
                r.flags |= MARSAD_NUM_RANGE | (r2.flags & ~MARSAD_NUM_PERCENT);
                r.flags |= r2.flags & MARSAD_NUM_PERCENT;
                if (lead == i && i > 0 && same_sent(d, i - 1, i) &&
                    (norm_is(d, i - 1, "بين", 1) ||
                     norm_is(d, i - 1, "من", 1))) {
                    first = i - 1;
                    if (i >= 2 && norm_is(d, i - 2, "ما", 0) &&
                        same_sent(d, i - 2, i))
                        first = i - 2;
                }
                j = e2;
            }
        }
        if (!(r.flags & MARSAD_NUM_RANGE))
            f.value_max = r.v;

        /* percent sign or words */
        if (!(r.flags & MARSAD_NUM_PERCENT)) {
            size_t e = take_percent(d, j, i);
            if (e != j) {
                r.flags |= MARSAD_NUM_PERCENT;
                j = e;
            }
        } else if (r.flags & MARSAD_NUM_RANGE) {
            j = take_percent(d, j, i);
        }

        /* the noun it counts */
        /* (الأسابيع الثلاثة الماضية: a definite cardinal follows its
         * noun, and the word after it is an adjective) */
        if (!(r.flags & (MARSAD_NUM_PERCENT | MARSAD_NUM_ORDINAL)) &&
            !r.lone &&
            !(r.def && j < d->n && d->tok[j].nnorm > 4 &&
              starts_al(d->tok[j].norm)))
            j = take_unit(d, j, i, &r, &f);
        /* سبعة أشهر ونصف: and a half of what it counts */
        if (f.unit_end > f.unit_start &&
            !(r.flags & (MARSAD_NUM_RANGE | MARSAD_NUM_FRACTION |
                         MARSAD_NUM_VAGUE | MARSAD_NUM_PERCENT)) &&
            whole(r.v) && and_half_at(d, j, i)) {
            r.v += 0.5;
            f.value_max = r.v;
            j++;
        }

        j = match_after(d, j, i, &bound, &aflags);
        last = j - 1;

        /* not the و, ف or preposition glued to its first word */
        f.start = d->tok[first].base_start;
        f.end = d->tok[last].end;
        if (f.unit_end == 0)
            f.unit_start = f.unit_end = f.end;
        f.flags = r.flags | aflags;
        f.value = r.v;
        f.bound = bound;
        rc = out->put(out, &f);
        if (rc)
            return rc;
        i = j;
    }
    return 0;
}
