/*
 * test_ner.c - the entity recognizer (src/core/ner.c, ner_feat.c): model
 * images that are not models are refused, whatever their damage; the
 * shipped model finds the persons, places and organizations of sentences
 * written for this test, in BIO tags and as byte ranges of running text
 * (after the proclitics of the first word); religious formulas after a
 * name end it, two names of one type (or a place after an organization)
 * are not read side by side without a conjunction or preposition, and a
 * name after an honorific is a person's; long sentences and odd input
 * (empty words, punctuation glued on, non-Arabic text) are handled.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/ner_internal.h"
#include "entity/nermodel.h"
#include "marsad.h"

static mx_model M;

static int setup(void **state)
{
    char err[512];
    (void)state;
    if (mx_model_open(&M, "models/ner.model", err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mx_model_close(&M);
    return 0;
}

static void test_bad_images(void **state)
{
    int err = 0;
    uint64_t *buf;
    (void)state;
    assert_null(marsad_ner_new(NULL, 0, NULL, &err));
    assert_int_equal(err, MARSAD_EINVAL);
    /* A copy of the real model, damaged in several ways. */
    buf = malloc(M.len + 16);
    assert_non_null(buf);
    memcpy(buf, M.data, M.len);
    {
        marsad_ner *ok = marsad_ner_new(buf, M.len, NULL, &err);
        assert_non_null(ok);
        marsad_ner_free(ok);
    }
    /* truncated, or longer than it says */
    assert_null(marsad_ner_new(buf, M.len - 8, NULL, &err));
    assert_null(marsad_ner_new(buf, M.len + 8, NULL, &err));
    assert_null(marsad_ner_new(buf, 40, NULL, &err));
    /* misaligned */
    memmove((char *)buf + 1, buf, M.len);
    assert_null(marsad_ner_new((char *)buf + 1, M.len, NULL, &err));
    memmove(buf, (char *)buf + 1, M.len);
    /* wrong magic, wrong version */
    ((char *)buf)[0] ^= 1;
    assert_null(marsad_ner_new(buf, M.len, NULL, &err));
    assert_int_equal(err, MARSAD_EINVAL);
    ((char *)buf)[0] ^= 1;
    ((char *)buf)[16] ^= 0x40;
    assert_null(marsad_ner_new(buf, M.len, NULL, &err));
    ((char *)buf)[16] ^= 0x40;
    /* every table slot full (no empty slot: a lookup would never end) */
    {
        uint64_t nclusters = buf[3];
        uint64_t *slots = buf + 11; /* after the 88-byte header */
        for (uint64_t i = 0; i < nclusters; i++)
            if (slots[2 * i] == 0)
                slots[2 * i] = 0x1234567 + i;
        if (nclusters)
            assert_null(marsad_ner_new(buf, M.len, NULL, &err));
    }
    free(buf);
}

/* Tags the space-separated words of s. */
static size_t tag(const char *s, char words[][64], int *tags)
{
    const char *w[64] = {0};
    size_t len[64] = {0}, n = 0;
    const char *p = s;
    while (*p && n < 64) {
        const char *e = strchr(p, ' ');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        memcpy(words[n], p, k);
        words[n][k] = 0;
        w[n] = words[n];
        len[n] = k;
        n++;
        p += k;
        while (*p == ' ')
            p++;
    }
    assert_int_equal(marsad_ner_tag(M.ner, w, len, n, tags), MARSAD_OK);
    return n;
}

static const char *tag_of(const char *s, const char *word)
{
    static char words[64][64];
    int tags[64];
    size_t n = tag(s, words, tags);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(words[i], word))
            return marsad_ner_tag_name(tags[i]);
    fail_msg("no word %s", word);
    return NULL;
}

