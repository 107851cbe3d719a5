/*
 * test_merge.c - merging the spellings of entity names (src/entity/merge.c):
 * variants merged, clitics stripped without eating a name's first letter,
 * short names joined to the full name of their article, ambiguous first
 * names and look-alikes kept apart, a city and a person written alike,
 * aliases, recognizer slips on the type, determinism, the alias parser,
 * argument errors and allocation failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "entity/merge.h"
#include "marsad.h"

/* ------------------------------------------------------------ helpers */

#define MAXM 256

typedef struct run {
    me_mention m[MAXM];
    size_t n;
    me_result *r;
} run;

static void add(run *t, uint32_t article, int type, const char *text)
{
    assert_true(t->n < MAXM);
    t->m[t->n].article = article;
    t->m[t->n].type = type;
    t->m[t->n].text = text;
    t->m[t->n].len = strlen(text);
    t->n++;
}

/* n copies of one mention, in articles first.. */
static void addn(run *t, uint32_t first, int n, int type, const char *text)
{
    int i;
    for (i = 0; i < n; i++)
        add(t, first + (uint32_t)i, type, text);
}

static void merge(run *t, const me_alias *al, size_t nal)
{
    assert_int_equal(me_merge(t->m, t->n, al, nal, NULL, &t->r), MARSAD_OK);
    assert_non_null(t->r);
}

/* The entity of the first mention with this text in this article. */
static uint32_t ent_of(const run *t, uint32_t article, const char *text)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        if (t->m[i].article == article && strcmp(t->m[i].text, text) == 0)
            return me_result_assign(t->r)[i];
    fail_msg("no mention %s in article %u", text, article);
    return 0;
}

static const me_entity *entity(const run *t, uint32_t e)
{
    assert_true(e < me_result_count(t->r));
    return &me_result_entities(t->r)[e];
}

/* Whether the entity has the variant v, and how many mentions it has. */
static uint32_t variant_count(const me_entity *e, const char *v)
{
    size_t i;
    for (i = 0; i < e->nvariant; i++)
        if (strcmp(e->variant[i].text, v) == 0)
            return e->variant[i].count;
    return 0;
}

static void done(run *t)
{
    me_result_free(t->r);
    t->r = NULL;
}

/* ------------------------------------------------------------ tests */

static void test_transliteration_variants(void **state)
{
    static run t;
    (void)state;
    memset(&t, 0, sizeof t);
    addn(&t, 1, 5, ME_PER, "توكاييف");
    addn(&t, 10, 2, ME_PER, "توكايف");
    addn(&t, 20, 4, ME_PER, "نزارباييف");
    add(&t, 30, ME_PER, "نازارباييف");
    addn(&t, 40, 6, ME_LOC, "كازاخستان");
    add(&t, 50, ME_LOC, "كازاختسان");
    addn(&t, 60, 3, ME_LOC, "بيلاروسيا");
    add(&t, 70, ME_LOC, "بيلاروس");
    addn(&t, 80, 3, ME_LOC, "قيرغيزستان");
    addn(&t, 90, 2, ME_LOC, "قرغيزستان");
    addn(&t, 100, 3, ME_PER, "سيرغي لافروف");
    add(&t, 110, ME_PER, "سيرجي لافروف");
    addn(&t, 120, 3, ME_ORG, "الكونغرس");
    add(&t, 130, ME_ORG, "الكونجرس");
    merge(&t, NULL, 0);
    assert_int_equal(ent_of(&t, 1, "توكاييف"), ent_of(&t, 10, "توكايف"));
    assert_int_equal(ent_of(&t, 20, "نزارباييف"),
                     ent_of(&t, 30, "نازارباييف"));
    assert_int_equal(ent_of(&t, 40, "كازاخستان"),
                     ent_of(&t, 50, "كازاختسان"));
    assert_int_equal(ent_of(&t, 60, "بيلاروسيا"), ent_of(&t, 70, "بيلاروس"));
    assert_int_equal(ent_of(&t, 80, "قيرغيزستان"),
                     ent_of(&t, 90, "قرغيزستان"));
    assert_int_equal(ent_of(&t, 100, "سيرغي لافروف"),
                     ent_of(&t, 110, "سيرجي لافروف"));
    assert_int_equal(ent_of(&t, 120, "الكونغرس"), ent_of(&t, 130, "الكونجرس"));
    /* and the groups stay apart */
    assert_int_not_equal(ent_of(&t, 1, "توكاييف"),
                         ent_of(&t, 20, "نزارباييف"));
    {
        const me_entity *e = entity(&t, ent_of(&t, 40, "كازاخستان"));
        assert_string_equal(e->name, "كازاخستان");
        assert_int_equal(e->type, ME_LOC);
        assert_int_equal(e->nmention, 7);
        assert_int_equal(e->narticle, 7);
        assert_int_equal(e->nvariant, 2);
        assert_string_equal(e->variant[0].text, "كازاخستان");
        assert_int_equal(e->variant[0].count, 6);
    }
    done(&t);
}

