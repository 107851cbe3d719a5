/*
 * cmd_store.c - the commands that work on a database: ingest, search,
 * articles, article; and clean, which shows what cleaning keeps and drops.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "clean/clean.h"
#include "ingest/ingest.h"
#include "ingest/source.h"
#include "store/query.h"
#include "store/search.h"
#include "store/snippet.h"
#include "store/store.h"

/* ------------------------------------------------------------ helpers */

const char *cli_db_path(const char *opt)
{
    if (opt)
        return opt;
    const char *env = getenv("MARSAD_DB");
    return env && *env ? env : "marsad.db";
}

static int use_color(void)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(nc && *nc);
}

static int parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0)
        return -1;
    *out = v;
    return 0;
}

/* Is s a date prefix we accept for filters: YYYY, YYYY-MM or YYYY-MM-DD? */
static int valid_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

static void set_str(json_t *o, const char *k, const unsigned char *v)
{
    json_object_set_new(o, k, v ? json_string((const char *)v) : json_null());
}

static int print_json(json_t *o)
{
    char *line = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!line)
        return -1;
    int rc = puts(line) == EOF ? -1 : 0;
    free(line);
    return rc;
}

/* Column text of a row, or "" */
static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* ------------------------------------------------------------ ingest */

static void usage_ingest(FILE *f)
{
    fprintf(f,
"usage: marsad ingest [OPTIONS] PATH...\n"
"\n"
"Reads articles from files and directories (recursively) and stores them,\n"
"cleaned and indexed, in the database.  Accepted inputs: plain text\n"
"articles, HTML pages, JSON Lines (fields id, source, date, url, title,\n"
"author, text), each optionally gzip-compressed.  Windows-1256 text is\n"
"converted.  Articles already stored are recognised (by id, URL or file,\n"
"and by content) and not stored twice; changed ones are updated.  Files\n"
"unchanged since the last ingest are skipped.  Then the entity mentions\n"
"of the new articles are found and all mentions merged into entities\n"
"(see marsad entities), their numbers, dates and quotes are found\n"
"(see marsad facts), and they are linked to their near-copies and placed\n"
"in stories (see marsad stories).\n"
"\n"
"Options:\n"
"  --db FILE     database (default $MARSAD_DB, else ./marsad.db)\n"
"  --force       read files again even if unchanged\n"
"  --no-entities do not look for entities (a later ingest will)\n"
"  --no-facts    do not look for facts (a later ingest will)\n"
"  --no-stories  do not place articles in stories (a later ingest will)\n"
"  --model FILE  entity model (see marsad help ner)\n"
"  --quiet       no progress bar\n"
"  --batch N     articles per transaction (default 5000)\n"
"\n"
"Problems are reported on stderr as FILE[:LINE]: what was wrong; the\n"
"other inputs are still read.  Exit status: 0 when every input was read,\n"
"1 when some input or record failed, 2 on a usage or database error.\n");
}

