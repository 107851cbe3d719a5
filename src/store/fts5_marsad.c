/*
 * fts5_marsad.c - the marsad analyzer as an SQLite FTS5 tokenizer.
 *
 * tokenize='marsad [option ...]' runs libmarsad on each text and emits one
 * FTS5 token per word, number or percentage (punctuation and symbols are
 * not indexed):
 *   - Arabic words: the light stem (clitics gone, spelling folded), so
 *     للحكومة, الحكومة and حكومات meet at one term;
 *   - other words, numbers and percentages: the normalized form.
 * Offsets are the analyzer's byte offsets into the original text, so
 * highlights always fall on what the reader sees.
 *
 * Options (any order):
 *   stopwords    keep Arabic function words in the index (default: drop
 *                them; queries then drop them too, phrases still match
 *                because FTS5 counts positions over emitted tokens only)
 *   nostem       index clitic-free normalized words instead of stems
 *
 * Prefix queries (FTS5_TOKENIZE_PREFIX) emit the clitic-free word without
 * its article, or its stem when that is a prefix of it (the stemmer took
 * a suffix), so "الحكومة*", "الحكو*" and "حكوم*" all reach حكومي.
 *
 * A store may pass a sink when registering: while sink->active is set,
 * every term indexed for a document is also handed to it (one column()
 * call per column), which is how the ranking index is built without
 * analyzing the text twice.
 *
 * The same file builds the loadable extension (MARSAD_EXTENSION defined:
 * every sqlite3_* call goes through the extension API table) and the
 * registration used by marsad's own store (SQLITE_CORE).
 */
#ifdef MARSAD_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#else
#include <sqlite3.h>
#endif

#include <stdlib.h>
#include <string.h>

#include "marsad.h"
#include "store/fts5_marsad.h"

typedef struct mt_tokenizer {
    marsad_analyzer *an;
    mt_sink *sink;
    int drop_stop;
    int nostem;
} mt_tokenizer;

typedef struct mt_call {
    mt_tokenizer *tok;
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    const char *text;
    int prefix;
    mt_sink *sink; /* set while a document is indexed */
    int rc;
    char buf[512];
} mt_call;

static int mt_create(void *pctx, const char **argv, int argc,
                     Fts5Tokenizer **out)
{
    mt_tokenizer *t = calloc(1, sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->sink = pctx;
    t->drop_stop = 1;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "stopwords") == 0)
            t->drop_stop = 0;
        else if (strcmp(argv[i], "nostem") == 0)
            t->nostem = 1;
        else {
            free(t);
            return SQLITE_ERROR;
        }
    }
    int err = 0;
    t->an = marsad_analyzer_new(NULL, NULL, &err);
    if (!t->an) {
        free(t);
        return err == MARSAD_ENOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void mt_delete(Fts5Tokenizer *p)
{
    mt_tokenizer *t = (mt_tokenizer *)p;
    if (!t)
        return;
    marsad_analyzer_free(t->an);
    free(t);
}

/* The clitic-free part of a token, normalized into buf. */
static size_t mt_base(const marsad_token *tk, const char *text, char *buf,
                      size_t cap, const char **out)
{
    size_t bs = tk->start, be = tk->end;
    for (unsigned i = 0; i < tk->nseg; i++)
        if (tk->seg[i].kind == MARSAD_SEG_BASE) {
            bs = tk->seg[i].start;
            be = tk->seg[i].end;
        }
    if (bs == tk->start && be == tk->end) {
        *out = tk->norm;
        return tk->nnorm;
    }
    size_t need =
        marsad_normalize(text + bs, be - bs, MARSAD_PROFILE_SEARCH, buf, cap);
    if (need > cap) {
        *out = tk->norm;
        return tk->nnorm;
    }
    *out = buf;
    return need;
}

size_t mt_term(const marsad_token *tk, const char *text, int prefix,
               int nostem, char *buf, size_t cap, const char **term)
{
    if (tk->type == MARSAD_TOKEN_PUNCT || tk->type == MARSAD_TOKEN_SYMBOL)
        return 0;
    *term = tk->norm;
    size_t n = tk->nnorm;
    if (tk->type == MARSAD_TOKEN_ARABIC) {
        if (prefix || nostem) {
            n = mt_base(tk, text, buf, cap, term);
            if (prefix && !nostem) {
                /* the index holds stems, which have lost the article */
                if (n > 6 && memcmp(*term, "\xD8\xA7\xD9\x84", 4) == 0) {
                    *term += 4;
                    n -= 4;
                }
                if (tk->nstem > 0 && tk->nstem <= n &&
                    memcmp(tk->stem, *term, tk->nstem) == 0) {
                    *term = tk->stem;
                    n = tk->nstem;
                }
            }
        } else if (tk->nstem > 0) {
            *term = tk->stem;
            n = tk->nstem;
        }
    }
    return n;
}

static int mt_token(void *ud, const marsad_token *tk)
{
    mt_call *c = ud;
    mt_tokenizer *t = c->tok;
    if (t->drop_stop && (tk->flags & MARSAD_TOKEN_STOPWORD))
        return 0;
    const char *term;
    size_t n = mt_term(tk, c->text, c->prefix, t->nostem, c->buf,
                       sizeof c->buf, &term);
    if (n == 0)
        return 0;
    if (c->sink)
        c->sink->term(c->sink->ud, term, n);
    int rc = c->xToken(c->ctx, 0, term, (int)n, (int)tk->start, (int)tk->end);
    if (rc != SQLITE_OK) {
        c->rc = rc;
        return 1;
    }
    return 0;
}

static int mt_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
                       const char *text, int ntext,
                       int (*xToken)(void *, int, const char *, int, int,
                                     int))
{
    mt_tokenizer *t = (mt_tokenizer *)p;
    mt_call c;
    c.tok = t;
    c.ctx = ctx;
    c.xToken = xToken;
    c.text = text;
    c.prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
    c.rc = SQLITE_OK;
    c.sink = NULL;
    if ((flags & FTS5_TOKENIZE_DOCUMENT) && t->sink && t->sink->active) {
        c.sink = t->sink;
        c.sink->column(c.sink->ud);
    }
    if (ntext <= 0)
        return SQLITE_OK;
    marsad_analyzer_reset(t->an);
    int rc = marsad_analyze(t->an, text, (size_t)ntext, mt_token, &c);
    if (c.rc != SQLITE_OK)
        return c.rc;
    if (rc == MARSAD_ENOMEM)
        return SQLITE_NOMEM;
    return rc == MARSAD_OK ? SQLITE_OK : SQLITE_ERROR;
}

static fts5_api *mt_fts5_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int mt_register(sqlite3 *db, mt_sink *sink)
{
    fts5_api *api = mt_fts5_api(db);
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    fts5_tokenizer tk = {mt_create, mt_delete, mt_tokenize};
    return api->xCreateTokenizer(api, "marsad", sink, &tk, NULL);
}

#ifdef MARSAD_EXTENSION
#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_marsad_init(sqlite3 *db, char **errmsg,
                        const sqlite3_api_routines *api);
int sqlite3_marsad_init(sqlite3 *db, char **errmsg,
                        const sqlite3_api_routines *api)
{
    SQLITE_EXTENSION_INIT2(api);
    int rc = mt_register(db, NULL);
    if (rc != SQLITE_OK && errmsg)
        *errmsg = sqlite3_mprintf("marsad: FTS5 is not available");
    return rc;
}
#endif
