/*
 * search.c - matching and ranking a user query.
 *
 * A plain list of words (all joined by AND, or all by OR) is answered by
 * the ranking index alone: it knows which articles hold each term.  Any
 * other query (phrases, prefixes, NOT, grouping, mixed operators, words
 * that analyze into several terms) is matched by FTS5, which returns the
 * matching article ids without ranking them (cheap), and the ranking
 * index scores those candidates with the query's positive words.
 */
#include <stdlib.h>
#include <string.h>

#include "store/fts5_marsad.h"
#include "store/search.h"

#define MAX_WORDS 64

typedef struct wlist {
    mr_word w[MAX_WORDS];
    char buf[MAX_WORDS][256];
    size_t n;
    int multi; /* some word gave several terms */
    /* analyzer callback state */
    const char *text;
    size_t len;
    int prefix;
    int got;
} wlist;

static int word_tok(void *ud, const marsad_token *tk)
{
    wlist *l = ud;
    if (tk->flags & MARSAD_TOKEN_STOPWORD)
        return 0;
    int prefix = l->prefix && tk->end == l->len;
    char tmp[256];
    const char *t;
    size_t n = mt_term(tk, l->text, prefix, 0, tmp, sizeof tmp, &t);
    if (n == 0 || n >= sizeof l->buf[0])
        return 0;
    if (++l->got > 1)
        l->multi = 1;
    if (l->n == MAX_WORDS)
        return 1;
    memcpy(l->buf[l->n], t, n);
    l->w[l->n].term = l->buf[l->n];
    l->w[l->n].n = n;
    l->w[l->n].prefix = prefix;
    l->n++;
    return 0;
}