static void test_conll_tags(void **state)
{
    const char *s1 = "وقال الرئيس الروسي فلاديمير بوتين في موسكو إن "
                     "روسيا سترسل قوات إلى كازاخستان .";
    (void)state;
    assert_string_equal(tag_of(s1, "فلاديمير"), "B-PERS");
    assert_string_equal(tag_of(s1, "بوتين"), "I-PERS");
    assert_string_equal(tag_of(s1, "موسكو"), "B-LOC");
    assert_string_equal(tag_of(s1, "كازاخستان"), "B-LOC");
    assert_string_equal(tag_of(s1, "الرئيس"), "O");
    assert_string_equal(tag_of(s1, "سترسل"), "O");
    {
        const char *s2 = "أعلنت منظمة الأمم المتحدة في نيويورك أن الأمين "
                         "العام سيزور القاهرة الأسبوع المقبل .";
        assert_string_equal(tag_of(s2, "القاهرة"), "B-LOC");
        assert_string_equal(tag_of(s2, "المتحدة"), "I-ORG");
        assert_string_equal(tag_of(s2, "الأسبوع"), "O");
    }
}

struct found {
    char text[16][128];
    int type[16];
    size_t n;
    const char *src;
};

static int on_ent(void *ud, const marsad_entity *e)
{
    struct found *f = ud;
    if (f->n < 16) {
        size_t k = e->end - e->start < 127 ? e->end - e->start : 127;
        memcpy(f->text[f->n], f->src + e->start, k);
        f->text[f->n][k] = 0;
        f->type[f->n] = e->type;
        f->n++;
    }
    return 0;
}

static int has(const struct found *f, const char *text, int type)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->text[i], text) && f->type[i] == type)
            return 1;
    return 0;
}

/* The mentions marsad_ner_find reports in s, into *f. */
static void find_in(const char *s, struct found *f)
{
    memset(f, 0, sizeof *f);
    f->src = s;
    assert_int_equal(marsad_ner_find(M.ner, s, strlen(s), on_ent, f), 0);
}

static void test_running_text(void **state)
{
    const char *s = "التقى وزير الخارجية السعودي في الرياض نظيره الأردني، "
                    "وبحث مع الرئيس الفرنسي إيمانويل ماكرون الوضع في "
                    "لبنان.\n\nوقال ماكرون إن فرنسا مستعدة للمساعدة.";
    struct found f;
    (void)state;
    find_in(s, &f);
    assert_true(has(&f, "الرياض", MARSAD_ENTITY_LOC));
    assert_true(has(&f, "إيمانويل ماكرون", MARSAD_ENTITY_PER));
    assert_true(has(&f, "لبنان", MARSAD_ENTITY_LOC));
    assert_true(has(&f, "فرنسا", MARSAD_ENTITY_LOC));
    /* the proclitic و of وقال is not part of anything; the mention of
     * "وماكرون" style words starts after it */
    for (size_t i = 0; i < f.n; i++)
        assert_false(f.text[i][0] == ' ');
}

/* The document history: tagging depends on earlier sentences only until
 * marsad_ner_reset, and running text always starts a new document. */
static void test_history_reset(void **state)
{
    static char words[64][64];
    const char *s = "وقال بوتين إن موسكو لن تتراجع عن موقفها";
    int a[64], b[64];
    size_t n;
    struct found f1, f2;
    (void)state;
    marsad_ner_reset(M.ner);
    n = tag(s, words, a);
    /* many sentences in between, then the same one after a reset */
    for (int i = 0; i < 50; i++)
        tag("التقى الرئيس فلاديمير بوتين نظيره في الكرملين", words, b);
    marsad_ner_reset(M.ner);
    assert_int_equal(tag(s, words, b), n);
    assert_memory_equal(a, b, n * sizeof *a);
    /* marsad_ner_find gives the same mentions whatever came before */
    memset(&f1, 0, sizeof f1);
    memset(&f2, 0, sizeof f2);
    f1.src = f2.src = s;
    assert_int_equal(marsad_ner_find(M.ner, s, strlen(s), on_ent, &f1), 0);
    tag("زار بوتين موسكو", words, b);
    assert_int_equal(marsad_ner_find(M.ner, s, strlen(s), on_ent, &f2), 0);
    assert_int_equal(f1.n, f2.n);
    for (size_t i = 0; i < f1.n; i++) {
        assert_string_equal(f1.text[i], f2.text[i]);
        assert_int_equal(f1.type[i], f2.type[i]);
    }
}