static void test_clitics(void **state)
{
    static run t;
    const me_entity *e;
    (void)state;
    memset(&t, 0, sizeof t);
    addn(&t, 1, 5, ME_LOC, "كازاخستان");
    add(&t, 10, ME_LOC, "لكازاخستان");
    add(&t, 11, ME_LOC, "وكازاخستان");
    addn(&t, 20, 4, ME_PER, "بوتين");
    add(&t, 30, ME_PER, "وبوتين");
    add(&t, 31, ME_PER, "لبوتين");
    /* names that begin with letters of the proclitics keep them */
    addn(&t, 40, 3, ME_PER, "بلينكن");
    addn(&t, 50, 3, ME_PER, "لوكاشينكو");
    addn(&t, 60, 2, ME_LOC, "فنزويلا");
    addn(&t, 70, 2, ME_LOC, "كندا");
    addn(&t, 80, 2, ME_LOC, "لبنان");
    add(&t, 85, ME_LOC, "ولبنان");
    addn(&t, 90, 3, ME_ORG, "الأمم المتحدة");
    add(&t, 95, ME_ORG, "والأمم المتحدة");
    add(&t, 96, ME_ORG, "للأمم المتحدة");
    addn(&t, 100, 2, ME_ORG, "الناتو");
    add(&t, 105, ME_ORG, "للناتو");
    /* a mention after the preposition ل of للأمم: its ل is the article's */
    add(&t, 97, ME_ORG, "لأمم المتحدة");
    /* ليبيا after the preposition (لليبيا) gains no article */
    addn(&t, 110, 3, ME_LOC, "ليبيا");
    merge(&t, NULL, 0);

    e = entity(&t, ent_of(&t, 10, "لكازاخستان"));
    assert_int_equal(e->nvariant, 1);
    assert_string_equal(e->variant[0].text, "كازاخستان");
    assert_int_equal(e->nmention, 7);
    e = entity(&t, ent_of(&t, 31, "لبوتين"));
    assert_int_equal(variant_count(e, "بوتين"), 6);
    assert_int_equal(e->nvariant, 1);
    e = entity(&t, ent_of(&t, 40, "بلينكن"));
    assert_string_equal(e->name, "بلينكن");
    e = entity(&t, ent_of(&t, 50, "لوكاشينكو"));
    assert_string_equal(e->name, "لوكاشينكو");
    assert_string_equal(entity(&t, ent_of(&t, 60, "فنزويلا"))->name,
                        "فنزويلا");
    assert_string_equal(entity(&t, ent_of(&t, 70, "كندا"))->name, "كندا");
    e = entity(&t, ent_of(&t, 85, "ولبنان"));
    assert_int_equal(variant_count(e, "لبنان"), 3);
    e = entity(&t, ent_of(&t, 96, "للأمم المتحدة"));
    assert_int_equal(variant_count(e, "الأمم المتحدة"), 6);
    assert_int_equal(e->nvariant, 1);
    assert_int_equal(ent_of(&t, 97, "لأمم المتحدة"),
                     ent_of(&t, 90, "الأمم المتحدة"));
    e = entity(&t, ent_of(&t, 110, "ليبيا"));
    assert_string_equal(e->name, "ليبيا");
    assert_int_equal(e->nvariant, 1);
    e = entity(&t, ent_of(&t, 105, "للناتو"));
    assert_int_equal(variant_count(e, "الناتو"), 3);
    done(&t);
}

