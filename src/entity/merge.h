/*
 * merge.h - merging the spellings of entity names into canonical entities.
 *
 * The recognizer finds mentions (an article, a surface form, a type); the
 * same entity is written many ways across outlets: long vowels written or
 * not (توكاييف / توكايف), ي/ى and ة/ه, ج/غ/ك for g (سيرغي / سيرجي), typos
 * (كازاخستان / كازاختسان), other endings (بيلاروس / بيلاروسيا), a short
 * form for the full name (بوتين for فلاديمير بوتين), an alias or an acronym
 * (الناتو for حلف شمال الأطلسي).  me_merge groups the mentions into
 * entities, and keeps apart names that only look alike: two people who
 * share a first name, a city and a person written the same way.
 *
 * Pure computation: no I/O, no globals; the alias table is parsed from a
 * buffer the caller read (src/entity/aliases.tsv is the reviewed source).
 *
 * How (merge.c has the details and the reasons):
 *   1. A proclitic on the first word (و ف ب ل ك, لل for ال) is taken off
 *      when the segmenter and the corpus agree: "لكازاخستان" counts as
 *      "كازاخستان", while "بلينكن" and "لوكاشينكو" keep their first letter.
 *   2. Each stripped form and type is a node; its comparison key drops
 *      the article, titles for people (الرئيس, and الروسي after one) and
 *      designators for places and organisations (جمهورية، مدينة، حركة ...),
 *      and joins compound names (عبد الله).  A consonant skeleton of it (no
 *      long vowels; letter classes for g, t, s, z, d, h) and its one-letter
 *      deletions are blocking keys: only nodes that share a key and a type
 *      are compared, never all pairs.
 *   3. Candidates are verified token by token with a weighted edit
 *      distance (cheap long vowels, doubled letters, letter classes and
 *      transpositions; a threshold growing with the token's length; a
 *      final alef or ة on a person's name is another person; short Arabic
 *      given names and genealogies compared exactly); a node joins the
 *      cluster of its best match among more frequent nodes when it is also
 *      close to that cluster's head, so chains do not drift.
 *   4. Alias pairs join the clusters of their two names (a name not found
 *      as written is looked up by its spelling variants).
 *   5. A short person name (بوتين, قاسم توكاييف, ألكسندر, بن سلمان) goes to
 *      the full name containing it in the same article when exactly one is
 *      there (and stays apart when two are); otherwise to the only full
 *      name containing it in the corpus, or, for a surname, to the one it
 *      is paired with in at least 90% of the articles that pair it (3 at
 *      least), or failing such articles to one that has 20 times the
 *      mentions of all the other candidates together; otherwise it stays
 *      an entity of its own (ألكسندر with two full names).
 *   6. A mention whose type is rare for its form (under 20% of the form's
 *      mentions) takes the form's main type, unless it is a person name
 *      with a matching full name in its article: a recognizer slip on
 *      "بوتين" does not make a place, while "نور سلطان" as a city and
 *      "نور سلطان نزارباييف" as a person stay two entities.
 *
 * Deterministic: ids follow the input order and every tie is broken on
 * counts and bytes, never on hash values.  Time is about linear in the
 * mentions (sorting aside): some 2 million mentions with 170,000 distinct
 * surfaces take about 3.5 s of one core and at most 250 MB (some
 * 100 bytes per mention, most of it for sorting).
 *
 * Limits: one spelling may name two things of one type (عمان: Oman and
 * Amman; الأهلي: several clubs), and then they merge; a spelling far from
 * the others (غوغل / جوجل, two letters changed in four) stays apart unless
 * the alias table joins it; the decisions rest on the recognizer's types.
 */
#ifndef MARSAD_ENTITY_MERGE_H
#define MARSAD_ENTITY_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "marsad.h"

/* Entity types, the same numbers as the recognizer's MARSAD_ENTITY_*. */
enum { ME_PER = 1, ME_LOC, ME_ORG, ME_MISC };

/* "PER", "LOC", "ORG", "MISC", or "?" */
const char *me_type_name(int type);
/* The type named by s[0..n) ("PER" or "PERS", "LOC", "ORG", "MISC", any
 * case), or 0. */