/* A religious formula after a name ends the name: neither the formula nor
 * a title of the Prophet just before it is read as part of the name. */
static void test_formulas(void **state)
{
    static const char *const texts[] = {
        "قال عبدالله بن مسعود النبي صلى الله عليه وسلم كان يصلي في المسجد.",
        "وروى أبو هريرة رضي الله عنه أن رسول الله صلى الله عليه وسلم قال "
        "ذلك.",
        "وقال الشيخ محمد بن صالح العثيمين رحمه الله في كتابه إن الصبر "
        "خير.",
        "ويذكر أن الإمام علي بن أبي طالب عليه السلام دخل الكوفة.",
        "وكتب عمر بن الخطاب رضي الله عنهم إلى الولاة.",
    };
    static const char *const never[] = {"النبي", "صلى", "رضي", "رحمه",
                                        "عليه", "السلام", "عنه", "رسول"};
    static char words[64][64];
    int tags[64];
    size_t n;
    (void)state;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        struct found f;
        memset(&f, 0, sizeof f);
        f.src = texts[t];
        assert_int_equal(marsad_ner_find(M.ner, texts[t], strlen(texts[t]),
                                         on_ent, &f), 0);
        for (size_t i = 0; i < f.n; i++)
            for (size_t k = 0; k < sizeof never / sizeof *never; k++)
                if (strstr(f.text[i], never[k]) && strchr(f.text[i], ' '))
                    fail_msg("\"%s\" is read as a name", f.text[i]);
    }
    {
        struct found f;
        memset(&f, 0, sizeof f);
        f.src = texts[0];
        assert_int_equal(marsad_ner_find(M.ner, texts[0], strlen(texts[0]),
                                         on_ent, &f), 0);
        assert_true(has(&f, "عبدالله بن مسعود", MARSAD_ENTITY_PER));
    }
    /* the same in CoNLL tags: no word of the formula, nor the title
     * before it, continues a name */
    n = tag("وقال عبدالله بن مسعود النبي صلى الله عليه وسلم إن", words,
            tags);
    for (size_t i = 4; i < 9 && i < n; i++)
        assert_false(tags[i] > 0 && tags[i] % 2 == 0);
    n = tag("حدثنا أنس بن مالك رضي الله عنه قال", words, tags);
    for (size_t i = 4; i < 7 && i < n; i++)
        assert_false(tags[i] > 0 && tags[i] % 2 == 0);
}

/* Two person or organization names are not read side by side unless the
 * second begins with a proclitic (a conjunction or a preposition). */
static void test_adjoin(void **state)
{
    static const char *const texts[] = {
        "وسجل فان نيستلروي الهدف الثاني في الدقيقة العشرين",
        "وقال المعلق العسكري لصحيفة يديعوت أحرونوت إن الجيش مستعد",
        "وأكد وزير المالية السابق أشرف غاني أحمد زي أن الخطة جاهزة",
        "وأعلنت شركتا تويوتا وجنرال موتورز زيادة الإنتاج",
        "وكتب محمود صبري ابو تريكة عن مباراة الأهلي والزمالك",
    };
    static char words[64][64];
    int tags[64];
    (void)state;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        size_t n = tag(texts[t], words, tags);
        for (size_t i = 1; i < n; i++) {
            int b = tags[i], p = tags[i - 1];
            if (b <= 0 || b % 2 == 0 || p <= 0 ||
                (p + 1) / 2 != (b + 1) / 2 ||
                (b + 1) / 2 == MARSAD_ENTITY_LOC)
                continue;
            /* a new name of the same type right after one */
            assert_true(!strncmp(words[i], "و", strlen("و")) ||
                        !strncmp(words[i], "ب", strlen("ب")) ||
                        !strncmp(words[i], "ل", strlen("ل")));
        }
    }
}