int cmd_ingest(int argc, char **argv)
{
    const char *dbopt = NULL, *model = NULL;
    int entities = 1, facts = 1, stories = 1;
    mi_options opt;
    memset(&opt, 0, sizeof opt);
    opt.progress = isatty(STDERR_FILENO);
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t np = 0;
    if (!paths)
        return 2;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            dbopt = argv[++i];
        else if (strcmp(argv[i], "--force") == 0)
            opt.force = 1;
        else if (strcmp(argv[i], "--no-entities") == 0)
            entities = 0;
        else if (strcmp(argv[i], "--no-facts") == 0)
            facts = 0;
        else if (strcmp(argv[i], "--no-stories") == 0)
            stories = 0;
        else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
            model = argv[++i];
        else if (strcmp(argv[i], "--quiet") == 0 ||
                 strcmp(argv[i], "-q") == 0)
            opt.progress = 0;
        else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc) {
            if (parse_long(argv[++i], &opt.batch) || opt.batch == 0) {
                fprintf(stderr, "marsad: ingest: bad --batch '%s'\n",
                        argv[i]);
                free(paths);
                return 2;
            }
        } else if (strcmp(argv[i], "-h") == 0 ||
                   strcmp(argv[i], "--help") == 0) {
            usage_ingest(stdout);
            free(paths);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "marsad: ingest: unknown option '%s'\n",
                    argv[i]);
            free(paths);
            return 2;
        } else
            paths[np++] = argv[i];
    }
    if (np == 0) {
        usage_ingest(stderr);
        free(paths);
        return 2;
    }
    const char *path = cli_db_path(dbopt);
    char err[1024];
    md_db *db;
    if (md_open(path, 0, &db, err, sizeof err)) {
        fprintf(stderr, "marsad: %s\n", err);
        free(paths);
        return 2;
    }
    /* the command line, for the runs table */
    size_t alen = 16;
    for (int i = 0; i < argc; i++)
        alen += strlen(argv[i]) + 1;
    char *args = malloc(alen);
    if (args) {
        strcpy(args, "ingest");
        for (int i = 0; i < argc; i++) {
            strcat(args, " ");
            strcat(args, argv[i]);
        }
    }
    opt.args = args;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    md_run_stats st;
    int rc = mi_ingest(db, paths, np, &opt, &st);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    sqlite3_stmt *q;
    long long total = -1;
    if (sqlite3_prepare_v2(md_sqlite(db), "SELECT count(*) FROM articles", -1,
                           &q, NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW)
            total = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    fprintf(cli_report(), "ingest: %lld files read (%.1f MB) in %.1f s, %lld skipped as "
           "unchanged, %lld failed, %lld records skipped\n",
           (long long)st.files, (double)st.bytes / 1e6, secs,
           (long long)st.files_skipped, (long long)st.files_failed,
           (long long)st.records_failed);
    fprintf(cli_report(), "articles: %lld added, %lld updated, %lld unchanged, %lld "
           "duplicates; %lld in %s\n",
           (long long)st.added, (long long)st.updated,
           (long long)st.unchanged, (long long)st.duplicates, total, path);
    if (entities && rc >= 0 && cli_entity_pass(db, model, opt.progress))
        rc = rc ? rc : 1;
    if (facts && rc >= 0 && cli_facts_pass(db, opt.progress))
        rc = rc ? rc : 1;
    if (stories && rc >= 0 && cli_story_pass(db, opt.progress))
        rc = rc ? rc : 1;
    md_close(db);
    free(args);
    free(paths);
    return rc < 0 ? 2 : rc;
}

/* ------------------------------------------------------------ search */

static void usage_search(FILE *f)
{
    fprintf(f,
"usage: marsad search [OPTIONS] QUERY...\n"
"       marsad search --entity NAME [OPTIONS] [QUERY...]\n"
"\n"
"Finds articles by their words, ranked by BM25, and prints the title,\n"
"outlet, date and a snippet of the text with the matched words\n"
"highlighted (on a terminal).  Words match across clitics, spelling\n"
"variants and inflection: للحكومة finds الحكومة, ألماتي finds الماتي.\n"
"\n"
"Query language (docs/search.md):\n"
"  a b          both words          a OR b     either word\n"
"  -a, NOT a    without the word    \"a b\"      the phrase (also «a b»)\n"
"  a*           words starting so   ( ... )    grouping\n"
"\n"
"Options:\n"
"  --db FILE       database (default $MARSAD_DB, else ./marsad.db)\n"
"  --source NAME   only articles from this outlet\n"
"  --since DATE    only articles dated DATE or later (YYYY[-MM[-DD]])\n"
"  --until DATE    only articles dated DATE or earlier\n"
"  --entity NAME   only articles mentioning this entity, written any of\n"
"                  its ways (see marsad entities); QUERY may then be\n"
"                  left out, to list the articles mentioning it most\n"
"  --limit N       at most N results (default 10)\n"
"  --json          JSON Lines: id, title, source, date, url, score,\n"
"                  snippet, highlights (byte ranges in the snippet)\n"
"\n"
"Exit status: 0 with results, 1 with none, 2 on a usage, query or\n"
"database error.\n");
}