static void test_short_name_in_article(void **state)
{
    static run t;
    const me_entity *e;
    (void)state;
    memset(&t, 0, sizeof t);
    add(&t, 1, ME_PER, "فلاديمير بوتين");
    add(&t, 1, ME_PER, "بوتين");
    add(&t, 1, ME_PER, "وبوتين");
    add(&t, 2, ME_PER, "قاسم جومارت توكاييف");
    add(&t, 2, ME_PER, "توكاييف");
    add(&t, 2, ME_PER, "لتوكاييف");
    add(&t, 3, ME_PER, "توكاييف");
    merge(&t, NULL, 0);
    assert_int_equal(ent_of(&t, 1, "بوتين"), ent_of(&t, 1, "فلاديمير بوتين"));
    e = entity(&t, ent_of(&t, 1, "بوتين"));
    assert_string_equal(e->name, "فلاديمير بوتين");
    assert_int_equal(e->nmention, 3);
    /* in the article, and through the only full name in the corpus */
    assert_int_equal(ent_of(&t, 2, "توكاييف"),
                     ent_of(&t, 2, "قاسم جومارت توكاييف"));
    assert_int_equal(ent_of(&t, 3, "توكاييف"),
                     ent_of(&t, 2, "قاسم جومارت توكاييف"));
    assert_int_equal(ent_of(&t, 2, "لتوكاييف"),
                     ent_of(&t, 2, "قاسم جومارت توكاييف"));
    assert_int_not_equal(ent_of(&t, 1, "بوتين"), ent_of(&t, 2, "توكاييف"));
    done(&t);
}

static void test_ambiguous_first_name(void **state)
{
    static run t;
    uint32_t luk, kol, alone;
    (void)state;
    memset(&t, 0, sizeof t);
    add(&t, 1, ME_PER, "ألكسندر لوكاشينكو");
    add(&t, 1, ME_PER, "ألكسندر");
    add(&t, 2, ME_PER, "ألكسندر كولي");
    add(&t, 3, ME_PER, "ألكسندر");
    add(&t, 4, ME_PER, "ألكسندر لوكاشينكو");
    add(&t, 4, ME_PER, "ألكسندر كولي");
    add(&t, 4, ME_PER, "ألكسندر");
    merge(&t, NULL, 0);
    luk = ent_of(&t, 1, "ألكسندر لوكاشينكو");
    kol = ent_of(&t, 2, "ألكسندر كولي");
    alone = ent_of(&t, 3, "ألكسندر");
    assert_int_not_equal(luk, kol);
    /* alone in article 3 the first name stays apart from both */
    assert_int_not_equal(alone, luk);
    assert_int_not_equal(alone, kol);
    /* in article 1 only one full name fits */
    assert_int_equal(ent_of(&t, 1, "ألكسندر"), luk);
    /* in article 4 two do: apart again */
    assert_int_equal(ent_of(&t, 4, "ألكسندر"), alone);
    assert_int_equal(ent_of(&t, 4, "ألكسندر لوكاشينكو"), luk);
    done(&t);
}