/* The limit itself, on scores made up for it: two one-word names, each
 * the best tag of its word, are kept side by side only for the pairs of
 * types that may touch; otherwise the second word (no proclitic) does not
 * begin a name of that type there. */
static void test_adjoin_pairs(void **state)
{
    static const struct {
        int first, second, may_touch;
    } cases[] = {
        {MARSAD_ENTITY_PER, MARSAD_ENTITY_PER, 0},
        {MARSAD_ENTITY_ORG, MARSAD_ENTITY_ORG, 0},
        {MARSAD_ENTITY_MISC, MARSAD_ENTITY_MISC, 0},
        {MARSAD_ENTITY_ORG, MARSAD_ENTITY_LOC, 0},
        {MARSAD_ENTITY_MISC, MARSAD_ENTITY_LOC, 0},
        {MARSAD_ENTITY_LOC, MARSAD_ENTITY_ORG, 0},
        {MARSAD_ENTITY_LOC, MARSAD_ENTITY_LOC, 1},
        {MARSAD_ENTITY_ORG, MARSAD_ENTITY_PER, 1},
        {MARSAD_ENTITY_LOC, MARSAD_ENTITY_PER, 1},
        {MARSAD_ENTITY_PER, MARSAD_ENTITY_LOC, 1},
    };
    float emit[2 * MN_NTAGS], trans[(MN_NTAGS + 1) * MN_NTAGS];
    unsigned char lim[2], back[2 * MN_NTAGS], tags[2];
    (void)state;
    memset(trans, 0, sizeof trans);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        int u1 = MN_TAG(cases[c].first, MN_U);
        int u2 = MN_TAG(cases[c].second, MN_U);
        memset(emit, 0, sizeof emit);
        emit[u1] = 5;
        emit[MN_NTAGS + u2] = 4;
        /* without the limit both names are read */
        memset(lim, 0, sizeof lim);
        mn_viterbi(emit, 2, trans, lim, back, tags);
        assert_int_equal(tags[0], u1);
        assert_int_equal(tags[1], u2);
        lim[1] = MN_LIM_ADJOIN;
        mn_viterbi(emit, 2, trans, lim, back, tags);
        if (cases[c].may_touch) {
            assert_int_equal(tags[0], u1);
            assert_int_equal(tags[1], u2);
        } else {
            /* the stronger first name stays, the second word is no name
             * that begins there */
            assert_int_equal(tags[0], u1);
            assert_int_equal(tags[1], 0);
        }
    }
}

/* A name after an honorific that looks like common words is a person's;
 * an adjective or a title after the honorific is not. */
static void test_honorifics(void **state)
{
    static const struct {
        const char *text, *name; /* name NULL: no person */
    } cases[] = {
        {"وكشف مدير المستشفى الدكتور الخضر لصور عن حجم الأضرار.",
         "الخضر لصور"},
        {"وقال الدكتور خضر لصور إن الوضع صعب.", "خضر لصور"},
        {"وقال المستشار الألماني السابق إن الأزمة طويلة.", NULL},
        {"وقال الشيخ الجديد للقبيلة إن الصلح قريب.", NULL},
    };
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        struct found f;
        memset(&f, 0, sizeof f);
        f.src = cases[c].text;
        assert_int_equal(marsad_ner_find(M.ner, cases[c].text,
                                         strlen(cases[c].text), on_ent, &f),
                         0);
        if (cases[c].name)
            assert_true(has(&f, cases[c].name, MARSAD_ENTITY_PER));
        else
            for (size_t i = 0; i < f.n; i++)
                assert_int_not_equal(f.type[i], MARSAD_ENTITY_PER);
    }
}

static void test_honorific_ends_name(void **state)
{
    /* الأستاذ does not go on the organization named before it */
    const char *s = "باهتمام رئيس اللجنة الأولمبية السعودية الأستاذ تركي "
                    "آل سعود بالمنتخب.";
    struct found f;
    (void)state;
    find_in(s, &f);
    for (size_t i = 0; i < f.n; i++)
        if (strstr(f.text[i], "الأستاذ"))
            fail_msg("\"%s\" runs through the honorific", f.text[i]);
}