int me_type_parse(const char *s, size_t n);

/* One mention as the recognizer found it. */
typedef struct me_mention {
    uint32_t article; /* article id */
    const char *text; /* surface form, UTF-8 (need not be valid), as in the
                         article; its first word may carry proclitics */
    size_t len;       /* its length in bytes */
    int type;         /* ME_PER .. ME_MISC, as tagged */
} me_mention;

/* Two names of one entity.  Mentions whose clitic-stripped form is a (or
 * b) join the entity of the mentions of b (or a).  The entity is named
 * after a when a occurs in it. */
typedef struct me_alias {
    const char *a; /* the preferred name, UTF-8 */
    size_t na;
    const char *b; /* another name */
    size_t nb;
    int type;      /* ME_PER .., or 0: the type each name mostly has */
} me_alias;

/* A parsed alias table; its strings live in `text`. */
typedef struct me_aliases {
    me_alias *pair; /* npair pairs */
    size_t npair;
    char *text;     /* storage of the names, NUL-terminated each */
} me_aliases;

/*
 * Parses an alias table from buf[0..len) (the format of aliases.tsv: one
 * group a line, "TYPE<TAB>preferred<TAB>other<TAB>other ...", TYPE one of
 * PER LOC ORG MISC or * for any; blank lines and lines starting with #
 * ignored).  Each group gives one pair (preferred, other) per other name.
 * Returns MARSAD_OK and fills *out (free with me_aliases_free), or
 * MARSAD_EINVAL with the 1-based number of the bad line in *errline (when
 * not NULL: an unknown type, a group of fewer than two names, an empty
 * name) or MARSAD_ENOMEM; *out is then empty.
 */
int me_aliases_parse(const char *buf, size_t len, me_aliases *out,
                     size_t *errline);
/* Frees what me_aliases_parse allocated and empties *al. */
void me_aliases_free(me_aliases *al);

/* One spelling of an entity, clitics stripped, marks and tatweel removed,
 * words separated by one space. */
typedef struct me_variant {
    const char *text; /* UTF-8, NUL-terminated */
    size_t len;
    uint32_t count;   /* mentions of the entity written so */
} me_variant;

/* A merged entity. */
typedef struct me_entity {
    int type;                  /* the majority of its mentions' types */
    const char *name;          /* canonical name, NUL-terminated */
    size_t nname;
    uint32_t nmention;         /* mentions */
    const me_variant *variant; /* spellings, most frequent first (then by
                                  bytes) */
    size_t nvariant;
    const uint32_t *article;   /* distinct article ids, ascending */
    size_t narticle;
} me_entity;

typedef struct me_result me_result;

/*
 * Merges the n mentions m[0..n).  aliases may be NULL when naliases is 0;
 * alloc may be NULL for malloc.  Returns MARSAD_OK and *out (free with
 * me_result_free), MARSAD_EINVAL (a type outside ME_PER..ME_MISC, n too
 * large for 32-bit ids, or out NULL) or MARSAD_ENOMEM; on error *out is
 * NULL and nothing is left allocated.  The mentions' texts are not kept.
 */
int me_merge(const me_mention *m, size_t n, const me_alias *aliases,
             size_t naliases, const marsad_allocator *alloc,
             me_result **out);

/* Number of entities; they are numbered 0.. in the order of their first
 * mention. */
size_t me_result_count(const me_result *r);
/* The entities, me_result_count of them; valid until me_result_free. */
const me_entity *me_result_entities(const me_result *r);
/* The entity of each mention, in the order given to me_merge. */
const uint32_t *me_result_assign(const me_result *r);
void me_result_free(me_result *r);

/*
 * Convenience: merges like me_merge and fills entity[i] for every mention
 * i with an entity number 0..*nentities-1.  Returns 0 or a negative
 * MARSAD_E* code (entity and *nentities are then left untouched).
 */
int me_resolve(const me_mention *m, size_t n, const me_alias *aliases,
               size_t naliases, uint32_t *entity, size_t *nentities);

#endif