static void test_city_and_person(void **state)
{
    static run t;
    (void)state;
    memset(&t, 0, sizeof t);
    addn(&t, 1, 6, ME_LOC, "نور سلطان");
    add(&t, 7, ME_LOC, "العاصمة نور سلطان");
    add(&t, 10, ME_PER, "نور سلطان نزارباييف");
    add(&t, 10, ME_PER, "نزارباييف");
    add(&t, 10, ME_LOC, "نور سلطان");
    add(&t, 11, ME_PER, "نزارباييف");
    add(&t, 12, ME_PER, "نور سلطان نازارباييف");
    merge(&t, NULL, 0);
    assert_int_not_equal(ent_of(&t, 1, "نور سلطان"),
                         ent_of(&t, 10, "نور سلطان نزارباييف"));
    assert_int_equal(ent_of(&t, 10, "نور سلطان"), ent_of(&t, 1, "نور سلطان"));
    assert_int_equal(ent_of(&t, 7, "العاصمة نور سلطان"),
                     ent_of(&t, 1, "نور سلطان"));
    assert_int_equal(ent_of(&t, 10, "نزارباييف"),
                     ent_of(&t, 10, "نور سلطان نزارباييف"));
    assert_int_equal(ent_of(&t, 11, "نزارباييف"),
                     ent_of(&t, 10, "نور سلطان نزارباييف"));
    assert_int_equal(ent_of(&t, 12, "نور سلطان نازارباييف"),
                     ent_of(&t, 10, "نور سلطان نزارباييف"));
    assert_int_equal(entity(&t, ent_of(&t, 1, "نور سلطان"))->type, ME_LOC);
    assert_int_equal(entity(&t, ent_of(&t, 11, "نزارباييف"))->type, ME_PER);
    done(&t);
}

static void test_lookalikes_apart(void **state)
{
    static run t;
    (void)state;
    memset(&t, 0, sizeof t);
    addn(&t, 1, 3, ME_PER, "محمد بن نايف");
    addn(&t, 10, 3, ME_PER, "محمد بن نواف");
    addn(&t, 20, 3, ME_PER, "عبدالعزيز بن سعود");
    addn(&t, 30, 3, ME_PER, "عبدالعزيز بن سعد");
    addn(&t, 40, 3, ME_ORG, "حماس");
    addn(&t, 50, 3, ME_ORG, "حمس");
    addn(&t, 60, 3, ME_LOC, "النيجر");
    addn(&t, 70, 3, ME_LOC, "نيجيريا");
    addn(&t, 80, 3, ME_LOC, "الكويت");
    addn(&t, 90, 3, ME_LOC, "الكوت");
    addn(&t, 100, 3, ME_LOC, "كينيا");
    addn(&t, 110, 3, ME_LOC, "غينيا");
    addn(&t, 120, 3, ME_PER, "محمد بن سلمان بن عبدالعزيز");
    addn(&t, 130, 3, ME_PER, "سلمان بن عبدالعزيز");
    addn(&t, 140, 3, ME_PER, "دونالد ترامب");
    addn(&t, 150, 3, ME_PER, "دونالد ترامب جونيور");
    addn(&t, 160, 3, ME_ORG, "الفتح");
    addn(&t, 170, 3, ME_ORG, "فتح");
    merge(&t, NULL, 0);
    assert_int_not_equal(ent_of(&t, 1, "محمد بن نايف"),
                         ent_of(&t, 10, "محمد بن نواف"));
    assert_int_not_equal(ent_of(&t, 20, "عبدالعزيز بن سعود"),
                         ent_of(&t, 30, "عبدالعزيز بن سعد"));
    assert_int_not_equal(ent_of(&t, 40, "حماس"), ent_of(&t, 50, "حمس"));
    assert_int_not_equal(ent_of(&t, 60, "النيجر"), ent_of(&t, 70, "نيجيريا"));
    assert_int_not_equal(ent_of(&t, 80, "الكويت"), ent_of(&t, 90, "الكوت"));
    assert_int_not_equal(ent_of(&t, 100, "كينيا"), ent_of(&t, 110, "غينيا"));
    assert_int_not_equal(ent_of(&t, 120, "محمد بن سلمان بن عبدالعزيز"),
                         ent_of(&t, 130, "سلمان بن عبدالعزيز"));
    assert_int_not_equal(ent_of(&t, 140, "دونالد ترامب"),
                         ent_of(&t, 150, "دونالد ترامب جونيور"));
    assert_int_not_equal(ent_of(&t, 160, "الفتح"), ent_of(&t, 170, "فتح"));
    done(&t);
}