/* The day after a YYYY[-MM[-DD]] prefix, as an exclusive upper bound
 * comparable with ISO dates: "2022" -> "2023", "2022-01" -> "2022-02",
 * "2022-01-31" -> "2022-01-31~" (every time of that day sorts below). */
static void upper_bound(const char *d, char *out, size_t cap)
{
    size_t n = strlen(d);
    if (n == 10) {
        snprintf(out, cap, "%s~", d);
        return;
    }
    int y = atoi(d);
    if (n == 4) {
        snprintf(out, cap, "%04d", y + 1);
        return;
    }
    int m = atoi(d + 5);
    if (m >= 12)
        snprintf(out, cap, "%04d-01", y + 1);
    else
        snprintf(out, cap, "%04d-%02d", y, m + 1);
}

static void print_highlighted(const msn_snippet *s, int color)
{
    size_t o = 0;
    for (size_t i = 0; i < s->nhits; i++) {
        fwrite(s->text + o, 1, s->hits[i].start - o, stdout);
        if (color)
            fputs("\033[1;31m", stdout);
        fwrite(s->text + s->hits[i].start, 1,
               s->hits[i].end - s->hits[i].start, stdout);
        if (color)
            fputs("\033[0m", stdout);
        o = s->hits[i].end;
    }
    fwrite(s->text + o, 1, s->len - o, stdout);
}

/* Search by entity alone: the articles that mention it most, newest
 * first among equals, within the other filters. */
static int entity_articles(md_db *db, const md_filter *f, size_t k,
                           mr_hit *out, size_t *nout, char *err,
                           size_t errcap)
{
    sqlite3_stmt *st;
    *nout = 0;
    if (sqlite3_prepare_v2(
            md_sqlite(db),
            "SELECT m.article, count(*) AS n FROM mentions m JOIN articles a "
            "ON a.id = m.article WHERE m.entity = ?1 AND (?2 IS NULL OR "
            "a.source = ?2 COLLATE NOCASE) AND (?3 IS NULL OR a.date >= ?3) "
            "AND (?4 IS NULL OR a.date < ?4) GROUP BY m.article ORDER BY n "
            "DESC, a.date DESC, m.article DESC LIMIT ?5",
            -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, errcap, "%s", md_errmsg(db));
        return MD_SEARCH_DB;
    }
    sqlite3_bind_int64(st, 1, f->entity);
    if (f->source)
        sqlite3_bind_text(st, 2, f->source, -1, SQLITE_STATIC);
    if (f->since)
        sqlite3_bind_text(st, 3, f->since, -1, SQLITE_STATIC);
    if (f->until)
        sqlite3_bind_text(st, 4, f->until, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)k);
    while (sqlite3_step(st) == SQLITE_ROW && *nout < k) {
        out[*nout].id = sqlite3_column_int64(st, 0);
        out[*nout].score = (float)sqlite3_column_int(st, 1);
        (*nout)++;
    }
    sqlite3_finalize(st);
    return MD_SEARCH_OK;
}

