/*
 * cmd_facts.c - marsad facts: the numbers, dates and quotes of the stored
 * articles, or of text files given on the command line.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "entity/entities.h"
#include "entity/nermodel.h"
#include "store/facts.h"

static void usage_facts(FILE *f)
{
    fputs(
"usage: marsad facts [--kind number|date|quote] [--article ID] [--json]\n"
"                    [--limit N] [--db FILE]\n"
"       marsad facts --text [--date YYYY-MM-DD] [--kind K] [--json]\n"
"                    [--model FILE] [FILE...]\n"
"\n"
"Lists the numbers and quantities, dates and quotations of the stored\n"
"articles (every ingest finds them), or with --text those of FILEs or\n"
"standard input, read as plain text.\n"
"\n"
"  --kind K      only facts of kind K (number, date or quote)\n"
"  --article ID  only the facts of one article\n"
"  --json        JSON Lines, one object per fact: kind, article, start,\n"
"                end, surface; value, unit, approx, bound (numbers);\n"
"                value (ISO 8601), granularity (dates); speaker, text\n"
"                (quotes); and more, see docs/facts.md\n"
"  --limit N     at most N facts (default: all)\n"
"  --db FILE     the database (default: $MARSAD_DB, else marsad.db)\n"
"  --text        read FILEs (or standard input) instead of the database\n"
"  --date D      (--text) the document date that relative dates (أمس,\n"
"                الخميس, العام الماضي) are resolved against\n"
"  --model FILE  (--text) the entity model that names quote speakers\n"
"\n"
"Offsets are bytes into the article's stored text (or the file).  Exit\n"
"status: 0, 1 when a file or the database could not be read, 2 on a\n"
"usage error.\n", f);
}

void cli_usage_facts(FILE *f)
{
    usage_facts(f);
}

static json_t *jstr(const char *s, size_t a, size_t b)
{
    if (b <= a)
        return json_null();
    return json_stringn(s + a, b - a);
}

json_t *cli_fact_json(const marsad_fact *f, const char *text)
{
    json_t *o = json_object();
    char iso[32];
    if (!o)
        return NULL;
    json_object_set_new(o, "kind", json_string(marsad_fact_kind_name(f->kind)));
    json_object_set_new(o, "start", json_integer((json_int_t)f->start));
    json_object_set_new(o, "end", json_integer((json_int_t)f->end));
    json_object_set_new(o, "surface", jstr(text, f->start, f->end));
    switch (f->kind) {
    case MARSAD_FACT_NUMBER:
        json_object_set_new(o, "value", json_real(f->value));
        if (f->flags & MARSAD_NUM_RANGE)
            json_object_set_new(o, "value_max", json_real(f->value_max));
        json_object_set_new(o, "unit", jstr(text, f->unit_start, f->unit_end));
        json_object_set_new(o, "approx",
                            json_boolean(f->flags & MARSAD_NUM_APPROX));
        json_object_set_new(o, "bound",
                            marsad_bound_name(f->bound)
                                ? json_string(marsad_bound_name(f->bound))
                                : json_null());
        json_object_set_new(o, "vague", json_boolean(f->flags & MARSAD_NUM_VAGUE));
        json_object_set_new(o, "range", json_boolean(f->flags & MARSAD_NUM_RANGE));
        json_object_set_new(o, "ordinal",
                            json_boolean(f->flags & MARSAD_NUM_ORDINAL));
        json_object_set_new(o, "percent",
                            json_boolean(f->flags & MARSAD_NUM_PERCENT));
        json_object_set_new(o, "fraction",
                            json_boolean(f->flags & MARSAD_NUM_FRACTION));
        break;
    case MARSAD_FACT_DATE:
        marsad_fact_iso(f, iso);
        json_object_set_new(o, "value", iso[0] ? json_string(iso) : json_null());
        json_object_set_new(o, "granularity",
                            json_string(marsad_granularity_name(f->granularity)));
        json_object_set_new(o, "relative",
                            json_boolean(f->flags & MARSAD_DATE_RELATIVE));
        json_object_set_new(o, "resolved",
                            json_boolean(!(f->flags & MARSAD_DATE_UNRESOLVED)));
        json_object_set_new(o, "hijri", json_boolean(f->flags & MARSAD_DATE_HIJRI));
        break;
    case MARSAD_FACT_QUOTE:
        json_object_set_new(o, "text", jstr(text, f->text_start, f->text_end));
        json_object_set_new(o, "direct",
                            json_boolean(f->flags & MARSAD_QUOTE_DIRECT));
        json_object_set_new(o, "speaker_text",
                            jstr(text, f->speaker_start, f->speaker_end));
        json_object_set_new(o, "medium", jstr(text, f->medium_start, f->medium_end));
        break;
    default:
        break;
    }
    return o;
}

/* The one-line form of a fact: start, end, kind, surface and the value. */
void cli_quote_speaker(json_t *o, const marsad_fact *f, const char *text,
                       const char *entity)
{
    if (entity) {
        json_object_set_new(o, "speaker", json_string(entity));
        json_object_set_new(o, "speaker_kind", json_string("entity"));
    } else if ((f->flags & MARSAD_QUOTE_BODY) &&
               f->speaker_end > f->speaker_start) {
        json_object_set_new(o, "speaker",
                            jstr(text, f->speaker_start, f->speaker_end));
        json_object_set_new(o, "speaker_kind", json_string("body"));
    } else {
        json_object_set_new(o, "speaker", json_null());
        json_object_set_new(o, "speaker_kind", json_null());
    }
}