static const char alias_tsv[] =
    "# test table\n"
    "\n"
    "ORG\tحلف شمال الأطلسي\tالناتو\tحلف الأطلسي\n"
    "LOC\tالولايات المتحدة\tأمريكا\n"
    "*\tأوبك\tمنظمة الدول المصدرة للنفط\n";

static void test_aliases(void **state)
{
    static run t;
    me_aliases al;
    size_t errline = 99;
    const me_entity *e;
    (void)state;
    assert_int_equal(me_aliases_parse(alias_tsv, sizeof alias_tsv - 1, &al,
                                      &errline),
                     MARSAD_OK);
    assert_int_equal(errline, 0);
    assert_int_equal(al.npair, 4);
    assert_string_equal(al.pair[0].a, "حلف شمال الأطلسي");
    assert_string_equal(al.pair[1].b, "حلف الأطلسي");
    assert_int_equal(al.pair[1].type, ME_ORG);
    assert_int_equal(al.pair[3].type, 0);

    memset(&t, 0, sizeof t);
    addn(&t, 1, 2, ME_ORG, "حلف شمال الأطلسي");
    addn(&t, 10, 3, ME_ORG, "الناتو");
    add(&t, 20, ME_ORG, "وحلف الأطلسي");
    addn(&t, 30, 4, ME_LOC, "الولايات المتحدة");
    addn(&t, 40, 2, ME_LOC, "أميركا");
    addn(&t, 50, 2, ME_LOC, "واشنطن");
    addn(&t, 60, 2, ME_ORG, "أوبك");
    addn(&t, 70, 1, ME_ORG, "منظمة الدول المصدرة للنفط");
    merge(&t, al.pair, al.npair);
    assert_int_equal(ent_of(&t, 1, "حلف شمال الأطلسي"),
                     ent_of(&t, 10, "الناتو"));
    assert_int_equal(ent_of(&t, 20, "وحلف الأطلسي"),
                     ent_of(&t, 10, "الناتو"));
    e = entity(&t, ent_of(&t, 10, "الناتو"));
    assert_string_equal(e->name, "حلف شمال الأطلسي"); /* the preferred */
    assert_int_equal(e->nmention, 6);
    /* أميركا is a spelling of the alias أمريكا */
    assert_int_equal(ent_of(&t, 30, "الولايات المتحدة"),
                     ent_of(&t, 40, "أميركا"));
    /* a capital is not its state */
    assert_int_not_equal(ent_of(&t, 30, "الولايات المتحدة"),
                         ent_of(&t, 50, "واشنطن"));
    assert_int_equal(ent_of(&t, 60, "أوبك"),
                     ent_of(&t, 70, "منظمة الدول المصدرة للنفط"));
    done(&t);
    me_aliases_free(&al);
    assert_null(al.pair);

    /* without the table the acronym stays apart */
    memset(&t, 0, sizeof t);
    addn(&t, 1, 2, ME_ORG, "حلف شمال الأطلسي");
    addn(&t, 10, 3, ME_ORG, "الناتو");
    merge(&t, NULL, 0);
    assert_int_not_equal(ent_of(&t, 1, "حلف شمال الأطلسي"),
                         ent_of(&t, 10, "الناتو"));
    done(&t);
}