int cmd_search(int argc, char **argv)
{
    const char *dbopt = NULL, *source = NULL, *since = NULL, *until = NULL;
    const char *entity = NULL;
    long limit = 10;
    int json = 0;
    size_t qcap = 1;
    for (int i = 0; i < argc; i++)
        qcap += strlen(argv[i]) + 1;
    char *q = calloc(1, qcap);
    if (!q)
        return 2;
    int rest = 0; /* after "--" every argument is query text */
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (rest) {
            if (*q)
                strcat(q, " ");
            strcat(q, a);
        } else if (strcmp(a, "--") == 0)
            rest = 1;
        else if (strcmp(a, "--db") == 0 && more)
            dbopt = argv[++i];
        else if (strcmp(a, "--source") == 0 && more)
            source = argv[++i];
        else if (strcmp(a, "--since") == 0 && more)
            since = argv[++i];
        else if (strcmp(a, "--until") == 0 && more)
            until = argv[++i];
        else if (strcmp(a, "--entity") == 0 && more)
            entity = argv[++i];
        else if (strcmp(a, "--limit") == 0 && more) {
            if (parse_long(argv[++i], &limit) || limit == 0) {
                fprintf(stderr, "marsad: search: bad --limit '%s'\n",
                        argv[i]);
                free(q);
                return 2;
            }
        } else if (strcmp(a, "--json") == 0)
            json = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_search(stdout);
            free(q);
            return 0;
        } else if (a[0] == '-' && a[1] == '-' && a[2]) {
            fprintf(stderr, "marsad: search: unknown option '%s'\n", a);
            free(q);
            return 2;
        } else {
            if (*q)
                strcat(q, " ");
            strcat(q, a);
        }
    }
    if (!*q && !entity) {
        usage_search(stderr);
        free(q);
        return 2;
    }
    if ((since && !valid_date(since)) || (until && !valid_date(until))) {
        fprintf(stderr, "marsad: search: dates are YYYY, YYYY-MM or "
                        "YYYY-MM-DD\n");
        free(q);
        return 2;
    }
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    if (!an) {
        free(q);
        return 2;
    }
    char err[1024];
    md_db *db;
    if (md_open(cli_db_path(dbopt), 1, &db, err, sizeof err)) {
        fprintf(stderr, "marsad: %s\n", err);
        marsad_analyzer_free(an);
        free(q);
        return 2;
    }
    char ub[32];
    md_filter filt = {source, since, NULL, 0};
    if (until) {
        upper_bound(until, ub, sizeof ub);
        filt.until = ub;
    }
    if (entity) {
        int found = cli_entity_lookup(md_sqlite(db), entity, &filt.entity);
        if (found <= 0) {
            if (found < 0)
                fprintf(stderr, "marsad: search: %s\n", md_errmsg(db));
            else
                fprintf(stderr, "marsad: search: no entity is written "
                                "'%s' (see marsad entities)\n", entity);
            md_close(db);
            marsad_analyzer_free(an);
            free(q);
            return found < 0 ? 2 : 1;
        }
    }
    mr_hit *hits = calloc((size_t)limit, sizeof *hits);
    size_t nhits = 0;
    mq_query mq;
    memset(&mq, 0, sizeof mq);
    int status = 1;
    int rc = !hits ? MD_SEARCH_DB
             : *q  ? md_search(db, an, q, &filt, (size_t)limit, hits, &nhits,
                               &mq, err, sizeof err)
                   : entity_articles(db, &filt, (size_t)limit, hits, &nhits,
                                     err, sizeof err);
    if (rc != MD_SEARCH_OK) {
        fprintf(stderr, "marsad: search: %s\n",
                hits ? err : "out of memory");
        status = 2;
        goto done;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(md_sqlite(db),
                           "SELECT title, source, date, url, text FROM "
                           "articles WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "marsad: search: %s\n", md_errmsg(db));
        status = 2;
        goto done;
    }
    msn_terms *terms =
        msn_terms_new(an, (const char *const *)mq.words, mq.nwords);
    int color = !json && use_color();
    for (size_t h = 0; h < nhits && terms; h++) {
        sqlite3_bind_int64(st, 1, hits[h].id);
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_reset(st);
            continue;
        }
        status = 0;
        msn_snippet sn;
        const char *text = col(st, 4);
        size_t tlen = (size_t)sqlite3_column_bytes(st, 4);
        if (msn_make(an, terms, text, tlen, 32, &sn)) {
            sqlite3_reset(st);
            status = 2;
            break;
        }
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_integer(hits[h].id));
            set_str(o, "title", sqlite3_column_text(st, 0));
            set_str(o, "source", sqlite3_column_text(st, 1));
            set_str(o, "date", sqlite3_column_text(st, 2));
            set_str(o, "url", sqlite3_column_text(st, 3));
            json_object_set_new(o, "score", json_real(hits[h].score));
            json_object_set_new(o, "snippet", json_stringn(sn.text, sn.len));
            json_t *hl = json_array();
            for (size_t i = 0; i < sn.nhits; i++)
                json_array_append_new(
                    hl, json_pack("[II]", (json_int_t)sn.hits[i].start,
                                  (json_int_t)sn.hits[i].end));
            json_object_set_new(o, "highlights", hl);
            print_json(o);
        } else {
            const char *title = col(st, 0);
            if (color)
                printf("\033[1m%zu. %s\033[0m\n", h + 1,
                       *title ? title : "(no title)");
            else
                printf("%zu. %s\n", h + 1, *title ? title : "(no title)");
            printf("   %s · %s · id %lld · score %.2f\n",
                   *col(st, 1) ? col(st, 1) : "(unknown outlet)",
                   *col(st, 2) ? col(st, 2) : "(no date)",
                   (long long)hits[h].id, hits[h].score);
            fputs("   ", stdout);
            print_highlighted(&sn, color);
            fputs("\n\n", stdout);
        }
        msn_free(&sn);
        sqlite3_reset(st);
    }
    if (!terms) {
        fprintf(stderr, "marsad: search: out of memory\n");
        status = 2;
    }
    if (status == 1 && !json)
        fprintf(stderr, "marsad: search: no article matches\n");
    msn_terms_free(terms);
    sqlite3_finalize(st);