static void add_word(wlist *l, marsad_analyzer *an, const char *w, size_t n)
{
    l->prefix = n > 1 && w[n - 1] == '*';
    if (l->prefix)
        n--;
    l->text = w;
    l->len = n;
    l->got = 0;
    marsad_analyzer_reset(an);
    marsad_analyze(an, w, n, word_tok, l);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* A plain word list?  Sets *mode to MR_AND or MR_OR. */
static int plain_query(const char *q, int *mode)
{
    static const char *const special[] = {"\"", "(", ")", "*", "\xC2\xAB",
                                          "\xC2\xBB", "\xE2\x80\x9C",
                                          "\xE2\x80\x9D"};
    for (size_t i = 0; i < sizeof special / sizeof *special; i++)
        if (strstr(q, special[i]))
            return 0;
    int ors = 0, adj = 0, prev_word = 0;
    const char *p = q;
    while (*p) {
        while (*p && is_space(*p))
            p++;
        if (!*p)
            break;
        const char *s = p;
        while (*p && !is_space(*p))
            p++;
        size_t n = (size_t)(p - s);
        if (s[0] == '-' || (n == 3 && memcmp(s, "NOT", 3) == 0))
            return 0;
        if ((n == 2 && memcmp(s, "OR", 2) == 0) || (n == 1 && *s == '|')) {
            ors++;
            prev_word = 0;
        } else if (n == 3 && memcmp(s, "AND", 3) == 0) {
            adj++;
            prev_word = 0;
        } else {
            if (prev_word)
                adj++;
            prev_word = 1;
        }
    }
    if (ors && adj)
        return 0;
    *mode = ors ? MR_OR : MR_AND;
    return 1;
}

typedef struct filt {
    sqlite3_stmt *st;
    int failed;
} filt;

static int keep(void *ud, int64_t id)
{
    filt *f = ud;
    sqlite3_bind_int64(f->st, 1, id);
    int rc = sqlite3_step(f->st);
    sqlite3_reset(f->st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        f->failed = 1;
    return rc == SQLITE_ROW;
}

int md_search(md_db *db, marsad_analyzer *an, const char *q,
              const md_filter *f, size_t k, mr_hit *out, size_t *nout,
              mq_query *mq, char *err, size_t errcap)
{
    *nout = 0;
    memset(mq, 0, sizeof *mq);
    if (mq_parse(q, strlen(q), an, 1, mq, err, errcap))
        return MD_SEARCH_QUERY;
    sqlite3 *sq = md_sqlite(db);
    wlist *l = calloc(1, sizeof *l);
    if (!l)
        return MD_SEARCH_DB;
    int mode = MR_AND;
    int plain = plain_query(q, &mode);
    if (plain) {
        const char *p = q;
        while (*p) {
            while (*p && is_space(*p))
                p++;
            const char *s = p;
            while (*p && !is_space(*p))
                p++;
            size_t n = (size_t)(p - s);
            if (!n || (n == 2 && memcmp(s, "OR", 2) == 0) ||
                (n == 1 && *s == '|') || (n == 3 && memcmp(s, "AND", 3) == 0))
                continue;
            add_word(l, an, s, n);
        }
        if (l->multi || l->n == 0)
            plain = 0;
    }
    if (!plain) {
        l->n = 0;
        for (size_t i = 0; i < mq->nwords; i++)
            add_word(l, an, mq->words[i], strlen(mq->words[i]));
    }

    int64_t *cand = NULL;
    size_t ncand = 0, capc = 0;
    int rc = SQLITE_OK;
    if (!plain) {
        sqlite3_stmt *st;
        rc = sqlite3_prepare_v2(sq,
                                "SELECT rowid FROM articles_fts WHERE "
                                "articles_fts MATCH ?1",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, mq->fts, -1, SQLITE_STATIC);
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                if (ncand == capc) {
                    capc = capc ? capc * 2 : 256;
                    int64_t *c = realloc(cand, capc * sizeof *c);
                    if (!c) {
                        rc = SQLITE_NOMEM;
                        break;
                    }
                    cand = c;
                }
                cand[ncand++] = sqlite3_column_int64(st, 0);
            }
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
            sqlite3_finalize(st);
        }
    }
    filt fl = {NULL, 0};
    int filtered = f && (f->source || f->since || f->until || f->entity);
    if (rc == SQLITE_OK && filtered) {
        rc = sqlite3_prepare_v2(
            sq,
            "SELECT 1 FROM articles WHERE id = ?1 AND (?2 IS NULL OR source "
            "= ?2 COLLATE NOCASE) AND (?3 IS NULL OR date >= ?3) AND (?4 IS "
            "NULL OR date < ?4) AND (?5 IS NULL OR EXISTS(SELECT 1 FROM "
            "mentions WHERE article = ?1 AND entity = ?5))",
            -1, &fl.st, NULL);
        if (rc == SQLITE_OK) {
            if (f->source)
                sqlite3_bind_text(fl.st, 2, f->source, -1, SQLITE_STATIC);
            if (f->since)
                sqlite3_bind_text(fl.st, 3, f->since, -1, SQLITE_STATIC);
            if (f->until)
                sqlite3_bind_text(fl.st, 4, f->until, -1, SQLITE_STATIC);
            if (f->entity)
                sqlite3_bind_int64(fl.st, 5, f->entity);
        }
    }
    if (rc == SQLITE_OK && (plain || ncand)) {
        if (l->n == 0 && cand) {
            /* nothing to weigh: keep FTS5's order */
            for (size_t i = 0; i < ncand && *nout < k; i++)
                if (!filtered || keep(&fl, cand[i])) {
                    out[*nout].id = cand[i];
                    out[*nout].score = 0;
                    (*nout)++;
                }
        } else {
            rc = mr_search(sq, l->w, l->n, mode, cand, ncand,
                           filtered ? keep : NULL, &fl, k, out, nout);
        }
    }
    if (fl.failed && rc == SQLITE_OK)
        rc = SQLITE_ERROR;
    sqlite3_finalize(fl.st);
    free(cand);
    free(l);
    if (rc != SQLITE_OK) {
        if (err && errcap)
            strncpy(err, sqlite3_errmsg(sq), errcap - 1), err[errcap - 1] = 0;
        return MD_SEARCH_DB;
    }
    return MD_SEARCH_OK;
}
