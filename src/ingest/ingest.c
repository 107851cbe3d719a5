/*
 * ingest.c - the ingest pipeline: files -> documents -> clean articles ->
 * the store.
 *
 * Files are read one at a time (source.c), each document is cleaned
 * (clean_text.c, clean_html.c) with one cross-page memory for the run, and
 * the articles go to the store in transactions of a few thousand articles.
 * A file is recorded as read only in the transaction that stores its last
 * articles, so an interrupted ingest leaves every committed article in
 * place and a rerun picks up the files that were not finished (articles
 * already stored are recognised by identity and content, not stored
 * twice).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"
#include "ingest/ingest.h"
#include "ingest/source.h"

#define DEFAULT_BATCH 5000
#define COMMIT_SECONDS 10.0

typedef struct mi_state {
    md_db *db;
    const mi_options *opt;
    FILE *errf;
    md_run_stats *st;
    int64_t run;
    mc_sitemem *mem;
    const ms_file *file;
    int64_t file_articles;
    long file_errors;
    char *first_error;  /* first error of the current file */
    int in_txn;
    long since_commit;
    double last_commit;
    int dbfail;
    /* progress */
    uint64_t total_bytes;
    uint64_t done_bytes;  /* files finished */
    uint64_t file_bytes;  /* consumed in the current file */
    size_t nfiles, ifile;
    double t0, last_draw;
    int bar_shown;
} mi_state;

static void clear_bar(mi_state *s)
{
    if (s->bar_shown) {
        fputs("\r\033[K", stderr);
        s->bar_shown = 0;
    }
}

static void draw_bar(mi_state *s, int force)
{
    if (!s->opt->progress)
        return;
    double t = md_now();
    if (!force && t - s->last_draw < 0.1)
        return;
    s->last_draw = t;
    uint64_t done = s->done_bytes + s->file_bytes;
    if (done > s->total_bytes)
        done = s->total_bytes;
    double frac = s->total_bytes ? (double)done / (double)s->total_bytes : 1;
    double el = t - s->t0;
    int64_t arts = s->st->added + s->st->updated + s->st->unchanged +
                   s->st->duplicates;
    double rate = el > 0 ? (double)arts / el : 0;
    char eta[32] = "--:--";
    if (frac > 0.01 && el > 0.5) {
        double rest = el / frac - el;
        snprintf(eta, sizeof eta, "%d:%02d", (int)(rest / 60),
                 (int)rest % 60);
    }
    char bar[31];
    int fill = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '-';
    bar[30] = 0;
    fprintf(stderr,
            "\r\033[K[%s] %3d%%  %zu/%zu files  %.1f/%.1f MB  %.0f "
            "articles/s  ETA %s",
            bar, (int)(frac * 100), s->ifile, s->nfiles, (double)done / 1e6,
            (double)s->total_bytes / 1e6, rate, eta);
    fflush(stderr);
    s->bar_shown = 1;
}

void mi_print_problem(FILE *f, int severity, const char *path, long line,
                      const char *msg)
{
    const char *tag = severity == MS_WARN ? "warning: " : "";
    if (line > 0)
        fprintf(f, "marsad: %s:%ld: %s%s\n", path, line, tag, msg);
    else
        fprintf(f, "marsad: %s: %s%s\n", path, tag, msg);
}

int mi_clean(const ms_doc *d, mc_sitemem *mem, mc_result *out)
{
    return d->kind == MS_HTML
               ? mc_clean_html(d->data, d->len, d->meta, mem, out)
               : mc_clean_text(d->data, d->len, d->meta, mem, out);
}

static void report(mi_state *s, const char *path, long line, const char *fmt,
                   ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    clear_bar(s);
    mi_print_problem(s->errf, MS_ERROR, path, line, msg);
}

static void on_error(int severity, const char *path, long line,
                     const char *msg, void *ud)
{
    mi_state *s = ud;
    clear_bar(s);
    mi_print_problem(s->errf, severity, path, line, msg);
    if (severity == MS_ERROR) {
        s->file_errors++;
        if (!s->first_error) {
            size_t n = strlen(msg);
            s->first_error = malloc(n + 1);
            if (s->first_error)
                memcpy(s->first_error, msg, n + 1);
        }
    }
}

static void on_progress(uint64_t done, void *ud)
{
    mi_state *s = ud;
    s->file_bytes = done;
    draw_bar(s, 0);
}

static int txn_begin(mi_state *s)
{
    if (s->in_txn)
        return 0;
    if (md_begin(s->db)) {
        report(s, "database", 0, "cannot begin a transaction: %s",
               md_errmsg(s->db));
        return -1;
    }
    s->in_txn = 1;
    s->since_commit = 0;
    s->last_commit = md_now();
    return 0;
}

static int txn_commit(mi_state *s)
{
    if (!s->in_txn)
        return 0;
    s->in_txn = 0;
    if (md_commit(s->db)) {
        report(s, "database", 0, "cannot commit: %s", md_errmsg(s->db));
        md_rollback(s->db);
        return -1;
    }
    return 0;
}