done:
    md_close(db);
    mq_free(&mq);
    free(hits);
    marsad_analyzer_free(an);
    free(q);
    return status;
}

/* ------------------------------------------------------------ articles */

static void usage_articles(FILE *f)
{
    fprintf(f,
"usage: marsad articles [OPTIONS]\n"
"       marsad article [OPTIONS] ID\n"
"\n"
"articles lists the stored articles (id, date, outlet, title), newest\n"
"first; article shows one article with its metadata and cleaned text.\n"
"\n"
"Options:\n"
"  --db FILE       database (default $MARSAD_DB, else ./marsad.db)\n"
"  --json          JSON Lines, one object per article: id, file, source,\n"
"                  url, title, author, date, dateline, credit, hash,\n"
"                  text\n"
"  --source NAME   (articles) only this outlet\n"
"  --limit N       (articles) at most N\n");
}

static json_t *article_json(sqlite3_stmt *st)
{
    static const char *const keys[] = {"file", "source", "url", "title",
                                       "author", "date", "dateline",
                                       "credit", "hash", "text"};
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
    for (int i = 0; i < 10; i++)
        set_str(o, keys[i], sqlite3_column_text(st, i + 1));
    return o;
}

#define ARTICLE_COLS                                                        \
    "id, file, source, url, title, author, date, dateline, credit, hash, " \
    "text"

/* The date the fact pass estimated from the text, for an article whose
 * metadata has none (a store without the table prints nothing). */
static void print_estimated_date(md_db *db, int64_t id)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(md_sqlite(db),
                           "SELECT date, confidence FROM article_dates "
                           "WHERE article = ?1 AND source <> 'metadata'",
                           -1, &q, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(q, 1, id);
    if (sqlite3_step(q) == SQLITE_ROW) {
        if (sqlite3_column_type(q, 0) == SQLITE_NULL)
            printf("date: none given or found in the text\n");
        else
            printf("date: %s (estimated from the text, confidence %.2f)\n",
                   col(q, 0), sqlite3_column_double(q, 1));
    }
    sqlite3_finalize(q);
}

