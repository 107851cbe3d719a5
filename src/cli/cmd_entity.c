/*
 * cmd_entity.c - the entity commands: entities (list), entity NAME (one
 * entity in context), and the entity pass that ingest runs.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "cli/cli.h"
#include "entity/entities.h"
#include "entity/nermodel.h"
#include "store/store.h"

int cli_entity_pass(md_db *db, const char *model, int progress)
{
    mx_model m;
    me_aliases al;
    mx_stats st;
    char err[1024];
    int rc;

    if (mx_model_open(&m, model, err, sizeof err)) {
        fprintf(stderr, "marsad: entities not updated: %s\n", err);
        return -1;
    }
    if (mx_aliases_builtin(&al) != MARSAD_OK) {
        fprintf(stderr, "marsad: entities not updated: the built-in alias "
                        "table is unusable\n");
        mx_model_close(&m);
        return -1;
    }
    rc = mx_update(db, m.ner, &al, 0, progress, &st, err, sizeof err);
    if (rc)
        fprintf(stderr, "marsad: entities: %s (what was committed stays; "
                        "the next ingest goes on from there)\n", err);
    else if (st.articles || st.entities)
        fprintf(cli_report(), "entities: %lld articles read in %.1f s, "
               "%lld mentions "
               "found; %lld mentions merged into %lld entities in %.1f s\n",
               (long long)st.articles, st.find_s, (long long)st.found,
               (long long)st.mentions, (long long)st.entities, st.merge_s);
    me_aliases_free(&al);
    mx_model_close(&m);
    return rc;
}

/*
 * The entity a name designates: the one with the most mentions among
 * those having the name as a variant (search spelling, any clitics of the
 * first word tried off too).  Returns 1 and *id, 0 when none, -1 on a
 * database error.
 */
int cli_entity_lookup(sqlite3 *db, const char *name, int64_t *id)
{
    sqlite3_stmt *st;
    char *key = mx_name_key(name, strlen(name));
    int found = 0;

    if (!key)
        return -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT e.id FROM entity_names n JOIN entities e "
                           "ON e.id = n.entity WHERE n.key = ?1 ORDER BY "
                           "n.count DESC, e.mentions DESC, e.id LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK) {
        free(key);
        return -1;
    }
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        found = 1;
    }
    sqlite3_finalize(st);
    free(key);
    return found;
}

/* Prints the names closest to `name` among the entity names (same first
 * letters), to help after a miss. */
static void suggest(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st;
    char *key = mx_name_key(name, strlen(name));
    size_t n;
    int shown = 0;
    if (!key)
        return;
    n = strlen(key);
    /* Up to three letters (six bytes of Arabic) of prefix. */
    if (n > 6)
        key[6] = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT e.name, e.mentions FROM entities e WHERE "
                           "e.id IN (SELECT entity FROM entity_names WHERE "
                           "key >= ?1 AND key < ?1 || x'ff') ORDER BY "
                           "e.mentions DESC LIMIT 5",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            fprintf(stderr, "%s %s (%d)", shown ? "," : "  did you mean:",
                    (const char *)sqlite3_column_text(st, 0),
                    sqlite3_column_int(st, 1));
            shown = 1;
        }
        if (shown)
            fputc('\n', stderr);
        sqlite3_finalize(st);
    }
    free(key);
}