static int store_articles(mi_state *s, const ms_doc *d, mc_result *r)
{
    for (size_t i = 0; i < r->narticles; i++) {
        mc_article *a = &r->articles[i];
        if (a->len == 0)
            continue;
        char idbuf[512];
        const char *ext = d->ext_id;
        if (ext && i > 0) {
            snprintf(idbuf, sizeof idbuf, "%s#%zu", ext, i + 1);
            ext = idbuf;
        }
        md_article_in in = {
            .file = d->path,
            .part = d->line > 0 ? d->line * 100 + (long)i : (long)i,
            .ext_id = ext,
            .meta = &a->meta,
            .text = a->text,
            .len = a->len,
        };
        int64_t id;
        int outcome;
        if (md_put_article(s->db, &in, s->run, &id, &outcome)) {
            report(s, d->path, d->line, "cannot store the article: %s",
                   md_errmsg(s->db));
            return -1;
        }
        switch (outcome) {
        case MD_ADDED: s->st->added++; break;
        case MD_UPDATED: s->st->updated++; break;
        case MD_UNCHANGED: s->st->unchanged++; break;
        default: s->st->duplicates++; break;
        }
        s->file_articles++;
        s->since_commit++;
    }
    return 0;
}

static int on_doc(const ms_doc *d, void *ud)
{
    mi_state *s = ud;
    mc_result r;
    memset(&r, 0, sizeof r);
    int rc = mi_clean(d, s->mem, &r);
    if (rc == MC_ENOMEM) {
        mc_result_free(&r);
        report(s, d->path, d->line, "out of memory while cleaning");
        s->file_errors++;
        return 0;
    }
    if (rc != MC_OK || r.narticles == 0) {
        mc_result_free(&r);
        on_error(MS_WARN, d->path, d->line,
                 rc ? "could not be parsed; nothing stored"
                    : "no article text found after cleaning",
                 s);
        return 0;
    }
    if (txn_begin(s)) {
        mc_result_free(&r);
        s->dbfail = 1;
        return 2;
    }
    rc = store_articles(s, d, &r);
    mc_result_free(&r);
    if (rc) {
        s->dbfail = 1;
        return 2;
    }
    long batch = s->opt->batch > 0 ? s->opt->batch : DEFAULT_BATCH;
    if (s->since_commit >= batch || md_now() - s->last_commit > COMMIT_SECONDS) {
        if (txn_commit(s)) {
            s->dbfail = 1;
            return 2;
        }
    }
    draw_bar(s, 0);
    return 0;
}

int mi_ingest(md_db *db, const char *const *paths, size_t npaths,
              const mi_options *opt, md_run_stats *st)
{
    mi_state s;
    memset(&s, 0, sizeof s);
    memset(st, 0, sizeof *st);
    s.db = db;
    s.opt = opt;
    s.errf = opt->errors ? opt->errors : stderr;
    s.st = st;
    s.t0 = md_now();

    ms_list list = {0};
    size_t nerr = 0;
    if (ms_collect(paths, npaths, &list, on_error, &s, &nerr)) {
        report(&s, "marsad", 0, "out of memory while listing the inputs");
        return -1;
    }
    st->files_failed += (int64_t)nerr;
    s.nfiles = list.n;
    for (size_t i = 0; i < list.n; i++)
        s.total_bytes += list.files[i].size;

    s.mem = mc_sitemem_new();
    if (!s.mem || md_run_start(db, opt->args ? opt->args : "", &s.run)) {
        report(&s, "database", 0, "cannot start the run: %s",
               md_errmsg(db));
        mc_sitemem_free(s.mem);
        ms_list_free(&list);
        return -1;
    }

    for (size_t i = 0; i < list.n && !s.dbfail; i++) {
        const ms_file *f = &list.files[i];
        s.ifile = i + 1;
        s.file = f;
        s.file_bytes = 0;
        s.file_articles = 0;
        s.file_errors = 0;
        free(s.first_error);
        s.first_error = NULL;
        int unchanged = 0;
        if (!opt->force &&
            md_file_check(db, f->path, f->size, f->mtime, &unchanged) == 0 &&
            unchanged) {
            st->files_skipped++;
            s.done_bytes += f->size;
            draw_bar(&s, 0);
            continue;
        }
        int rc = ms_read(f, on_doc, on_error, on_progress, &s);
        if (s.dbfail || rc == 2)
            break;
        if (rc == -1) {
            report(&s, f->path, 0, "out of memory");
            rc = 1;
        }
        st->files++;
        st->bytes += (int64_t)f->size;
        if (rc == 1)
            st->files_failed++;
        st->records_failed += rc == 1 ? 0 : s.file_errors;
        if (txn_begin(&s) ||
            md_file_done(db, f->path, f->size, f->mtime, s.run,
                         s.file_articles, rc == 1 ? "failed" : "done",
                         rc == 1 ? s.first_error : NULL) ||
            txn_commit(&s)) {
            s.dbfail = 1;
            break;
        }
        s.done_bytes += f->size;
        s.file_bytes = 0;
        draw_bar(&s, 0);
    }
    if (s.in_txn && !s.dbfail)
        txn_commit(&s);
    else if (s.in_txn)
        md_rollback(db);
    if (!s.dbfail && (st->added || st->updated) && md_optimize(db)) {
        /* the segments stay usable; only the merge is lost */
        report(&s, "database", 0,
               "warning: cannot merge the ranking index: %s",
               md_errmsg(db));
    }
    draw_bar(&s, 1);
    clear_bar(&s);
    md_run_finish(db, s.run, st, s.dbfail ? "failed" : "done");
    free(s.first_error);
    mc_sitemem_free(s.mem);
    ms_list_free(&list);
    if (s.dbfail)
        return -1;
    return st->files_failed || st->records_failed ? 1 : 0;
}