void cli_fact_line(FILE *out, const marsad_fact *f, const char *text,
                   const char *speaker)
{
    char iso[32];
    fprintf(out, "%zu\t%zu\t%s\t%.*s", f->start, f->end,
            marsad_fact_kind_name(f->kind), (int)(f->end - f->start),
            text + f->start);
    switch (f->kind) {
    case MARSAD_FACT_NUMBER:
        fprintf(out, "\t= %.15g", f->value);
        if (f->flags & MARSAD_NUM_RANGE)
            fprintf(out, "..%.15g", f->value_max);
        if (f->flags & MARSAD_NUM_PERCENT)
            fputs(" %", out);
        if (f->unit_end > f->unit_start)
            fprintf(out, " [%.*s]", (int)(f->unit_end - f->unit_start),
                    text + f->unit_start);
        if (f->flags & MARSAD_NUM_APPROX)
            fputs(" approx", out);
        if (marsad_bound_name(f->bound))
            fprintf(out, " %s", marsad_bound_name(f->bound));
        if (f->flags & MARSAD_NUM_VAGUE)
            fputs(" vague", out);
        if (f->flags & MARSAD_NUM_ORDINAL)
            fputs(" ordinal", out);
        break;
    case MARSAD_FACT_DATE:
        marsad_fact_iso(f, iso);
        fprintf(out, "\t= %s (%s)", iso[0] ? iso : "unresolved",
                marsad_granularity_name(f->granularity));
        if (f->flags & MARSAD_DATE_RELATIVE)
            fputs(" relative", out);
        if (f->flags & MARSAD_DATE_HIJRI)
            fputs(" hijri", out);
        break;
    case MARSAD_FACT_QUOTE:
        if (speaker)
            fprintf(out, "\t— %s", speaker);
        else if (f->speaker_end > f->speaker_start)
            fprintf(out, "\t— %.*s", (int)(f->speaker_end - f->speaker_start),
                    text + f->speaker_start);
        else
            fputs("\t— ?", out);
        break;
    default:
        break;
    }
    fputc('\n', out);
}

/* ------------------------------------------------------------ --text */

struct ents {
    marsad_entity *e;
    size_t n, cap;
};

static int on_ent(void *ud, const marsad_entity *e)
{
    struct ents *v = ud;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        marsad_entity *p = realloc(v->e, cap * sizeof *p);
        if (!p)
            return MARSAD_ENOMEM;
        v->e = p;
        v->cap = cap;
    }
    v->e[v->n++] = *e;
    return 0;
}

struct text_out {
    const char *name;
    const char *text;
    const struct ents *ents;
    FILE *out;
    int json;
};

static int on_fact(void *ud, const marsad_fact *f)
{
    struct text_out *t = ud;
    char spk[512];
    const char *speaker = NULL;
    if (f->kind == MARSAD_FACT_QUOTE && f->speaker >= 0 &&
        (size_t)f->speaker < t->ents->n) {
        const marsad_entity *e = &t->ents->e[f->speaker];
        snprintf(spk, sizeof spk, "%.*s", (int)(e->end - e->start),
                 t->text + e->start);
        mx_hashtag_spaces(spk, strlen(spk)); /* as stored */
        speaker = spk;
    }
    if (t->json) {
        json_t *o = cli_fact_json(f, t->text);
        char *s;
        if (!o)
            return MARSAD_ENOMEM;
        json_object_set_new(o, "file", json_string(t->name));
        if (f->kind == MARSAD_FACT_QUOTE)
            cli_quote_speaker(o, f, t->text, speaker);
        s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(15));
        json_decref(o);
        if (!s)
            return MARSAD_ENOMEM;
        fprintf(t->out, "%s\n", s);
        free(s);
    } else {
        cli_fact_line(t->out, f, t->text, speaker);
    }
    return 0;
}