static void test_alias_parse_errors(void **state)
{
    me_aliases al;
    size_t line = 0;
    static const char bad_type[] = "ORG\tا\tب\n# c\nXYZ\tا\tب\n";
    static const char one_name[] = "\nLOC\tمصر\n";
    static const char empty_name[] = "LOC\tمصر\t\tالقاهرة\n";
    (void)state;
    assert_int_equal(me_aliases_parse(bad_type, sizeof bad_type - 1, &al,
                                      &line),
                     MARSAD_EINVAL);
    assert_int_equal(line, 3);
    assert_null(al.pair);
    assert_int_equal(me_aliases_parse(one_name, sizeof one_name - 1, &al,
                                      &line),
                     MARSAD_EINVAL);
    assert_int_equal(line, 2);
    assert_int_equal(me_aliases_parse(empty_name, sizeof empty_name - 1, &al,
                                      &line),
                     MARSAD_EINVAL);
    assert_int_equal(me_aliases_parse("", 0, &al, &line), MARSAD_OK);
    assert_int_equal(al.npair, 0);
    me_aliases_free(&al);
    assert_int_equal(me_aliases_parse(NULL, 0, NULL, NULL), MARSAD_EINVAL);
}

static void test_type_slip(void **state)
{
    static run t;
    uint32_t e;
    (void)state;
    memset(&t, 0, sizeof t);
    addn(&t, 1, 12, ME_PER, "بوتين");
    add(&t, 20, ME_LOC, "بوتين");
    addn(&t, 30, 3, ME_LOC, "بوتان");
    merge(&t, NULL, 0);
    e = ent_of(&t, 1, "بوتين");
    assert_int_equal(ent_of(&t, 20, "بوتين"), e);
    assert_int_equal(entity(&t, e)->type, ME_PER);
    assert_int_equal(entity(&t, e)->nmention, 13);
    assert_int_not_equal(ent_of(&t, 30, "بوتان"), e);
    done(&t);
}

static void test_surname_by_cooccurrence(void **state)
{
    static run t;
    uint32_t a;
    (void)state;
    memset(&t, 0, sizeof t);
    /* two full names with one surname; the surname is seen with the
     * first in five articles, then alone */
    addn(&t, 1, 5, ME_PER, "دونالد ترامب");
    addn(&t, 1, 5, ME_PER, "ترامب");
    add(&t, 10, ME_PER, "إيفانكا ترامب");
    addn(&t, 20, 3, ME_PER, "ترامب");
    add(&t, 30, ME_PER, "إيفانكا ترامب");
    add(&t, 30, ME_PER, "دونالد ترامب");
    add(&t, 30, ME_PER, "ترامب");
    merge(&t, NULL, 0);
    a = ent_of(&t, 1, "دونالد ترامب");
    assert_int_equal(ent_of(&t, 20, "ترامب"), a);
    assert_int_not_equal(ent_of(&t, 10, "إيفانكا ترامب"), a);
    /* where both full names are present the surname is left apart */
    assert_int_not_equal(ent_of(&t, 30, "ترامب"), a);
    assert_int_not_equal(ent_of(&t, 30, "ترامب"),
                         ent_of(&t, 10, "إيفانكا ترامب"));
    done(&t);
}

/* Same partition of the mentions whatever their order. */
static void test_deterministic(void **state)
{
    static run t, u;
    size_t i, j, perm[64];
    (void)state;
    memset(&t, 0, sizeof t);
    memset(&u, 0, sizeof u);
    addn(&t, 1, 3, ME_PER, "فلاديمير بوتين");
    addn(&t, 1, 3, ME_PER, "بوتن");
    addn(&t, 5, 2, ME_PER, "بوتين");
    addn(&t, 7, 3, ME_LOC, "كازاخستان");
    add(&t, 9, ME_LOC, "كزاخستان");
    addn(&t, 7, 2, ME_PER, "ألكسندر لوكاشينكو");
    add(&t, 12, ME_PER, "ألكسندر كولي");
    add(&t, 13, ME_PER, "ألكسندر");
    addn(&t, 14, 2, ME_ORG, "الأمم المتحدة");
    add(&t, 16, ME_ORG, "للأمم المتحدة");
    assert_true(t.n <= 64);
    for (i = 0; i < t.n; i++)
        perm[i] = (i * 7 + 3) % t.n;
    /* a permutation as long as 7 is prime to t.n */
    assert_int_not_equal(t.n % 7, 0);
    for (i = 0; i < t.n; i++)
        u.m[i] = t.m[perm[i]];
    u.n = t.n;
    merge(&t, NULL, 0);
    merge(&u, NULL, 0);
    assert_int_equal(me_result_count(t.r), me_result_count(u.r));
    for (i = 0; i < t.n; i++)
        for (j = 0; j < t.n; j++) {
            int same_t = me_result_assign(t.r)[perm[i]] ==
                         me_result_assign(t.r)[perm[j]];
            int same_u = me_result_assign(u.r)[i] == me_result_assign(u.r)[j];
            assert_int_equal(same_t, same_u);
        }
    /* names agree too */
    for (i = 0; i < t.n; i++)
        assert_string_equal(
            entity(&t, me_result_assign(t.r)[perm[i]])->name,
            entity(&u, me_result_assign(u.r)[i])->name);
    done(&t);
    done(&u);
}