static void test_month_in_date(void **state)
{
    /* a month name in a date is no name: not the car maker نيسان, not a
     * person جوان */
    const char *s = "سجلت مبيعات السيارات في أوروبا ارتفاعا خلال أبريل "
                    "(نيسان) الماضي بحسب رابطة المصنعين. وتجرى الانتخابات "
                    "التشريعية في شهر جوان المقبل بحسب القانون الجديد.";
    /* ... while the maker and a war named by its month are */
    const char *t = "أعلنت شركة نيسان اليابانية عن طراز جديد من سياراتها "
                    "الكهربائية. وتحدث الكاتب في كتابه عن حرب يونيو 1967 "
                    "ونتائجها على المنطقة.";
    struct found f;
    (void)state;
    find_in(s, &f);
    assert_true(has(&f, "أوروبا", MARSAD_ENTITY_LOC));
    for (size_t i = 0; i < f.n; i++)
        if (strstr(f.text[i], "نيسان") || strstr(f.text[i], "جوان"))
            fail_msg("\"%s\" is a month in a date", f.text[i]);
    find_in(t, &f);
    assert_true(has(&f, "نيسان", MARSAD_ENTITY_ORG));
    for (size_t i = 0; i < f.n; i++)
        if (strstr(f.text[i], "حرب يونيو"))
            return;
    fail_msg("the war named by its month is not found");
}

static void test_name_with_clitic_letters(void **state)
{
    /* names that begin with letters the analyzer reads as proclitics
     * keep them when the gazetteer lists them so; true proclitics go */
    const char *s = "وقال الأمين العام للأمم المتحدة بان كي مون إن رئيس "
                    "الوزراء البريطاني الأسبق توني بلير سيزور مدينة بريدة. "
                    "وقال بلير إن الوفد وصل بلندن.";
    struct found f;
    (void)state;
    find_in(s, &f);
    assert_true(has(&f, "بان كي مون", MARSAD_ENTITY_PER));
    assert_true(has(&f, "توني بلير", MARSAD_ENTITY_PER));
    assert_true(has(&f, "بلير", MARSAD_ENTITY_PER));
    assert_true(has(&f, "بريدة", MARSAD_ENTITY_LOC));
    assert_true(has(&f, "لندن", MARSAD_ENTITY_LOC));
}

static void test_given_name_with_clitic_letters(void **state)
{
    /* a person's name starts at letters read as proclitics when the word
     * with them is a given name (فهمي، ليو), but not when the rest is a
     * given name too (لحسن = ل + حسن); ف is the conjunction only when
     * the name is listed without it (فبلير), not in فورد */
    const char *s = "وأعلنت شركة فورد الأمريكية أنها ستغلق مصنعها. وكتب "
                    "الكاتب المصري فهمي هويدي مقالا عن الأزمة، وقال إن "
                    "الرسالة التي وجهها لحسن نصر الله لم تصل. وقال نائب "
                    "رئيس الوزراء الصيني ليو هي إنه سيزور واشنطن، وإن "
                    "توني بلير سيزورها أيضا، "
                    "فبلير يرى أن الحل قريب.";
    struct found f;
    (void)state;
    find_in(s, &f);
    assert_true(has(&f, "فورد", MARSAD_ENTITY_ORG));
    assert_true(has(&f, "فهمي هويدي", MARSAD_ENTITY_PER));
    assert_true(has(&f, "حسن نصر الله", MARSAD_ENTITY_PER));
    assert_true(has(&f, "ليو هي", MARSAD_ENTITY_PER));
    assert_true(has(&f, "بلير", MARSAD_ENTITY_PER));
}

