/*
 * cmd_story.c - marsad stories, marsad story ID and marsad digest: the
 * stories of the store, each with its outlets, dates, entities, timeline,
 * the figures its outlets corroborate or contest, and its quotes.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "entity/nermodel.h"
#include "store/stories.h"
#include "story/align.h"

static FILE *report_stream;

FILE *cli_report(void) { return report_stream ? report_stream : stdout; }
void cli_report_to(FILE *f) { report_stream = f; }

/* The pass with the given options (threshold and window < 0: defaults). */
static int story_pass(md_db *db, int progress, double threshold,
                      double window)
{
    mt_options opt;
    mt_stats st;
    char err[1024], dfpath[4096];
    const char *env = getenv("MARSAD_STORY_DF");

    mt_options_default(&opt);
    if (threshold >= 0)
        opt.cluster.threshold = threshold;
    if (window >= 0)
        opt.cluster.window = window;
    if (env && *env)
        opt.df_path = env;
    else if (mx_data_find("story-df.tsv", dfpath, sizeof dfpath))
        opt.df_path = dfpath;
    if (mt_update(db, &opt, progress, &st, err, sizeof err)) {
        fprintf(stderr, "marsad: stories: %s (the stories stored before "
                        "stay; the next ingest does this pass again)\n",
                err);
        return -1;
    }
    if (st.articles)
        fprintf(cli_report(),
                "stories: %lld articles placed in %.1f s: %lld "
                "near-duplicates, %lld joined a story, %lld new stories "
                "(%lld open stories loaded)\n",
                (long long)st.articles, st.secs, (long long)st.near_dups,
                (long long)st.joined, (long long)st.new_stories,
                (long long)st.loaded);
    return 0;
}

int cli_story_pass(md_db *db, int progress)
{
    return story_pass(db, progress, -1, -1);
}

/* ------------------------------------------------------------ reading */

/* One article of a story. */
typedef struct sart {
    int64_t id, original;
    char *outlet, *title, *text, *date;
    size_t len;
} sart;

typedef struct sent {
    int64_t id;
    char *name;
    int type;
    int64_t articles, mentions;
} sent;

typedef struct story {
    int64_t id, label_article, count;
    double first, last;
    char *label;
    sart *a;
    size_t na;
    sent *e;
    size_t ne;
    char **outlets;       /* distinct, in order of first article */
    size_t nout;
    /* for alignment */
    ma_article *ma;
    ma_mention *mm;
    size_t nmm;
    ma_fact *mf;
    size_t nmf;
    char **names;         /* owned names of mentions */
    size_t nnames;
} story;

static char *dup_col(sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    return t ? strdup((const char *)t) : NULL;
}

static const char *base_name(const char *p)
{
    const char *s = p ? strrchr(p, '/') : NULL;
    return s ? s + 1 : (p ? p : "");
}

static void story_free(story *s)
{
    for (size_t i = 0; i < s->na; i++) {
        free(s->a[i].outlet);
        free(s->a[i].title);
        free(s->a[i].text);
        free(s->a[i].date);
    }
    for (size_t i = 0; i < s->ne; i++)
        free(s->e[i].name);
    for (size_t i = 0; i < s->nnames; i++)
        free(s->names[i]);
    free(s->names);
    free(s->a);
    free(s->e);
    free(s->outlets);
    free(s->label);
    free(s->ma);
    free(s->mm);
    free(s->mf);
    memset(s, 0, sizeof *s);
}