static int open_db(const char *opt, md_db **db)
{
    char err[1024];
    if (md_open(cli_db_path(opt), 1, db, err, sizeof err)) {
        fprintf(stderr, "marsad: %s\n", err);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ entities */

static void usage_entities(FILE *f)
{
    fputs(
"usage: marsad entities [--type PER|LOC|ORG|MISC] [--min N] [--limit N]\n"
"                       [--json] [--db FILE]\n"
"\n"
"Lists the entities found in the stored articles, most mentioned first:\n"
"each with its type, mentions, articles, name and the spellings seen.\n"
"\n"
"  --type T    only entities of type T\n"
"  --min N     only entities with at least N mentions (default 1)\n"
"  --limit N   at most N entities (default: all)\n"
"  --json      JSON Lines: id, type, name, variants (spellings), counts\n"
"              (mentions per spelling), mentions, articles (ids)\n", f);
}

static json_t *article_ids(sqlite3_stmt *arts, int64_t id)
{
    json_t *a = json_array();
    sqlite3_bind_int64(arts, 1, id);
    while (a && sqlite3_step(arts) == SQLITE_ROW)
        json_array_append_new(a, json_integer(sqlite3_column_int64(arts, 0)));
    sqlite3_reset(arts);
    return a;
}

int cmd_entities(int argc, char **argv)
{
    const char *dbopt = NULL;
    int type = 0, json = 0, status = 0;
    long long min = 1, limit = -1;
    md_db *db;
    sqlite3_stmt *st = NULL, *arts = NULL;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "--db") && more) {
            dbopt = argv[++i];
        } else if (!strcmp(a, "--type") && more) {
            type = marsad_entity_type_parse(argv[++i]);
            if (!type) {
                fprintf(stderr, "marsad: entities: unknown type '%s' "
                                "(PER, LOC, ORG or MISC)\n", argv[i]);
                return 2;
            }
        } else if ((!strcmp(a, "--min") || !strcmp(a, "--limit")) && more) {
            char *end;
            long long v = strtoll(argv[++i], &end, 10);
            if (*end || v < 0) {
                fprintf(stderr, "marsad: entities: bad %s '%s'\n", a,
                        argv[i]);
                return 2;
            }
            if (!strcmp(a, "--min"))
                min = v;
            else
                limit = v;
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage_entities(stdout);
            return 0;
        } else {
            fprintf(stderr, "marsad: entities: unknown argument '%s'\n", a);
            usage_entities(stderr);
            return 2;
        }
    }
    if (open_db(dbopt, &db))
        return 2;
    if (sqlite3_prepare_v2(md_sqlite(db),
                           "SELECT id, type, name, mentions, articles, "
                           "variants FROM entities WHERE (?1 = 0 OR type = "
                           "?1) AND mentions >= ?2 ORDER BY mentions DESC, "
                           "id LIMIT ?3",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(md_sqlite(db),
                           "SELECT DISTINCT article FROM mentions WHERE "
                           "entity = ?1 ORDER BY article",
                           -1, &arts, NULL) != SQLITE_OK) {
        fprintf(stderr, "marsad: entities: %s\n", md_errmsg(db));
        sqlite3_finalize(st);
        md_close(db);
        return 2;
    }
    sqlite3_bind_int(st, 1, type);
    sqlite3_bind_int64(st, 2, min);
    sqlite3_bind_int64(st, 3, limit);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 2);
        const char *vj = (const char *)sqlite3_column_text(st, 5);
        json_t *vars = json_loads(vj ? vj : "[]", 0, NULL);
        size_t i;
        json_t *v;
        if (json) {
            json_t *o = json_object(), *names = json_array(),
                   *counts = json_array();
            char *s;
            json_array_foreach(vars, i, v)
            {
                json_array_append(names, json_array_get(v, 0));
                json_array_append(counts, json_array_get(v, 1));
            }
            json_object_set_new(o, "id", json_integer(id));
            json_object_set_new(
                o, "type",
                json_string(marsad_entity_type_name(sqlite3_column_int(st, 1))));
            json_object_set_new(o, "name", json_string(name ? name : ""));
            json_object_set_new(o, "variants", names);
            json_object_set_new(o, "counts", counts);
            json_object_set_new(o, "mentions",
                                json_integer(sqlite3_column_int64(st, 3)));
            json_object_set_new(o, "articles", article_ids(arts, id));
            s = json_dumps(o, JSON_COMPACT);
            if (s)
                puts(s);
            free(s);
            json_decref(o);
        } else {
            printf("%lld\t%s\t%lld mentions\t%lld articles\t%s",
                   (long long)id,
                   marsad_entity_type_name(sqlite3_column_int(st, 1)),
                   (long long)sqlite3_column_int64(st, 3),
                   (long long)sqlite3_column_int64(st, 4), name ? name : "");
            if (json_array_size(vars) > 1) {
                fputs("\t", stdout);
                json_array_foreach(vars, i, v)
                {
                    printf("%s%s (%lld)", i ? ", " : "",
                           json_string_value(json_array_get(v, 0)),
                           (long long)json_integer_value(
                               json_array_get(v, 1)));
                }
            }
            putchar('\n');
        }
        json_decref(vars);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(arts);
    md_close(db);
    return status;
}

/* ------------------------------------------------------------ entity */