static void test_listed_longer_name(void **state)
{
    /* a name found inside a longer listed place or organization of
     * another type is that name; a head of another kind stays out */
    const char *s = "وقالت هيئة قناة السويس إن إيرادات قناة السويس "
                    "ارتفعت. وفاز باريس سان جيرمان على منتخب مصر في "
                    "مباراة ودية.";
    struct found f;
    (void)state;
    find_in(s, &f);
    assert_true(has(&f, "قناة السويس", MARSAD_ENTITY_LOC));
    assert_false(has(&f, "السويس", MARSAD_ENTITY_ORG));
    assert_true(has(&f, "باريس سان جيرمان", MARSAD_ENTITY_ORG));
    assert_true(has(&f, "مصر", MARSAD_ENTITY_LOC));
}

static void test_dotted_acronym(void **state)
{
    /* an acronym written with dots is one name, as with spaces */
    const char *s = "وقالت شركة بي.دبليو.سي في بيان إن الأرباح ارتفعت.";
    struct found f;
    (void)state;
    find_in(s, &f);
    assert_true(has(&f, "بي.دبليو.سي", MARSAD_ENTITY_ORG));
}

static int stop_at_first(void *ud, const marsad_entity *e)
{
    (void)e;
    ++*(int *)ud;
    return 7;
}

static void test_edges(void **state)
{
    int tags[1] = {-1}, calls = 0;
    const char *w[1] = {""};
    size_t len[1] = {0};
    char *big;
    size_t n = 0;
    (void)state;
    /* an empty word, no words */
    assert_int_equal(marsad_ner_tag(M.ner, w, len, 1, tags), MARSAD_OK);
    assert_int_equal(tags[0], 0);
    assert_int_equal(marsad_ner_tag(M.ner, w, len, 0, tags), MARSAD_OK);
    /* no text, Latin text, a callback that stops */
    assert_int_equal(marsad_ner_find(M.ner, "", 0, on_ent, NULL), 0);
    assert_int_equal(marsad_ner_find(M.ner, "hello world", 11, on_ent,
                                     NULL), 0);
    assert_int_equal(marsad_ner_find(M.ner, "زار بوتين موسكو وبكين", 39,
                                     stop_at_first, &calls), 7);
    assert_int_equal(calls, 1);
    /* one sentence of 3000 words, cut internally */
    big = malloc(3000 * 12 + 1);
    assert_non_null(big);
    for (int i = 0; i < 3000; i++) {
        const char *word = i % 3 ? "القاهرة " : "في ";
        memcpy(big + n, word, strlen(word));
        n += strlen(word);
    }
    {
        struct found f;
        memset(&f, 0, sizeof f);
        f.src = big;
        assert_int_equal(marsad_ner_find(M.ner, big, n, on_ent, &f), 0);
    }
    free(big);
    assert_string_equal(marsad_entity_type_name(MARSAD_ENTITY_ORG), "ORG");
    assert_string_equal(marsad_entity_type_name(9), "?");
    assert_int_equal(marsad_entity_type_parse("pers"), MARSAD_ENTITY_PER);
    assert_int_equal(marsad_entity_type_parse("Location"), MARSAD_ENTITY_LOC);
    assert_int_equal(marsad_entity_type_parse("x"), 0);
    assert_string_equal(marsad_ner_tag_name(0), "O");
    assert_string_equal(marsad_ner_tag_name(8), "I-MISC");
    assert_string_equal(marsad_ner_tag_name(9), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_images),
        cmocka_unit_test(test_conll_tags),
        cmocka_unit_test(test_running_text),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_history_reset),
        cmocka_unit_test(test_formulas),
        cmocka_unit_test(test_honorifics),
        cmocka_unit_test(test_honorific_ends_name),
        cmocka_unit_test(test_month_in_date),
        cmocka_unit_test(test_name_with_clitic_letters),
        cmocka_unit_test(test_given_name_with_clitic_letters),
        cmocka_unit_test(test_listed_longer_name),
        cmocka_unit_test(test_dotted_acronym),
        cmocka_unit_test(test_adjoin),
        cmocka_unit_test(test_adjoin_pairs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