static int articles_common(int argc, char **argv, int one)
{
    const char *dbopt = NULL, *source = NULL, *idarg = NULL;
    long limit = -1;
    int json = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (strcmp(a, "--db") == 0 && more)
            dbopt = argv[++i];
        else if (strcmp(a, "--source") == 0 && more && !one)
            source = argv[++i];
        else if (strcmp(a, "--limit") == 0 && more && !one) {
            if (parse_long(argv[++i], &limit)) {
                fprintf(stderr, "marsad: bad --limit '%s'\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--json") == 0)
            json = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_articles(stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "marsad: unknown option '%s'\n", a);
            return 2;
        } else if (one && !idarg)
            idarg = a;
        else {
            usage_articles(stderr);
            return 2;
        }
    }
    long id = 0;
    if (one && (!idarg || parse_long(idarg, &id))) {
        fprintf(stderr, "marsad: article: give one numeric article ID\n");
        return 2;
    }
    md_db *db;
    char err[1024];
    if (md_open(cli_db_path(dbopt), 1, &db, err, sizeof err)) {
        fprintf(stderr, "marsad: %s\n", err);
        return 2;
    }
    sqlite3_stmt *st;
    const char *sql =
        one ? "SELECT " ARTICLE_COLS " FROM articles WHERE id = ?1"
            : source ? "SELECT " ARTICLE_COLS " FROM articles WHERE source "
                       "= ?2 COLLATE NOCASE ORDER BY date DESC, id LIMIT ?3"
                     : "SELECT " ARTICLE_COLS " FROM articles ORDER BY date "
                       "DESC, id LIMIT ?3";
    if (sqlite3_prepare_v2(md_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "marsad: %s\n", md_errmsg(db));
        md_close(db);
        return 2;
    }
    if (one)
        sqlite3_bind_int64(st, 1, id);
    else {
        if (source)
            sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, limit);
    }
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        n++;
        if (json) {
            if (print_json(article_json(st)))
                break;
        } else if (one) {
            static const char *const label[] = {
                "file", "outlet", "url", "title", "author",
                "date", "dateline", "credit", "hash"};
            printf("id: %lld\n", (long long)sqlite3_column_int64(st, 0));
            for (int i = 0; i < 9; i++)
                if (sqlite3_column_type(st, i + 1) != SQLITE_NULL)
                    printf("%s: %s\n", label[i], col(st, i + 1));
            print_estimated_date(db, sqlite3_column_int64(st, 0));
            printf("\n%s\n", col(st, 10));
        } else {
            printf("%lld\t%.10s\t%s\t%s\n",
                   (long long)sqlite3_column_int64(st, 0), col(st, 6),
                   col(st, 2), col(st, 4));
        }
    }
    int status = 0;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "marsad: %s\n", md_errmsg(db));
        status = 2;
    } else if (one && n == 0) {
        fprintf(stderr, "marsad: article: no article with id %ld\n", id);
        status = 1;
    }
    sqlite3_finalize(st);
    md_close(db);
    return status;
}

int cmd_articles(int argc, char **argv)
{
    return articles_common(argc, argv, 0);
}

int cmd_article(int argc, char **argv)
{
    return articles_common(argc, argv, 1);
}

/* ------------------------------------------------------------ clean */

static void usage_clean(FILE *f)
{
    fprintf(f,
"usage: marsad clean [--explain] [--json] FILE...\n"
"\n"
"Cleans the articles in the files as ingest would, without storing them,\n"
"and prints each article's metadata and text.  --explain also prints\n"
"every removed piece with the reason; --json prints one object per\n"
"article (file, title, source, author, date, dateline, credit, text,\n"
"and with --explain, dropped: [{start, end, reason, text}]).\n");
}

typedef struct clean_ctx {
    int explain, json;
    mc_sitemem *mem;
    int failed;
} clean_ctx;

static void clean_err(int sev, const char *path, long line, const char *msg,
                      void *ud)
{
    clean_ctx *c = ud;
    if (sev == MS_ERROR)
        c->failed = 1;
    mi_print_problem(stderr, sev, path, line, msg);
}