static void test_resolve_and_errors(void **state)
{
    static run t;
    uint32_t ent[8];
    size_t ne = 99;
    me_result *r = (me_result *)&ne;
    (void)state;
    memset(&t, 0, sizeof t);
    add(&t, 1, ME_PER, "بوتين");
    add(&t, 1, ME_PER, "بوتن");
    add(&t, 2, ME_LOC, "روسيا");
    assert_int_equal(me_resolve(t.m, t.n, NULL, 0, ent, &ne), MARSAD_OK);
    assert_int_equal(ne, 2);
    assert_int_equal(ent[0], 0);
    assert_int_equal(ent[1], 0);
    assert_int_equal(ent[2], 1);
    /* empty input */
    assert_int_equal(me_resolve(NULL, 0, NULL, 0, NULL, &ne), MARSAD_OK);
    assert_int_equal(ne, 0);
    assert_int_equal(me_merge(NULL, 0, NULL, 0, NULL, &r), MARSAD_OK);
    assert_int_equal(me_result_count(r), 0);
    me_result_free(r);
    /* a bad type */
    t.m[2].type = 9;
    r = (me_result *)&ne;
    assert_int_equal(me_merge(t.m, t.n, NULL, 0, NULL, &r), MARSAD_EINVAL);
    assert_null(r);
    assert_int_equal(me_merge(t.m, t.n, NULL, 0, NULL, NULL), MARSAD_EINVAL);
    /* junk bytes and empty texts do not crash */
    t.m[2].type = ME_MISC;
    t.m[2].text = "\xff\xfe \x80 ";
    t.m[2].len = 6;
    t.m[1].text = "";
    t.m[1].len = 0;
    assert_int_equal(me_resolve(t.m, t.n, NULL, 0, ent, &ne), MARSAD_OK);
    assert_true(ne >= 2);
}

/* Odd texts: clitics alone, long words, many words, marks, Latin. */
static void test_hostile(void **state)
{
    static run t;
    static char longword[4000], manywords[4000], marks[600];
    size_t i, k;
    uint32_t ent[MAXM];
    size_t ne;
    (void)state;
    memset(&t, 0, sizeof t);
    for (i = 0, k = 0; i < 1500; i++)
        k += (size_t)marsad_utf8_encode(0x0628 + (uint32_t)(i % 20),
                                        longword + k);
    longword[k] = '\0';
    for (i = 0, k = 0; i < 600; i++) {
        memcpy(manywords + k, "\xd9\x88\xd9\x84 ", 5); /* "ول " */
        k += 5;
    }
    manywords[k] = '\0';
    for (i = 0, k = 0; i < 250; i++) {
        memcpy(marks + k, "\xd9\x8e", 2); /* fatha */
        k += 2;
    }
    marks[k] = '\0';
    add(&t, 1, ME_PER, "و");
    add(&t, 1, ME_PER, "لل");
    add(&t, 1, ME_LOC, "ال");
    add(&t, 2, ME_ORG, longword);
    add(&t, 2, ME_ORG, longword);
    add(&t, 3, ME_MISC, manywords);
    add(&t, 3, ME_PER, marks);
    add(&t, 4, ME_ORG, "NATO");
    add(&t, 4, ME_ORG, "nato");
    add(&t, 5, ME_PER, "بن");
    add(&t, 5, ME_PER, "بن بن بن");
    add(&t, 6, ME_PER, "عبد");
    add(&t, 6, ME_PER, "الرئيس");
    add(&t, 7, ME_LOC, "مدينة");
    add(&t, 7, ME_ORG, "حزب");
    assert_int_equal(me_resolve(t.m, t.n, NULL, 0, ent, &ne), MARSAD_OK);
    assert_int_equal(ent[3], ent[4]);
    assert_int_equal(ent[7], ent[8]); /* case folded */
    assert_true(ne <= t.n);
}