static int parse_date(const char *s, int *y, int *m, int *d)
{
    char tail;
    if (sscanf(s, "%d-%d-%d%c", y, m, d, &tail) != 3 || *m < 1 || *m > 12 ||
        *d < 1 || *d > 31)
        return -1;
    return 0;
}

static int facts_text(FILE *in, const char *name, marsad_facts *fx,
                      marsad_ner *ner, const marsad_facts_doc *tmpl,
                      int json, int many, FILE *out)
{
    size_t len;
    char *text = cli_read_all(in, &len);
    struct ents ents = {0};
    struct text_out t;
    marsad_facts_doc doc = *tmpl;
    int rc = 0;

    if (!text) {
        fprintf(stderr, "marsad facts: %s: read error or out of memory\n",
                name);
        return 1;
    }
    if (ner)
        rc = marsad_ner_find(ner, text, len, on_ent, &ents);
    if (rc == 0) {
        if (many && !json)
            fprintf(out, "# file: %s\n", name);
        doc.entities = ents.e;
        doc.nentities = ents.n;
        t.name = name;
        t.text = text;
        t.ents = &ents;
        t.out = out;
        t.json = json;
        rc = marsad_facts_find(fx, text, len, &doc, on_fact, &t);
    }
    free(ents.e);
    free(text);
    if (rc != MARSAD_OK) {
        fprintf(stderr, "marsad facts: %s: %s\n", name, marsad_strerror(rc));
        return 1;
    }
    return 0;
}

static int run_text(int argc, char **argv, int i, const char *model,
                    const marsad_facts_doc *doc, int json)
{
    mx_model m;
    marsad_ner *ner = NULL;
    marsad_facts *fx;
    char err[512];
    int status = 0, e = 0;

    fx = marsad_facts_new(NULL, &e);
    if (!fx) {
        fprintf(stderr, "marsad facts: %s\n", marsad_strerror(e));
        return 1;
    }
    if (!doc->kinds || (doc->kinds & (1u << MARSAD_FACT_QUOTE))) {
        if (mx_model_open(&m, model, err, sizeof err)) {
            fprintf(stderr, "marsad facts: %s; quotes will have no named "
                    "speakers\n", err);
            if (model) {
                marsad_facts_free(fx);
                return 2;
            }
        } else {
            ner = m.ner;
        }
    }
    if (i == argc)
        status = facts_text(stdin, "<stdin>", fx, ner, doc, json, 0, stdout);
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            status = 1;
            continue;
        }
        if (facts_text(f, argv[i], fx, ner, doc, json, argc - i > 1 || status,
                       stdout))
            status = 1;
        fclose(f);
    }
    if (ner)
        mx_model_close(&m);
    marsad_facts_free(fx);
    return status;
}

/* ------------------------------------------------------------ command */

int cmd_facts(int argc, char **argv)
{
    const char *model = NULL, *dbopt = NULL;
    marsad_facts_doc doc;
    int json = 0, text = 0, i;
    int64_t article = 0, limit = -1;

    memset(&doc, 0, sizeof doc);
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "--text")) {
            text = 1;
        } else if (!strcmp(a, "--kind") && i + 1 < argc) {
            int k = marsad_fact_kind_parse(argv[++i]);
            if (!k) {
                fprintf(stderr, "marsad facts: --kind: '%s' is not number, "
                        "date or quote\n", argv[i]);
                return 2;
            }
            doc.kinds |= 1u << k;
        } else if (!strcmp(a, "--article") && i + 1 < argc) {
            char *end;
            article = strtoll(argv[++i], &end, 10);
            if (*end || article <= 0) {
                fprintf(stderr, "marsad facts: --article: '%s' is not an "
                        "article id\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--limit") && i + 1 < argc) {
            char *end;
            limit = strtoll(argv[++i], &end, 10);
            if (*end || limit < 0) {
                fprintf(stderr, "marsad facts: --limit: '%s' is not a count\n",
                        argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--date") && i + 1 < argc) {
            if (parse_date(argv[++i], &doc.year, &doc.month, &doc.day)) {
                fprintf(stderr, "marsad facts: --date: '%s' is not "
                        "YYYY-MM-DD\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--model") && i + 1 < argc) {
            model = argv[++i];
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            dbopt = argv[++i];
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage_facts(stdout);
            return 0;
        } else if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "marsad facts: unknown option %s\n", a);
            usage_facts(stderr);
            return 2;
        } else {
            break;
        }
    }
    if (text)
        return run_text(argc, argv, i, model, &doc, json);
    if (i < argc) {
        fprintf(stderr, "marsad facts: unexpected argument '%s' (files are "
                "read only with --text)\n", argv[i]);
        return 2;
    }
    return cli_facts_list(cli_db_path(dbopt), doc.kinds, article, limit, json);
}