static void usage_entity(FILE *f)
{
    fputs(
"usage: marsad entity NAME [--limit N] [--json] [--db FILE]\n"
"\n"
"Shows the entity NAME designates (any of its spellings): its type and\n"
"counts, its spellings, its mentions in context (the most recent\n"
"articles first; --limit, default 10) and the entities it appears with\n"
"most often.\n", f);
}

/* Prints text[start..end) with up to `ctx` bytes around it, on one line,
 * cut at whole characters. */
static void context(const char *t, size_t len, size_t start, size_t end,
                    size_t ctx, int color)
{
    size_t a = start > ctx ? start - ctx : 0, b = end + ctx < len ? end + ctx
                                                                  : len;
    while (a > 0 && ((unsigned char)t[a] & 0xC0) == 0x80)
        a--;
    while (b < len && ((unsigned char)t[b] & 0xC0) == 0x80)
        b++;
    fputs(a ? "…" : "", stdout);
    for (size_t i = a; i < b; i++) {
        if (i == start && color)
            fputs("\033[1;31m", stdout);
        if (i == start && !color)
            fputs("[", stdout);
        putchar(t[i] == '\n' || t[i] == '\r' || t[i] == '\t' ? ' ' : t[i]);
        if (i + 1 == end)
            fputs(color ? "\033[0m" : "]", stdout);
    }
    fputs(b < len ? "…" : "", stdout);
}