/* An allocator failing at the nth allocation. */
typedef struct failing {
    long left;  /* allocations before the failure, -1 never */
    long live;  /* blocks allocated and not freed */
} failing;

static void *f_malloc(void *ud, size_t n)
{
    failing *f = ud;
    void *p;
    if (f->left == 0)
        return NULL;
    if (f->left > 0)
        f->left--;
    p = malloc(n);
    if (p)
        f->live++;
    return p;
}

static void *f_realloc(void *ud, void *p, size_t n)
{
    failing *f = ud;
    void *q;
    if (f->left == 0)
        return NULL;
    if (f->left > 0)
        f->left--;
    q = realloc(p, n);
    if (q && !p)
        f->live++;
    return q;
}

static void f_free(void *ud, void *p)
{
    failing *f = ud;
    if (p)
        f->live--;
    free(p);
}

static void test_allocation_failures(void **state)
{
    static run t;
    failing f;
    marsad_allocator al;
    long n;
    int ok = 0;
    me_aliases als;
    (void)state;
    memset(&t, 0, sizeof t);
    addn(&t, 1, 3, ME_PER, "فلاديمير بوتين");
    addn(&t, 1, 3, ME_PER, "بوتين");
    add(&t, 5, ME_PER, "ألكسندر");
    addn(&t, 6, 2, ME_PER, "ألكسندر لوكاشينكو");
    add(&t, 8, ME_PER, "ألكسندر كولي");
    addn(&t, 9, 2, ME_LOC, "كازاخستان");
    add(&t, 9, ME_LOC, "لكازاختسان");
    addn(&t, 9, 2, ME_ORG, "الناتو");
    add(&t, 9, ME_ORG, "حلف شمال الأطلسي");
    assert_int_equal(me_aliases_parse(alias_tsv, sizeof alias_tsv - 1, &als,
                                      NULL),
                     MARSAD_OK);
    al.malloc = f_malloc;
    al.realloc = f_realloc;
    al.free = f_free;
    al.ud = &f;
    for (n = 0; n < 100000 && !ok; n++) {
        me_result *r = NULL;
        int rc;
        f.left = n;
        f.live = 0;
        rc = me_merge(t.m, t.n, als.pair, als.npair, &al, &r);
        if (rc == MARSAD_OK) {
            assert_non_null(r);
            assert_true(me_result_count(r) > 0);
            me_result_free(r);
            ok = 1;
        } else {
            assert_int_equal(rc, MARSAD_ENOMEM);
            assert_null(r);
        }
        assert_int_equal(f.live, 0);
    }
    assert_true(ok);
    assert_true(n > 10);
    me_aliases_free(&als);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transliteration_variants),
        cmocka_unit_test(test_clitics),
        cmocka_unit_test(test_short_name_in_article),
        cmocka_unit_test(test_ambiguous_first_name),
        cmocka_unit_test(test_city_and_person),
        cmocka_unit_test(test_lookalikes_apart),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_alias_parse_errors),
        cmocka_unit_test(test_type_slip),
        cmocka_unit_test(test_surname_by_cooccurrence),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_resolve_and_errors),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