static long art_index(const story *s, int64_t id)
{
    size_t lo = 0, hi = s->na;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->a[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->na && s->a[lo].id == id ? (long)lo : -1;
}

/* Union-find over article indexes: one outlet, or copies of one text,
 * are one source. */
static size_t uf_find(size_t *p, size_t i)
{
    while (p[i] != i) {
        p[i] = p[p[i]];
        i = p[i];
    }
    return i;
}

static int load_alignment(sqlite3 *db, story *s)
{
    sqlite3_stmt *q = NULL;
    size_t cap = 0, *parent = NULL;
    int rc = -1;

    s->ma = calloc(s->na ? s->na : 1, sizeof *s->ma);
    parent = malloc((s->na ? s->na : 1) * sizeof *parent);
    if (!s->ma || !parent)
        goto out;
    for (size_t i = 0; i < s->na; i++)
        parent[i] = i;
    for (size_t i = 0; i < s->na; i++) {
        for (size_t j = 0; j < i; j++)
            if (s->a[i].outlet && s->a[j].outlet &&
                strcmp(s->a[i].outlet, s->a[j].outlet) == 0) {
                parent[uf_find(parent, i)] = uf_find(parent, j);
                break;
            }
        long o = s->a[i].original ? art_index(s, s->a[i].original) : -1;
        if (o >= 0)
            parent[uf_find(parent, i)] = uf_find(parent, (size_t)o);
    }
    for (size_t i = 0; i < s->na; i++) {
        ma_article *m = &s->ma[i];
        m->id = s->a[i].id;
        m->source = s->a[i].outlet ? s->a[i].outlet : "";
        m->group = s->a[uf_find(parent, i)].id;
        m->text = s->a[i].text ? s->a[i].text : "";
        m->len = s->a[i].len;
        if (s->a[i].date)
            sscanf(s->a[i].date, "%d-%d-%d", &m->year, &m->month, &m->day);
    }

    /* mentions in the bodies */
    if (sqlite3_prepare_v2(db,
                           "SELECT m.article, m.start, m.end, m.type, "
                           "m.entity, coalesce(e.name, m.surface) FROM "
                           "story_articles s JOIN mentions m ON m.article = "
                           "s.article AND m.field = 0 LEFT JOIN entities e "
                           "ON e.id = m.entity WHERE s.story = ?1 ORDER BY "
                           "m.article, m.start",
                           -1, &q, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_int64(q, 1, s->id);
    while (sqlite3_step(q) == SQLITE_ROW) {
        long ai = art_index(s, sqlite3_column_int64(q, 0));
        size_t st = (size_t)sqlite3_column_int64(q, 1),
               en = (size_t)sqlite3_column_int64(q, 2);
        if (ai < 0 || st > en || en > s->a[ai].len)
            continue;
        if (s->nmm == cap) {
            cap = cap ? cap * 2 : 256;
            ma_mention *t = realloc(s->mm, cap * sizeof *t);
            char **n = realloc(s->names, cap * sizeof *n);
            if (t)
                s->mm = t;
            if (n)
                s->names = n;
            if (!t || !n)
                goto out;
        }
        char *name = dup_col(q, 5);
        if (!name)
            goto out;
        s->names[s->nnames++] = name;
        s->mm[s->nmm++] = (ma_mention){(size_t)ai, st, en,
                                       sqlite3_column_int(q, 3),
                                       sqlite3_column_int64(q, 4), name};
    }
    sqlite3_finalize(q);

    /* facts of the bodies, with the quote speaker's entity */
    cap = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT f.article, f.field, f.kind, f.start, "
                           "f.end, f.flags, f.value, f.value_max, f.bound, "
                           "f.unit_start, f.unit_end, f.iso, f.granularity, "
                           "f.text_start, f.text_end, f.speaker_start, "
                           "f.speaker_end, f.medium_start, f.medium_end, "
                           "m.entity FROM story_articles s JOIN facts f ON "
                           "f.article = s.article AND f.field = 0 LEFT JOIN "
                           "mentions m ON m.article = f.article AND m.field "
                           "= f.field AND m.start = f.speaker_mention WHERE "
                           "s.story = ?1 ORDER BY f.article, f.start, "
                           "f.kind",
                           -1, &q, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_int64(q, 1, s->id);
    while (sqlite3_step(q) == SQLITE_ROW) {
        long ai = art_index(s, sqlite3_column_int64(q, 0));
        marsad_fact f;
        if (ai < 0 || cli_row_fact(q, s->a[ai].len, &f))
            continue;
        if (s->nmf == cap) {
            cap = cap ? cap * 2 : 256;
            ma_fact *t = realloc(s->mf, cap * sizeof *t);
            if (!t)
                goto out;
            s->mf = t;
        }
        s->mf[s->nmf++] = (ma_fact){(size_t)ai, f,
                                    sqlite3_column_int64(q, 19)};
    }
    rc = 0;
out:
    sqlite3_finalize(q);
    free(parent);
    return rc;
}

/* Reads story id: its articles (by id), outlets, label and entities;
 * with align, also what ma_align needs.  0, 1 when there is no such
 * story, -1 on error. */
static int load_story(sqlite3 *db, int64_t id, int align, story *s)
{
    sqlite3_stmt *q = NULL;
    size_t cap = 0;
    int rc = -1;

    memset(s, 0, sizeof *s);
    s->id = id;
    if (sqlite3_prepare_v2(db,
                           "SELECT articles, first, last, label_article FROM "
                           "stories WHERE id = ?1",
                           -1, &q, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_int64(q, 1, id);
    if (sqlite3_step(q) != SQLITE_ROW) {
        rc = 1;
        goto out;
    }
    s->count = sqlite3_column_int64(q, 0);
    s->first = sqlite3_column_type(q, 1) == SQLITE_NULL
                   ? NAN
                   : sqlite3_column_double(q, 1);
    s->last = sqlite3_column_type(q, 2) == SQLITE_NULL
                  ? NAN
                  : sqlite3_column_double(q, 2);
    s->label_article = sqlite3_column_int64(q, 3);
    sqlite3_finalize(q);

    if (sqlite3_prepare_v2(db,
                           "SELECT a.id, coalesce(n.original, 0), "
                           "coalesce(nullif(a.source, ''), nullif(a.credit, "
                           "''), a.file), a.title, a.text, "
                           "coalesce(d.date, a.date) FROM story_articles s "
                           "JOIN articles a ON a.id = s.article LEFT JOIN "
                           "near_dups n ON n.article = a.id LEFT JOIN "
                           "article_dates d ON d.article = a.id WHERE "
                           "s.story = ?1 ORDER BY a.id",
                           -1, &q, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_int64(q, 1, id);
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (s->na == cap) {
            cap = cap ? cap * 2 : 16;
            sart *t = realloc(s->a, cap * sizeof *t);
            if (!t)
                goto out;
            s->a = t;
        }
        sart *a = &s->a[s->na++];
        memset(a, 0, sizeof *a);
        a->id = sqlite3_column_int64(q, 0);
        a->original = sqlite3_column_int64(q, 1);
        const char *o = (const char *)sqlite3_column_text(q, 2);
        a->outlet = o ? strdup(base_name(o)) : NULL;
        a->title = dup_col(q, 3);
        a->text = dup_col(q, 4);
        a->len = a->text ? (size_t)sqlite3_column_bytes(q, 4) : 0;
        a->date = dup_col(q, 5);
    }
    sqlite3_finalize(q);
    q = NULL;

    /* outlets, distinct */
    s->outlets = calloc(s->na ? s->na : 1, sizeof *s->outlets);
    if (!s->outlets)
        goto out;
    for (size_t i = 0; i < s->na; i++) {
        size_t k;
        if (!s->a[i].outlet)
            continue;
        for (k = 0; k < s->nout; k++)
            if (strcmp(s->outlets[k], s->a[i].outlet) == 0)
                break;
        if (k == s->nout)
            s->outlets[s->nout++] = s->a[i].outlet;
    }
    /* label: the chosen article's title, else its first line */
    long li = art_index(s, s->label_article);
    if (li < 0 && s->na)
        li = 0;
    if (li >= 0) {
        const sart *a = &s->a[li];
        if (a->title && *a->title)
            s->label = strdup(a->title);
        else if (a->text) {
            size_t n = strcspn(a->text, "\n");
            if (n > 160) {
                n = 160;
                while (n && ((unsigned char)a->text[n] & 0xC0) == 0x80)
                    n--;
            }
            s->label = strndup(a->text, n);
        }
    }

    /* key entities: in most articles, then most mentions */
    if (sqlite3_prepare_v2(db,
                           "SELECT e.id, e.name, e.type, count(DISTINCT "
                           "m.article) c, count(*) n FROM story_articles s "
                           "JOIN mentions m ON m.article = s.article JOIN "
                           "entities e ON e.id = m.entity WHERE s.story = "
                           "?1 GROUP BY e.id ORDER BY c DESC, n DESC, e.id "
                           "LIMIT 24",
                           -1, &q, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_int64(q, 1, id);
    s->e = calloc(24, sizeof *s->e);
    if (!s->e)
        goto out;
    while (sqlite3_step(q) == SQLITE_ROW && s->ne < 24) {
        sent *e = &s->e[s->ne++];
        e->id = sqlite3_column_int64(q, 0);
        e->name = dup_col(q, 1);
        e->type = sqlite3_column_int(q, 2);
        e->articles = sqlite3_column_int64(q, 3);
        e->mentions = sqlite3_column_int64(q, 4);
    }
    sqlite3_finalize(q);
    q = NULL;
    if (align && load_alignment(db, s))
        goto out;
    rc = 0;
out:
    sqlite3_finalize(q);
    if (rc < 0)
        fprintf(stderr, "marsad: story %lld: %s\n", (long long)id,
                sqlite3_errmsg(db));
    return rc;
}

/* ----------------------------------------------------------- printing */

static const char *fact_surface(const story *s, const ma_fact *f, char *buf,
                                size_t cap)
{
    const sart *a = &s->a[f->article];
    size_t n = f->f.end - f->f.start;
    if (n >= cap)
        n = cap - 1;
    while (n && ((unsigned char)a->text[f->f.start + n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, a->text + f->f.start, n);
    buf[n] = 0;
    for (char *p = buf; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return buf;
}

/* A number with its thousands grouped: 12,000,000; 1.5. */
static void group_digits(double x, char *buf, size_t cap)
{
    char t[48];
    size_t n, lead, k = 0, j = 0;
    snprintf(t, sizeof t, "%.15g", x);
    if (strchr(t, 'e') || cap < 2) {
        snprintf(buf, cap, "%s", t);
        return;
    }
    if (t[0] == '-')
        buf[k++] = t[j++];
    n = strcspn(t + j, ".");
    lead = n % 3 ? n % 3 : 3;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        if (i && (i - lead) % 3 == 0 && i >= lead)
            buf[k++] = ',';
        buf[k++] = t[j + i];
    }
    snprintf(buf + k, cap - k, "%s", t + j + n);
}

static void value_string(const ma_value *v, char *buf, size_t cap)
{
    if (v->kind == MARSAD_FACT_DATE) {
        snprintf(buf, cap, "%s", v->iso);
        if (v->granularity == MARSAD_GRAN_DECADE)
            snprintf(buf, cap, "%s0s", v->iso);
        else if (v->granularity == MARSAD_GRAN_CENTURY)
            snprintf(buf, cap, "%s00s", v->iso);
    } else if (v->value_max != v->value) {
        char a[32], b[32];
        group_digits(v->value, a, sizeof a);
        group_digits(v->value_max, b, sizeof b);
        snprintf(buf, cap, "%s-%s", a, b);
    } else
        group_digits(v->value, buf, cap);
}

/* The distinct outlets (or article numbers) behind a list of facts. */
static void print_sources(const ma_input *in, const size_t *facts,
                          size_t n)
{
    int64_t seen[64];
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        const ma_article *a = &in->articles[in->facts[facts[i]].article];
        size_t k;
        for (k = 0; k < ns; k++)
            if (seen[k] == a->id)
                break;
        if (k < ns || ns == 64)
            continue;
        seen[ns++] = a->id;
        printf("%s%s #%lld", ns > 1 ? ", " : "",
               *a->source ? a->source : "?", (long long)a->id);
    }
}

static json_t *sources_json(const ma_input *in, const size_t *facts,
                            size_t n, json_t **articles)
{
    json_t *src = json_array();
    *articles = json_array();
    for (size_t i = 0; i < n; i++) {
        const ma_article *a = &in->articles[in->facts[facts[i]].article];
        size_t k, na = json_array_size(*articles);
        for (k = 0; k < na; k++)
            if (json_integer_value(json_array_get(*articles, k)) == a->id)
                break;
        if (k < na)
            continue;
        json_array_append_new(*articles, json_integer(a->id));
        int dupsrc = 0;
        for (k = 0; k < json_array_size(src); k++)
            if (strcmp(json_string_value(json_array_get(src, k)),
                       a->source) == 0)
                dupsrc = 1;
        if (!dupsrc && *a->source)
            json_array_append_new(src, json_string(a->source));
    }
    return src;
}

static const char *speaker_name(const story *s, int64_t id)
{
    for (size_t i = 0; i < s->nmm; i++)
        if (s->mm[i].entity == id)
            return s->mm[i].name;
    return "?";
}

/* Who said a quote: the speaker entity's name, else the words that
 * describe the speaker (وزير المياه الأردني), else "". */
static const char *quote_speaker(const story *s, const ma_fact *f,
                                 char *buf, size_t cap)
{
    const sart *a = &s->a[f->article];
    size_t n = f->f.speaker_end - f->f.speaker_start;
    if (f->speaker)
        return speaker_name(s, f->speaker);
    if (n >= cap)
        n = cap - 1;
    while (n && ((unsigned char)a->text[f->f.speaker_start + n] & 0xC0) ==
                    0x80)
        n--;
    memcpy(buf, a->text + f->f.speaker_start, n);
    buf[n] = 0;
    return buf;
}

static int same_span(const story *s, const ma_fact *x, const ma_fact *y)
{
    size_t n = x->f.text_end - x->f.text_start;
    return n == y->f.text_end - y->f.text_start &&
           memcmp(s->a[x->article].text + x->f.text_start,
                  s->a[y->article].text + y->f.text_start, n) == 0;
}

/* Notable quotes: direct quotes of key entities first, then any quote
 * whose speaker is named or described; one per speaker, none twice (a
 * near-copy repeats its original's quotes), of a readable length. */
static size_t pick_quotes(const story *s, size_t *out, size_t max)
{
    char a[256], b[256];
    size_t n = 0;
    for (int pass = 0; pass < 2 && n < max; pass++)
        for (size_t i = 0; i < s->nmf && n < max; i++) {
            const ma_fact *f = &s->mf[i];
            size_t len = f->f.text_end - f->f.text_start, k;
            int key = 0;
            if (f->f.kind != MARSAD_FACT_QUOTE || len < 30 || len > 420 ||
                (!f->speaker && (f->f.flags & MARSAD_QUOTE_PRONOUN) &&
                 !(f->f.flags & MARSAD_QUOTE_BODY)))
                continue;
            if (!*quote_speaker(s, f, a, sizeof a))
                continue;
            for (k = 0; k < s->ne && k < 12; k++)
                if (s->e[k].id == f->speaker)
                    key = 1;
            if (pass == 0 && (!key || !(f->f.flags & MARSAD_QUOTE_DIRECT)))
                continue;
            for (k = 0; k < n; k++)
                if (out[k] == i || same_span(s, &s->mf[out[k]], f) ||
                    strcmp(quote_speaker(s, &s->mf[out[k]], b, sizeof b),
                           a) == 0)
                    break;
            if (k < n)
                continue;
            out[n++] = i;
        }
    return n;
}

static void print_span(const char *t, size_t a, size_t b, size_t max)
{
    size_t n = b - a;
    int cut = 0;
    if (n > max) {
        n = max;
        while (n && ((unsigned char)t[a + n] & 0xC0) == 0x80)
            n--;
        cut = 1;
    }
    for (size_t i = 0; i < n; i++)
        putchar(t[a + i] == '\n' ? ' ' : t[a + i]);
    if (cut)
        fputs("…", stdout);
}

static void print_header(const story *s)
{
    char f[11], l[11];
    printf("story %lld: %s\n", (long long)s->id, s->label ? s->label : "");
    printf("  %lld article%s, %zu outlet%s", (long long)s->count,
           s->count == 1 ? "" : "s", s->nout, s->nout == 1 ? "" : "s");
    if (!isnan(s->first)) {
        mv_iso(s->first, f);
        mv_iso(s->last, l);
        if (strcmp(f, l))
            printf(", %s to %s", f, l);
        else
            printf(", %s", f);
    } else
        printf(", undated");
    putchar('\n');
    if (s->nout) {
        printf("  outlets: ");
        for (size_t i = 0; i < s->nout; i++)
            printf("%s%s", i ? ", " : "", s->outlets[i]);
        putchar('\n');
    }
}

static void print_entities(const story *s, size_t max)
{
    size_t shown = 0;
    if (!s->ne)
        return;
    printf("  key entities: ");
    for (size_t i = 0; i < s->ne && shown < max; i++) {
        printf("%s%s (%s, %lld)", shown ? ", " : "", s->e[i].name,
               marsad_entity_type_name(s->e[i].type),
               (long long)s->e[i].articles);
        shown++;
    }
    putchar('\n');
    shown = 0;
    for (size_t i = 0; i < s->ne && shown < 6; i++)
        if (s->e[i].type == MARSAD_ENTITY_LOC)
            printf("%s%s", shown++ ? ", " : "  places: ", s->e[i].name);
    if (shown)
        putchar('\n');
}

static void print_digest(const story *s, const ma_input *in,
                         const ma_result *r, size_t max_items)
{
    char buf[512], v[64];
    print_header(s);
    print_entities(s, 8);
    if (r->nevents) {
        printf("  timeline:\n");
        for (size_t i = 0; i < r->nevents && i < max_items; i++) {
            const ma_event *e = &r->events[i];
            printf("    %-10s  ", e->iso);
            fputs(e->clause ? e->clause : "", stdout);
            printf("  [");
            print_sources(in, e->facts, e->nfacts);
            printf("]\n");
        }
    }
    if (r->nclaims) {
        printf("  key figures:\n");
        for (size_t i = 0; i < r->nclaims && i < max_items; i++) {
            const ma_claim *c = &r->claims[i];
            printf("    %-13s ", ma_status_name(c->status));
            if (c->subject && *c->subject)
                printf("%s: ", c->subject);
            for (size_t k = 0; k < c->nvalues; k++) {
                const ma_value *val = &c->values[k];
                value_string(val, v, sizeof v);
                printf("%s%s \"%s\" [", k ? " | " : "", v,
                       val->nfacts ? fact_surface(s, &in->facts[val->facts[0]],
                                                  buf, sizeof buf)
                                   : "");
                print_sources(in, val->facts, val->nfacts);
                printf("]");
            }
            if (c->status == MA_SINGLE)
                putchar('\n');
            else
                printf(" (%zu independent sources)\n", c->nsources);
        }
    }
    size_t q[5], nq = pick_quotes(s, q, 5);
    if (nq) {
        printf("  quotes:\n");
        for (size_t i = 0; i < nq; i++) {
            const ma_fact *f = &s->mf[q[i]];
            const sart *a = &s->a[f->article];
            printf("    %s: «", quote_speaker(s, f, buf, sizeof buf));
            print_span(a->text, f->f.text_start, f->f.text_end, 300);
            printf("» [%s #%lld]\n", a->outlet ? a->outlet : "?",
                   (long long)a->id);
        }
    }
}

static json_t *story_json(const story *s, const ma_input *in,
                          const ma_result *r)
{
    json_t *o = json_object(), *arr;
    char d[11], buf[512], v[64];

    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "label", s->label ? json_string(s->label)
                                             : json_null());
    arr = json_array();
    for (size_t i = 0; i < s->na; i++)
        json_array_append_new(arr, json_integer(s->a[i].id));
    json_object_set_new(o, "articles", arr);
    arr = json_array();
    for (size_t i = 0; i < s->nout; i++)
        json_array_append_new(arr, json_string(s->outlets[i]));
    json_object_set_new(o, "sources", arr);
    arr = json_array();
    for (size_t i = 0; i < s->na; i++)
        if (s->a[i].original)
            json_array_append_new(
                arr, json_pack("{s:I,s:I}", "article",
                               (json_int_t)s->a[i].id, "copy_of",
                               (json_int_t)s->a[i].original));
    json_object_set_new(o, "near_duplicates", arr);
    json_object_set_new(o, "first", isnan(s->first)
                                        ? json_null()
                                        : json_string(mv_iso(s->first, d)));
    json_object_set_new(o, "last", isnan(s->last)
                                       ? json_null()
                                       : json_string(mv_iso(s->last, d)));
    arr = json_array();
    json_t *places = json_array();
    for (size_t i = 0; i < s->ne; i++) {
        json_array_append_new(
            arr, json_pack("{s:I,s:s,s:s,s:I,s:I}", "id", (json_int_t)s->e[i].id,
                           "name", s->e[i].name ? s->e[i].name : "", "type",
                           marsad_entity_type_name(s->e[i].type), "articles",
                           (json_int_t)s->e[i].articles, "mentions",
                           (json_int_t)s->e[i].mentions));
        if (s->e[i].type == MARSAD_ENTITY_LOC && s->e[i].name)
            json_array_append_new(places, json_string(s->e[i].name));
    }
    json_object_set_new(o, "entities", arr);
    json_object_set_new(o, "places", places);
    if (!in)
        return o;

    arr = json_array();
    for (size_t i = 0; i < r->nevents; i++) {
        const ma_event *e = &r->events[i];
        json_t *arts, *src = sources_json(in, e->facts, e->nfacts, &arts);
        json_t *ents = json_array();
        for (size_t k = 0; k < e->nentities; k++)
            json_array_append_new(ents, json_integer(e->entities[k]));
        json_array_append_new(
            arr, json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:I}", "date", e->iso,
                           "granularity",
                           marsad_granularity_name(e->granularity), "text",
                           e->clause ? e->clause : "", "entities", ents,
                           "articles", arts, "sources", src, "independent",
                           (json_int_t)e->nsources));
    }
    json_object_set_new(o, "timeline", arr);

    arr = json_array();
    for (size_t i = 0; i < r->nclaims; i++) {
        const ma_claim *c = &r->claims[i];
        json_t *vals = json_array();
        for (size_t k = 0; k < c->nvalues; k++) {
            const ma_value *val = &c->values[k];
            json_t *arts, *src = sources_json(in, val->facts, val->nfacts,
                                              &arts);
            json_t *vo = json_object();
            if (val->kind == MARSAD_FACT_DATE) {
                json_object_set_new(vo, "value", json_string(val->iso));
                json_object_set_new(
                    vo, "granularity",
                    json_string(marsad_granularity_name(val->granularity)));
            } else {
                json_object_set_new(vo, "value", json_real(val->value));
                if (val->value_max != val->value)
                    json_object_set_new(vo, "value_max",
                                        json_real(val->value_max));
                json_object_set_new(vo, "bound",
                                    json_string(marsad_bound_name(val->bound)));
            }
            value_string(val, v, sizeof v);
            json_object_set_new(
                vo, "surface",
                json_string(val->nfacts
                                ? fact_surface(s, &in->facts[val->facts[0]],
                                               buf, sizeof buf)
                                : ""));
            json_object_set_new(vo, "articles", arts);
            json_object_set_new(vo, "sources", src);
            json_object_set_new(vo, "independent",
                                json_integer((json_int_t)val->nsources));
            json_array_append_new(vals, vo);
        }
        json_array_append_new(
            arr, json_pack("{s:s,s:s,s:s,s:o,s:I}", "kind",
                           c->kind == MARSAD_FACT_DATE ? "date" : "number",
                           "subject", c->subject ? c->subject : "", "status",
                           ma_status_name(c->status), "values", vals,
                           "independent", (json_int_t)c->nsources));
    }
    json_object_set_new(o, "facts", arr);

    arr = json_array();
    size_t q[8], nq = pick_quotes(s, q, 8);
    for (size_t i = 0; i < nq; i++) {
        const ma_fact *f = &s->mf[q[i]];
        const sart *a = &s->a[f->article];
        json_array_append_new(
            arr, json_pack("{s:s,s:o,s:s%,s:I,s:s}", "speaker",
                           quote_speaker(s, f, buf, sizeof buf), "speaker_id",
                           f->speaker ? json_integer((json_int_t)f->speaker)
                                      : json_null(),
                           "text",
                           a->text + f->f.text_start,
                           (size_t)(f->f.text_end - f->f.text_start),
                           "article", (json_int_t)a->id, "source",
                           a->outlet ? a->outlet : ""));
    }
    json_object_set_new(o, "quotes", arr);
    return o;
}

static int emit_json(json_t *o)
{
    char *t;
    if (!o)
        return -1;
    t = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(o);
    if (!t)
        return -1;
    puts(t);
    free(t);
    return 0;
}

/* Prints one story's digest (text or JSON); articles: list them too. */
static int show_story(sqlite3 *db, int64_t id, int json, int articles,
                      size_t max_items)
{
    story s;
    ma_input in;
    ma_result r;
    int rc = load_story(db, id, 1, &s);
    if (rc) {
        story_free(&s);
        return rc;
    }
    memset(&r, 0, sizeof r);
    in = (ma_input){s.ma, s.na, s.mm, s.nmm, s.mf, s.nmf};
    if (ma_align(&in, &r)) {
        fprintf(stderr, "marsad: story %lld: out of memory\n",
                (long long)id);
        ma_result_free(&r);
        story_free(&s);
        return -1;
    }
    if (json)
        rc = emit_json(story_json(&s, &in, &r));
    else {
        print_digest(&s, &in, &r, max_items);
        if (articles) {
            printf("  articles:\n");
            for (size_t i = 0; i < s.na; i++) {
                const sart *a = &s.a[i];
                printf("    #%-6lld %-10.10s  %-18s  %s", (long long)a->id,
                       a->date ? a->date : "", a->outlet ? a->outlet : "",
                       a->title ? a->title : "");
                if (a->original)
                    printf("  (near-copy of #%lld)", (long long)a->original);
                putchar('\n');
            }
        }
        putchar('\n');
    }
    ma_result_free(&r);
    story_free(&s);
    return rc;
}

/* ------------------------------------------------------------ commands */

void cli_usage_stories(const char *cmd, FILE *f)
{
    if (strcmp(cmd, "digest") == 0)
        fprintf(f,
"usage: marsad digest [OPTIONS] [PATH...]\n"
"\n"
"The main job: ingests the given files and directories (as marsad ingest\n"
"does), or uses the database as it is when none are given, and prints\n"
"its stories, the widest first: label, outlets and dates, key entities,\n"
"a timeline of dated events (each told once, with all its sources), the\n"
"key figures with what the outlets agree on (corroborated), disagree on\n"
"(contested) or what only one outlet says (single-source), and notable\n"
"quotes.\n"
"\n"
"Options:\n"
"  --db FILE     database (default $MARSAD_DB, else ./marsad.db)\n"
"  --json        JSON Lines, one object per story: id, label, articles,\n"
"                sources, near_duplicates, first, last, entities, places,\n"
"                timeline, facts (kind, subject, status, values with\n"
"                their articles and sources), quotes\n"
"  --limit N     stories shown (default 10; 0 for all)\n"
"  --min N       only stories of at least N articles (default 1)\n"
"  --items N     timeline events and figures shown per story (default 8)\n"
"  --quiet       no progress while ingesting\n");
    else if (strcmp(cmd, "story") == 0)
        fprintf(f,
"usage: marsad story [OPTIONS] ID\n"
"\n"
"Shows one story as marsad digest does, with the list of its articles\n"
"(near-copies marked).\n"
"\n"
"Options:\n"
"  --db FILE     database (default $MARSAD_DB, else ./marsad.db)\n"
"  --json        one JSON object, as a line of marsad digest --json\n"
"  --items N     timeline events and figures shown (default 20)\n");
    else
        fprintf(f,
"usage: marsad stories [OPTIONS]\n"
"\n"
"Lists the stories: articles about one event, across outlets, grouped as\n"
"they arrive.  Widest stories first (most outlets, then most articles,\n"
"then latest).\n"
"\n"
"Options:\n"
"  --db FILE     database (default $MARSAD_DB, else ./marsad.db)\n"
"  --json        JSON Lines, one object per story: id, label, articles\n"
"                (ids), sources, near_duplicates, first, last, entities,\n"
"                places\n"
"  --limit N     stories listed (default 20, all with --json; 0 for all)\n"
"  --min N       only stories of at least N articles (default 1)\n"
"  --recent      latest first\n"
"  --rebuild     place every article again (after changing the model\n"
"                files, or with the options below)\n"
"  --threshold X least similarity (0..1) for an article to join a story\n"
"                (default 0.25); implies --rebuild, and later ingests\n"
"                go back to the default\n"
"  --window D    days a story stays open after its latest article\n"
"                (default 4); implies --rebuild\n");
}

typedef struct list_opts {
    const char *db;
    int json, recent, quiet, rebuild;
    long long limit, min, items;
    double threshold, window;
} list_opts;

static int parse_count(const char *s, long long *v)
{
    char *end;
    long long x = strtoll(s, &end, 10);
    if (!*s || *end || x < 0)
        return -1;
    *v = x;
    return 0;
}

/* Shared options; returns the index of the first operand, or -1 after
 * printing the problem (-2 for --help). */
static int parse_opts(const char *cmd, int argc, char **argv, list_opts *o,
                      const char **operands, size_t *nop)
{
    *nop = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0 && i + 1 < argc)
            o->db = argv[++i];
        else if (strcmp(a, "--json") == 0)
            o->json = 1;
        else if (strcmp(a, "--recent") == 0 && strcmp(cmd, "stories") == 0)
            o->recent = 1;
        else if (strcmp(a, "--rebuild") == 0 && strcmp(cmd, "stories") == 0)
            o->rebuild = 1;
        else if ((strcmp(a, "--threshold") == 0 ||
                  strcmp(a, "--window") == 0) &&
                 strcmp(cmd, "stories") == 0 && i + 1 < argc) {
            char *end;
            double x = strtod(argv[++i], &end);
            if (!*argv[i] || *end || !(x >= 0) ||
                (a[2] == 't' && x > 1) || x > 3650) {
                fprintf(stderr, "marsad %s: bad %s '%s'\n", cmd, a,
                        argv[i]);
                return -1;
            }
            if (a[2] == 't')
                o->threshold = x;
            else
                o->window = x;
        }
        else if ((strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) &&
                 strcmp(cmd, "digest") == 0)
            o->quiet = 1;
        else if ((strcmp(a, "--limit") == 0 || strcmp(a, "--min") == 0 ||
                  strcmp(a, "--items") == 0) &&
                 i + 1 < argc) {
            long long *dst = a[2] == 'l' ? &o->limit
                             : a[2] == 'm' ? &o->min
                                           : &o->items;
            if (parse_count(argv[++i], dst)) {
                fprintf(stderr, "marsad %s: bad %s '%s'\n", cmd, a, argv[i]);
                return -1;
            }
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            cli_usage_stories(cmd, stdout);
            return -2;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "marsad %s: unknown option '%s'\n", cmd, a);
            cli_usage_stories(cmd, stderr);
            return -1;
        } else
            operands[(*nop)++] = a;
    }
    return 0;
}

static int open_ro(const char *cmd, const char *dbopt, md_db **db)
{
    char err[1024];
    const char *path = cli_db_path(dbopt);
    if (md_open(path, 1, db, err, sizeof err)) {
        fprintf(stderr, "marsad %s: %s\n", cmd, err);
        return -1;
    }
    return 0;
}

static const char *order_sql(int recent)
{
    return recent ? " ORDER BY s.last IS NULL, s.last DESC, s.id DESC"
                  : " ORDER BY outlets DESC, s.articles DESC, s.last IS "
                    "NULL, s.last DESC, s.id";
}

/* The ids of the stories to show, in order. */
static int story_ids(sqlite3 *db, const list_opts *o, int64_t **ids,
                     size_t *n)
{
    char sql[1024];
    sqlite3_stmt *q;
    size_t cap = 0;
    snprintf(sql, sizeof sql,
             "SELECT s.id, (SELECT count(DISTINCT coalesce(nullif(a.source, "
             "''), nullif(a.credit, ''), a.file)) FROM story_articles x JOIN "
             "articles a ON a.id = x.article WHERE x.story = s.id) outlets "
             "FROM stories s WHERE s.articles >= ?1%s",
             order_sql(o->recent));
    *ids = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        fprintf(stderr, "marsad: the store has no stories yet (run 'marsad "
                        "ingest' again to place its articles): %s\n",
                sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_int64(q, 1, o->min);
    while (sqlite3_step(q) == SQLITE_ROW &&
           (o->limit == 0 || (long long)*n < o->limit)) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            int64_t *t = realloc(*ids, cap * sizeof *t);
            if (!t) {
                sqlite3_finalize(q);
                return -1;
            }
            *ids = t;
        }
        (*ids)[(*n)++] = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    return 0;
}

int cmd_stories(int argc, char **argv)
{
    list_opts o = {NULL, 0, 0, 0, 0, -1, 1, 8, -1, -1};
    const char **ops = calloc((size_t)argc + 1, sizeof *ops);
    size_t nop, n = 0;
    int64_t *ids = NULL;
    md_db *db;
    int rc = 0, p;

    if (!ops)
        return 2;
    p = parse_opts("stories", argc, argv, &o, ops, &nop);
    free(ops);
    if (p < 0)
        return p == -2 ? 0 : 2;
    if (nop) {
        fprintf(stderr, "marsad stories: unexpected '%s' (marsad story ID "
                        "shows one)\n", argv[argc - 1]);
        return 2;
    }
    if (o.limit < 0)
        o.limit = o.json ? 0 : 20;
    if (o.rebuild || o.threshold >= 0 || o.window >= 0) {
        char err[1024];
        const char *path = cli_db_path(o.db);
        if (md_open(path, 0, &db, err, sizeof err)) {
            fprintf(stderr, "marsad stories: %s\n", err);
            return 2;
        }
        if (md_begin(db) || mt_reset(db) || md_commit(db)) {
            fprintf(stderr, "marsad stories: cannot clear the stories: %s\n",
                    md_errmsg(db));
            md_rollback(db);
            md_close(db);
            return 2;
        }
        cli_report_to(stderr);
        rc = story_pass(db, isatty(STDERR_FILENO), o.threshold, o.window);
        cli_report_to(NULL);
        md_close(db);
        if (rc)
            return 2;
    }
    if (open_ro("stories", o.db, &db))
        return 1;
    if (story_ids(md_sqlite(db), &o, &ids, &n)) {
        md_close(db);
        return 1;
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        story s;
        if (load_story(md_sqlite(db), ids[i], 0, &s) < 0) {
            rc = 1;
        } else if (o.json) {
            if (emit_json(story_json(&s, NULL, NULL)))
                rc = 1;
        } else {
            print_header(&s);
            print_entities(&s, 6);
        }
        story_free(&s);
    }
    free(ids);
    md_close(db);
    return rc;
}

int cmd_story(int argc, char **argv)
{
    list_opts o = {NULL, 0, 0, 0, 0, -1, 1, 20, -1, -1};
    const char **ops = calloc((size_t)argc + 1, sizeof *ops);
    size_t nop;
    long long id;
    md_db *db;
    int rc, p;

    if (!ops)
        return 2;
    p = parse_opts("story", argc, argv, &o, ops, &nop);
    if (p < 0) {
        free(ops);
        return p == -2 ? 0 : 2;
    }
    if (nop != 1 || parse_count(ops[0], &id)) {
        fprintf(stderr, "marsad story: give one story id (see marsad "
                        "stories)\n");
        free(ops);
        return 2;
    }
    free(ops);
    if (open_ro("story", o.db, &db))
        return 1;
    rc = show_story(md_sqlite(db), id, o.json, 1, (size_t)o.items);
    if (rc == 1)
        fprintf(stderr, "marsad story: no story %lld\n", id);
    md_close(db);
    return rc ? 1 : 0;
}

int cmd_digest(int argc, char **argv)
{
    list_opts o = {NULL, 0, 0, 0, 0, 10, 1, 8, -1, -1};
    const char **ops = calloc((size_t)argc + 1, sizeof *ops);
    size_t nop, n = 0;
    int64_t *ids = NULL;
    md_db *db;
    int rc = 0, p;

    if (!ops)
        return 2;
    p = parse_opts("digest", argc, argv, &o, ops, &nop);
    if (p < 0) {
        free(ops);
        return p == -2 ? 0 : 2;
    }
    if (nop) {
        /* ingest first, reporting on stderr so stdout stays the digest */
        char **iargv = calloc(nop + 4, sizeof *iargv);
        int k = 0;
        if (!iargv) {
            free(ops);
            return 2;
        }
        if (o.db) {
            iargv[k++] = "--db";
            iargv[k++] = (char *)o.db;
        }
        if (o.quiet)
            iargv[k++] = "--quiet";
        for (size_t i = 0; i < nop; i++)
            iargv[k++] = (char *)ops[i];
        cli_report_to(stderr);
        rc = cmd_ingest(k, iargv);
        cli_report_to(NULL);
        free(iargv);
        if (rc == 2) {
            free(ops);
            return 2;
        }
        fputc('\n', stderr);
    }
    free(ops);
    if (open_ro("digest", o.db, &db))
        return 1;
    if (story_ids(md_sqlite(db), &o, &ids, &n)) {
        md_close(db);
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        if (show_story(md_sqlite(db), ids[i], o.json, 0, (size_t)o.items) <
            0)
            rc = 1;
    free(ids);
    md_close(db);
    return rc;
}