int cmd_entity(int argc, char **argv)
{
    const char *dbopt = NULL, *name = NULL;
    long long limit = 10;
    int json = 0, found, color;
    int64_t id = 0;
    md_db *db;
    sqlite3 *sq;
    sqlite3_stmt *st = NULL;
    json_t *out = NULL, *ments = NULL, *co = NULL;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "--db") && more) {
            dbopt = argv[++i];
        } else if (!strcmp(a, "--limit") && more) {
            char *end;
            limit = strtoll(argv[++i], &end, 10);
            if (*end || limit < 0) {
                fprintf(stderr, "marsad: entity: bad --limit '%s'\n",
                        argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage_entity(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "marsad: entity: unknown option '%s'\n", a);
            return 2;
        } else if (!name) {
            name = a;
        } else {
            fprintf(stderr, "marsad: entity: one NAME only (quote a name "
                            "of several words)\n");
            return 2;
        }
    }
    if (!name) {
        usage_entity(stderr);
        return 2;
    }
    if (open_db(dbopt, &db))
        return 2;
    sq = md_sqlite(db);
    found = cli_entity_lookup(sq, name, &id);
    if (found <= 0) {
        if (found < 0)
            fprintf(stderr, "marsad: entity: %s\n", md_errmsg(db));
        else {
            fprintf(stderr, "marsad: entity: no entity is written '%s'\n",
                    name);
            suggest(sq, name);
        }
        md_close(db);
        return found < 0 ? 2 : 1;
    }
    color = !json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    if (json)
        out = json_object();
    /* The entity itself. */
    if (sqlite3_prepare_v2(sq,
                           "SELECT type, name, mentions, articles, variants "
                           "FROM entities WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *vj = (const char *)sqlite3_column_text(st, 4);
        json_t *vars = json_loads(vj ? vj : "[]", 0, NULL);
        size_t i;
        json_t *v;
        if (json) {
            json_t *names = json_array();
            json_array_foreach(vars, i, v)
                json_array_append(names, json_array_get(v, 0));
            json_object_set_new(out, "id", json_integer(id));
            json_object_set_new(out, "type",
                                json_string(marsad_entity_type_name(
                                    sqlite3_column_int(st, 0))));
            json_object_set_new(
                out, "name",
                json_string((const char *)sqlite3_column_text(st, 1)));
            json_object_set_new(out, "variants", names);
            json_object_set_new(out, "mentions",
                                json_integer(sqlite3_column_int64(st, 2)));
            json_object_set_new(out, "narticles",
                                json_integer(sqlite3_column_int64(st, 3)));
        } else {
            printf("%s  (%s, entity %lld): %lld mentions in %lld articles\n",
                   (const char *)sqlite3_column_text(st, 1),
                   marsad_entity_type_name(sqlite3_column_int(st, 0)),
                   (long long)id, (long long)sqlite3_column_int64(st, 2),
                   (long long)sqlite3_column_int64(st, 3));
            printf("spellings:");
            json_array_foreach(vars, i, v)
                printf("%s %s (%lld)", i ? "," : "",
                       json_string_value(json_array_get(v, 0)),
                       (long long)json_integer_value(json_array_get(v, 1)));
            printf("\n\nmentions:\n");
        }
        json_decref(vars);
    }
    sqlite3_finalize(st);
    st = NULL;

    /* Mentions in context, one per article, latest articles first. */
    if (sqlite3_prepare_v2(
            sq,
            "SELECT m.article, m.field, m.start, m.end, m.surface, a.title, "
            "a.source, a.date, CASE m.field WHEN 1 THEN a.title ELSE a.text "
            "END FROM mentions m JOIN articles a ON a.id = m.article WHERE "
            "m.entity = ?1 GROUP BY m.article ORDER BY a.date DESC, "
            "m.article DESC LIMIT ?2",
            -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, limit);
    if (json)
        ments = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 8);
        size_t len = (size_t)sqlite3_column_bytes(st, 8);
        size_t s = (size_t)sqlite3_column_int64(st, 2),
               e = (size_t)sqlite3_column_int64(st, 3);
        if (!t || e > len || s >= e)
            continue;
        if (json) {
            json_t *m = json_pack(
                "{s:I, s:s, s:I, s:I, s:s}", "article",
                (json_int_t)sqlite3_column_int64(st, 0), "field",
                sqlite3_column_int(st, 1) ? "title" : "text", "start",
                (json_int_t)s, "end", (json_int_t)e, "surface",
                (const char *)sqlite3_column_text(st, 4));
            if (m)
                json_array_append_new(ments, m);
        } else {
            const char *src = (const char *)sqlite3_column_text(st, 6);
            const char *date = (const char *)sqlite3_column_text(st, 7);
            printf("  [%lld] %s%s%.10s  ", (long long)sqlite3_column_int64(st, 0),
                   src ? src : "", src && date ? " " : "",
                   date ? date : "");
            context(t, len, s, e, 120, color);
            putchar('\n');
        }
    }
    sqlite3_finalize(st);
    st = NULL;

    /* Entities that share the most articles with it. */
    if (sqlite3_prepare_v2(
            sq,
            "SELECT e.id, e.type, e.name, count(DISTINCT o.article) AS n "
            "FROM mentions m JOIN mentions o ON o.article = m.article AND "
            "o.entity != m.entity JOIN entities e ON e.id = o.entity WHERE "
            "m.entity = ?1 GROUP BY o.entity ORDER BY n DESC, e.mentions "
            "DESC LIMIT 10",
            -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    sqlite3_bind_int64(st, 1, id);
    if (json)
        co = json_array();
    else
        printf("\nappears with:\n");
    int nco = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        nco++;
        if (json) {
            json_t *c = json_pack(
                "{s:I, s:s, s:s, s:I}", "id",
                (json_int_t)sqlite3_column_int64(st, 0), "type",
                marsad_entity_type_name(sqlite3_column_int(st, 1)), "name",
                (const char *)sqlite3_column_text(st, 2), "articles",
                (json_int_t)sqlite3_column_int64(st, 3));
            if (c)
                json_array_append_new(co, c);
        } else {
            printf("  %s (%s): %lld articles\n",
                   (const char *)sqlite3_column_text(st, 2),
                   marsad_entity_type_name(sqlite3_column_int(st, 1)),
                   (long long)sqlite3_column_int64(st, 3));
        }
    }
    sqlite3_finalize(st);
    if (!json && nco == 0)
        printf("  (no other entity in its articles)\n");
    if (json) {
        char *s;
        json_object_set_new(out, "mentions_shown", ments);
        json_object_set_new(out, "cooccurring", co);
        s = json_dumps(out, JSON_COMPACT);
        if (s)
            puts(s);
        free(s);
        json_decref(out);
    }
    md_close(db);
    return 0;
dberr:
    fprintf(stderr, "marsad: entity: %s\n", md_errmsg(db));
    sqlite3_finalize(st);
    json_decref(out);
    json_decref(ments);
    json_decref(co);
    md_close(db);
    return 2;
}

void cli_usage_entity(const char *cmd, FILE *f)
{
    if (!strcmp(cmd, "entity"))
        usage_entity(f);
    else
        usage_entities(f);
}