static int clean_doc(const ms_doc *d, void *ud)
{
    clean_ctx *c = ud;
    mc_result r;
    memset(&r, 0, sizeof r);
    int rc = mi_clean(d, c->mem, &r);
    if (rc) {
        clean_err(MS_ERROR, d->path, d->line, "cleaning failed", c);
        mc_result_free(&r);
        return 0;
    }
    for (size_t i = 0; i < r.narticles; i++) {
        mc_article *a = &r.articles[i];
        const mc_meta *m = &a->meta;
        if (c->json) {
            json_t *o = json_object();
            json_object_set_new(o, "file", json_string(d->path));
            if (d->line)
                json_object_set_new(o, "line", json_integer(d->line));
            json_object_set_new(o, "article", json_integer((json_int_t)i));
            set_str(o, "title", (const unsigned char *)m->title);
            set_str(o, "source", (const unsigned char *)m->source);
            set_str(o, "author", (const unsigned char *)m->author);
            set_str(o, "date", (const unsigned char *)m->date);
            set_str(o, "url", (const unsigned char *)m->url);
            set_str(o, "dateline", (const unsigned char *)m->dateline);
            set_str(o, "credit", (const unsigned char *)m->credit);
            json_object_set_new(o, "text", json_stringn(a->text, a->len));
            if (c->explain && i == 0) {
                json_t *dr = json_array();
                for (size_t k = 0; k < r.ndrops; k++) {
                    const mc_drop *p = &r.drops[k];
                    int ok = d->kind != MS_HTML && p->end <= d->len &&
                             p->start <= p->end;
                    json_array_append_new(
                        dr, json_pack("{sIsIssso}", "start",
                                      (json_int_t)p->start, "end",
                                      (json_int_t)p->end, "reason",
                                      p->reason, "text",
                                      ok ? json_stringn(d->data + p->start,
                                                        p->end - p->start)
                                         : json_null()));
                }
                json_object_set_new(o, "dropped", dr);
            }
            print_json(o);
            continue;
        }
        if (d->line)
            printf("== %s:%ld article %zu\n", d->path, d->line, i + 1);
        else
            printf("== %s article %zu\n", d->path, i + 1);
        if (m->title) printf("title: %s\n", m->title);
        if (m->source) printf("outlet: %s\n", m->source);
        if (m->author) printf("author: %s\n", m->author);
        if (m->date) printf("date: %s\n", m->date);
        if (m->url) printf("url: %s\n", m->url);
        if (m->dateline) printf("dateline: %s\n", m->dateline);
        if (m->credit) printf("credit: %s\n", m->credit);
        printf("\n%s\n\n", a->text);
    }
    if (c->explain && !c->json) {
        for (size_t k = 0; k < r.ndrops; k++) {
            const mc_drop *p = &r.drops[k];
            printf("-- dropped (%s)", p->reason);
            if (d->kind != MS_HTML && p->end <= d->len && p->start < p->end) {
                int n = (int)(p->end - p->start);
                printf(": %.*s%s", n > 200 ? 200 : n, d->data + p->start,
                       n > 200 ? "…" : "");
            }
            putchar('\n');
        }
        if (r.ndrops)
            putchar('\n');
    }
    mc_result_free(&r);
    return 0;
}

int cmd_clean(int argc, char **argv)
{
    clean_ctx c;
    memset(&c, 0, sizeof c);
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t np = 0;
    if (!paths)
        return 2;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--explain") == 0)
            c.explain = 1;
        else if (strcmp(argv[i], "--json") == 0)
            c.json = 1;
        else if (strcmp(argv[i], "-h") == 0 ||
                 strcmp(argv[i], "--help") == 0) {
            usage_clean(stdout);
            free(paths);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "marsad: clean: unknown option '%s'\n", argv[i]);
            free(paths);
            return 2;
        } else
            paths[np++] = argv[i];
    }
    if (!np) {
        usage_clean(stderr);
        free(paths);
        return 2;
    }
    ms_list list = {0};
    size_t nerr = 0;
    c.mem = mc_sitemem_new();
    if (!c.mem || ms_collect(paths, np, &list, clean_err, &c, &nerr)) {
        mc_sitemem_free(c.mem);
        free(paths);
        return 2;
    }
    for (size_t i = 0; i < list.n; i++)
        if (ms_read(&list.files[i], clean_doc, clean_err, NULL, &c))
            c.failed = 1;
    ms_list_free(&list);
    mc_sitemem_free(c.mem);
    free(paths);
    return c.failed || nerr ? 1 : 0;
}

void cli_usage_store(const char *cmd, FILE *f)
{
    if (strcmp(cmd, "ingest") == 0)
        usage_ingest(f);
    else if (strcmp(cmd, "search") == 0)
        usage_search(f);
    else if (strcmp(cmd, "clean") == 0)
        usage_clean(f);
    else
        usage_articles(f);
}
