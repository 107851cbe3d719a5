/*
 * rank.c - the ranking index (see rank.h).
 *
 * Writing: while FTS5 indexes a document, the tokenizer hands each term
 * to the sink here.  A hash table keeps, per term, the term frequency in
 * the current document (title terms count twice) and the postings of the
 * pending batch.  At document end each term's BM25 weight
 *     w = tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl))
 * is quantized to 5 bits of w / (k1 + 1).  mr_flush writes one row per
 * term: one varint per posting, (docid gap << 5) | impact.  Every flush
 * is a new segment; mr_compact merges each term's segments into one row,
 * written in term order; a query reads all segments of its terms.
 *
 * Reading: score(d) = sum over words of idf(t) x impact(t, d) x (k1 + 1),
 * idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)), accumulated in arrays
 * indexed by article id, then a heap keeps the best k.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "store/rank.h"

#define K1 1.2
#define B 0.75
#define PRIOR_AVGDL 250.0
#define MAX_EXPANSIONS 256
/* impacts take 5 bits, packed under the docid gap: one varint per
 * posting, (gap << 5) | impact */
#define QBITS 5
#define QMAX ((1 << QBITS) - 1)

const char mr_schema_sql[] =
    "CREATE TABLE IF NOT EXISTS rank_postings(\n"
    "  term TEXT NOT NULL, seg INTEGER NOT NULL, data BLOB NOT NULL,\n"
    "  PRIMARY KEY(term, seg)) WITHOUT ROWID;\n"
    "INSERT OR IGNORE INTO meta VALUES('rank_ndocs', '0'),"
    " ('rank_totlen', '0'), ('rank_seg', '0');\n";

/* One slot of the term table: what every token touches, in one place. */
typedef struct slot {
    uint64_t hash; /* XXH3-64 of the term; 0: empty */
    uint32_t term; /* index into terms, plus 1 */
    uint32_t len;  /* term length: with the hash, the term's identity */
    uint32_t gen;  /* document (mr_doc_begin count) tf belongs to */
    uint32_t tf;
} slot;

/* One pending posting. */
typedef struct tup {
    int64_t doc;
    uint32_t term;
    uint32_t imp; /* 0: removed */
} tup;

struct mr_index {
    mt_sink sink;
    /* open addressing over the terms seen; kept across flushes */
    slot *slots;
    size_t nslots;
    char **terms;
    size_t nterms, capterms;
    /* postings of the pending batch, in arrival order */
    tup *tups;
    size_t ntups, captups;
    /* current document */
    int64_t doc;
    uint32_t gen;
    int col;
    size_t *touched; /* slot indices */
    size_t ntouched, captouched;
    int oom;
    /* pending batch */
    int64_t batch_docs, batch_len;
    int64_t db_docs, db_len; /* as of the last flush */
    /* removal */
    int removing;
    char **rm;
    size_t nrm, caprm;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = XXH3_64bits(s, n);
    return h ? h : 1;
}

static int grow_slots(mr_index *x)
{
    size_t n = x->nslots ? x->nslots * 2 : 16384;
    slot *sl = calloc(n, sizeof *sl);
    size_t *moved = x->nslots ? malloc(x->nslots * sizeof *moved) : NULL;
    if (!sl || (x->nslots && !moved)) {
        free(sl);
        free(moved);
        return -1;
    }
    for (size_t i = 0; i < x->nslots; i++) {
        if (!x->slots[i].hash)
            continue;
        size_t j = x->slots[i].hash & (n - 1);
        while (sl[j].hash)
            j = (j + 1) & (n - 1);
        sl[j] = x->slots[i];
        moved[i] = j;
    }
    /* the current document's terms are kept by slot: follow them */
    for (size_t i = 0; i < x->ntouched; i++)
        x->touched[i] = moved[x->touched[i]];
    free(moved);
    free(x->slots);
    x->slots = sl;
    x->nslots = n;
    return 0;
}

/* Slot of term s[0..n), created when new; (size_t)-1 when out of memory.
 * Terms are told apart by their 64-bit hash and length. */
static size_t lookup(mr_index *x, const char *s, size_t n)
{
    if (x->nterms * 2 >= x->nslots && grow_slots(x))
        return (size_t)-1;
    uint64_t h = hash_bytes(s, n);
    size_t j = h & (x->nslots - 1);
    while (x->slots[j].hash) {
        if (x->slots[j].hash == h && x->slots[j].len == n)
            return j;
        j = (j + 1) & (x->nslots - 1);
    }
    if (x->nterms == x->capterms) {
        size_t c = x->capterms ? x->capterms * 2 : 4096;
        char **nt = realloc(x->terms, c * sizeof *nt);
        if (!nt)
            return (size_t)-1;
        x->terms = nt;
        x->capterms = c;
    }
    char *t = malloc(n + 1);
    if (!t)
        return (size_t)-1;
    memcpy(t, s, n);
    t[n] = 0;
    x->terms[x->nterms] = t;
    x->slots[j].hash = h;
    x->slots[j].len = (uint32_t)n;
    x->slots[j].term = (uint32_t)(x->nterms + 1);
    x->slots[j].gen = 0;
    x->slots[j].tf = 0;
    x->nterms++;
    return j;
}

static void sink_column(void *ud)
{
    mr_index *x = ud;
    x->col++;
}

static void sink_term(void *ud, const char *s, size_t n)
{
    mr_index *x = ud;
    if (x->oom || n == 0)
        return;
    if (x->removing) {
        if (x->nrm == x->caprm) {
            size_t c = x->caprm ? x->caprm * 2 : 256;
            char **r = realloc(x->rm, c * sizeof *r);
            if (!r) {
                x->oom = 1;
                return;
            }
            x->rm = r;
            x->caprm = c;
        }
        char *t = malloc(n + 1);
        if (!t) {
            x->oom = 1;
            return;
        }
        memcpy(t, s, n);
        t[n] = 0;
        x->rm[x->nrm++] = t;
        return;
    }
    size_t k = lookup(x, s, n);
    if (k == (size_t)-1) {
        x->oom = 1;
        return;
    }
    slot *sl = &x->slots[k];
    if (sl->gen != x->gen) {
        if (x->ntouched == x->captouched) {
            size_t c = x->captouched ? x->captouched * 2 : 1024;
            size_t *t = realloc(x->touched, c * sizeof *t);
            if (!t) {
                x->oom = 1;
                return;
            }
            x->touched = t;
            x->captouched = c;
        }
        x->touched[x->ntouched++] = k;
        sl->gen = x->gen;
        sl->tf = 0;
    }
    sl->tf += x->col == 1 ? 2 : 1; /* the title is the first column */
}

mr_index *mr_new(void)
{
    mr_index *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->sink.column = sink_column;
    x->sink.term = sink_term;
    x->sink.ud = x;
    return x;
}

static void clear_table(mr_index *x)
{
    for (size_t i = 0; i < x->nterms; i++)
        free(x->terms[i]);
    free(x->terms);
    free(x->slots);
    free(x->tups);
    x->terms = NULL;
    x->slots = NULL;
    x->tups = NULL;
    x->nterms = x->capterms = x->nslots = 0;
    x->ntups = x->captups = 0;
    x->batch_docs = x->batch_len = 0;
}

/* After a flush: keep the terms, drop the postings; start afresh when the
 * vocabulary has grown large. */
#define KEEP_TERMS (1u << 20)
static void reset_pending(mr_index *x)
{
    if (x->nterms > KEEP_TERMS) {
        clear_table(x);
        return;
    }
    x->ntups = 0;
    x->batch_docs = x->batch_len = 0;
}

void mr_free(mr_index *x)
{
    if (!x)
        return;
    clear_table(x);
    free(x->touched);
    for (size_t i = 0; i < x->nrm; i++)
        free(x->rm[i]);
    free(x->rm);
    free(x);
}

mt_sink *mr_sink(mr_index *x) { return &x->sink; }

void mr_doc_begin(mr_index *x, int64_t docid)
{
    x->doc = docid;
    if (++x->gen == 0)
        x->gen = 1;
    x->col = 0;
    x->ntouched = 0;
    x->removing = 0;
    x->sink.active = 1;
}

int mr_doc_end(mr_index *x)
{
    x->sink.active = 0;
    if (x->oom) {
        x->oom = 0;
        return -1;
    }
    int64_t dl = 0;
    for (size_t i = 0; i < x->ntouched; i++)
        dl += x->slots[x->touched[i]].tf;
    int64_t docs = x->db_docs + x->batch_docs;
    double avgdl = docs >= 50 ? (double)(x->db_len + x->batch_len) /
                                    (double)docs
                              : PRIOR_AVGDL;
    if (avgdl < 1)
        avgdl = 1;
    double norm = K1 * (1 - B + B * (double)dl / avgdl);
    if (x->ntups + x->ntouched > x->captups) {
        size_t c = x->captups ? x->captups : 65536;
        while (c < x->ntups + x->ntouched)
            c *= 2;
        tup *t = realloc(x->tups, c * sizeof *t);
        if (!t)
            return -1;
        x->tups = t;
        x->captups = c;
    }
    for (size_t i = 0; i < x->ntouched; i++) {
        const slot *sl = &x->slots[x->touched[i]];
        double tf = sl->tf;
        double w = tf / (tf + norm); /* w / (k1 + 1) */
        long q = lround(w * QMAX);
        if (q < 1)
            q = 1;
        if (q > QMAX)
            q = QMAX;
        tup *t = &x->tups[x->ntups++];
        t->doc = x->doc;
        t->term = sl->term - 1;
        t->imp = (uint32_t)q;
    }
    x->batch_docs++;
    x->batch_len += dl;
    x->ntouched = 0;
    return 0;
}

/* ------------------------------------------------------------ blobs */

static size_t put_varint(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

static size_t get_varint(const uint8_t *p, size_t n, uint64_t *v)
{
    uint64_t r = 0;
    for (size_t i = 0; i < n && i < 10; i++) {
        r |= (uint64_t)(p[i] & 0x7f) << (7 * i);
        if (!(p[i] & 0x80)) {
            *v = r;
            return i + 1;
        }
    }
    return 0; /* malformed */
}

/* Reading a segment row: postings one at a time.  A malformed tail ends
 * the row. */
typedef struct cursor {
    const uint8_t *p;
    size_t n, i;
    int64_t doc;
    unsigned imp;
} cursor;

static cursor cursor_at(const uint8_t *p, size_t n)
{
    cursor c = {p, n, 0, 0, 0};
    return c;
}

static int next_posting(cursor *c)
{
    uint64_t v;
    size_t k = c->i < c->n ? get_varint(c->p + c->i, c->n - c->i, &v) : 0;
    if (!k)
        return 0;
    c->i += k;
    c->doc += (int64_t)(v >> QBITS);
    c->imp = (unsigned)(v & QMAX);
    return 1;
}

/* Appends one posting, gap from the previous one in the row. */
static size_t put_posting(uint8_t *p, int64_t gap, unsigned imp)
{
    return put_varint(p, ((uint64_t)gap << QBITS) | imp);
}

typedef struct pair {
    int64_t doc;
    uint8_t imp;
} pair;

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Write postings (sorted, distinct docs) as rows of at most CHUNK bytes:
 * rows stay inside their b-tree page (no overflow chains), and each row
 * starts its gaps from 0.  seg is the segment; rows get seg << 16 | k. */
#define CHUNK 3600
static int write_chunks(sqlite3_stmt *ins, const char *term, int nterm,
                        int64_t seg, const int64_t *docs, const uint8_t *imp,
                        size_t n)
{
    uint8_t buf[CHUNK + 16];
    size_t o = 0;
    int64_t prev = 0, k = 0;
    int rc = SQLITE_OK;
    for (size_t i = 0; i <= n && rc == SQLITE_OK; i++) {
        if (i == n || o >= CHUNK) {
            if (o) {
                sqlite3_bind_text(ins, 1, term, nterm, SQLITE_STATIC);
                sqlite3_bind_int64(ins, 2, (seg << 16) | k);
                sqlite3_bind_blob(ins, 3, buf, (int)o, SQLITE_STATIC);
                rc = sqlite3_step(ins);
                rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
                sqlite3_reset(ins);
                k++;
            }
            o = 0;
            prev = 0;
            if (i == n)
                break;
        }
        o += put_posting(buf + o, docs[i] - prev, imp[i]);
        prev = docs[i];
    }
    return rc;
}

static int meta_get(sqlite3 *db, const char *key, int64_t *v)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    *v = 0;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int meta_put(sqlite3 *db, const char *key, int64_t v)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        db, "INSERT OR REPLACE INTO meta VALUES(?1, ?2)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, v);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int mr_flush(mr_index *x, sqlite3 *db)
{
    int64_t seg, ndocs, totlen;
    int rc;
    if ((rc = meta_get(db, "rank_seg", &seg)) ||
        (rc = meta_get(db, "rank_ndocs", &ndocs)) ||
        (rc = meta_get(db, "rank_totlen", &totlen)))
        return rc;
    seg++;
    sqlite3_stmt *st;
    rc = sqlite3_prepare_v2(
        db, "INSERT INTO rank_postings(term, seg, data) VALUES(?1, ?2, ?3)",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    /* bucket the pending postings by term (counting sort) */
    uint32_t *start = calloc(x->nterms + 1, sizeof *start);
    int64_t *docs = malloc((x->ntups ? x->ntups : 1) * sizeof *docs);
    uint8_t *imp = malloc(x->ntups ? x->ntups : 1);
    if (!start || !docs || !imp)
        rc = SQLITE_NOMEM;
    for (size_t i = 0; rc == SQLITE_OK && i < x->ntups; i++)
        if (x->tups[i].imp)
            start[x->tups[i].term + 1]++;
    for (size_t t = 0; rc == SQLITE_OK && t < x->nterms; t++)
        start[t + 1] += start[t];
    if (rc == SQLITE_OK) {
        uint32_t *fill = malloc((x->nterms ? x->nterms : 1) * sizeof *fill);
        if (!fill)
            rc = SQLITE_NOMEM;
        else {
            memcpy(fill, start, x->nterms * sizeof *fill);
            for (size_t i = 0; i < x->ntups; i++) {
                const tup *t = &x->tups[i];
                if (!t->imp)
                    continue;
                docs[fill[t->term]] = t->doc;
                imp[fill[t->term]] = (uint8_t)t->imp;
                fill[t->term]++;
            }
            free(fill);
        }
    }
    for (size_t t = 0; rc == SQLITE_OK && t < x->nterms; t++) {
        size_t b0 = start[t], n = start[t + 1] - b0;
        if (n == 0)
            continue;
        int sorted = 1;
        for (size_t i = 1; i < n && sorted; i++)
            sorted = docs[b0 + i - 1] < docs[b0 + i];
        if (!sorted) {
            pair *p = malloc(n * sizeof *p);
            if (!p) {
                rc = SQLITE_NOMEM;
                break;
            }
            for (size_t j = 0; j < n; j++) {
                p[j].doc = docs[b0 + j];
                p[j].imp = imp[b0 + j];
            }
            qsort(p, n, sizeof *p, cmp_pair);
            for (size_t j = 0; j < n; j++) {
                docs[b0 + j] = p[j].doc;
                imp[b0 + j] = p[j].imp;
            }
            free(p);
        }
        rc = write_chunks(st, x->terms[t], (int)strlen(x->terms[t]), seg,
                          docs + b0, imp + b0, n);
    }
    free(start);
    free(docs);
    free(imp);
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = meta_put(db, "rank_seg", seg);
    if (rc == SQLITE_OK)
        rc = meta_put(db, "rank_ndocs", ndocs + x->batch_docs);
    if (rc == SQLITE_OK)
        rc = meta_put(db, "rank_totlen", totlen + x->batch_len);
    if (rc == SQLITE_OK) {
        x->db_docs = ndocs + x->batch_docs;
        x->db_len = totlen + x->batch_len;
        reset_pending(x);
    }
    return rc;
}

/* Decode a blob, appending its postings to p. */
static int decode_into(const uint8_t *b, size_t n, pair **p, size_t *np,
                       size_t *cap)
{
    cursor c = cursor_at(b, n);
    while (next_posting(&c)) {
        if (*np == *cap) {
            size_t grown = *cap ? *cap * 2 : 1024;
            pair *q = realloc(*p, grown * sizeof *q);
            if (!q)
                return -1;
            *p = q;
            *cap = grown;
        }
        (*p)[*np].doc = c.doc;
        (*p)[*np].imp = (uint8_t)c.imp;
        (*np)++;
    }
    return 0;
}

static int write_merged(sqlite3_stmt *ins, const char *term, int nterm,
                        pair *p, size_t n)
{
    qsort(p, n, sizeof *p, cmp_pair);
    int64_t *docs = malloc((n ? n : 1) * sizeof *docs);
    uint8_t *imp = malloc(n ? n : 1);
    if (!docs || !imp) {
        free(docs);
        free(imp);
        return SQLITE_NOMEM;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && docs[m - 1] == p[i].doc)
            continue;
        docs[m] = p[i].doc;
        imp[m] = p[i].imp;
        m++;
    }
    int rc = write_chunks(ins, term, nterm, 1, docs, imp, m);
    free(docs);
    free(imp);
    return rc;
}

int mr_compact(sqlite3 *db)
{
    int rc = sqlite3_exec(
        db,
        "DROP TABLE IF EXISTS rank_compact;"
        "CREATE TABLE rank_compact(term TEXT NOT NULL, seg INTEGER NOT "
        "NULL, data BLOB NOT NULL, PRIMARY KEY(term, seg)) WITHOUT ROWID;",
        NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_stmt *sel = NULL, *ins = NULL;
    rc = sqlite3_prepare_v2(db,
                            "SELECT term, data FROM rank_postings ORDER BY "
                            "term, seg",
                            -1, &sel, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "INSERT INTO rank_compact(term, seg, data) "
                                "VALUES(?1, ?2, ?3)",
                                -1, &ins, NULL);
    pair *p = NULL;
    size_t np = 0, cap = 0;
    char *cur = NULL;
    int ncur = 0;
    while (rc == SQLITE_OK) {
        int r = sqlite3_step(sel);
        if (r != SQLITE_ROW && r != SQLITE_DONE) {
            rc = r;
            break;
        }
        const char *t =
            r == SQLITE_ROW ? (const char *)sqlite3_column_text(sel, 0) : NULL;
        int nt = r == SQLITE_ROW ? sqlite3_column_bytes(sel, 0) : 0;
        if (cur && (!t || nt != ncur || memcmp(t, cur, (size_t)nt) != 0)) {
            rc = write_merged(ins, cur, ncur, p, np);
            np = 0;
        }
        if (!t || rc != SQLITE_OK)
            break;
        if (!cur || nt != ncur || memcmp(t, cur, (size_t)nt) != 0) {
            char *c = realloc(cur, (size_t)nt + 1);
            if (!c) {
                rc = SQLITE_NOMEM;
                break;
            }
            cur = c;
            memcpy(cur, t, (size_t)nt);
            cur[nt] = 0;
            ncur = nt;
        }
        if (decode_into(sqlite3_column_blob(sel, 1),
                        (size_t)sqlite3_column_bytes(sel, 1), &p, &np, &cap))
            rc = SQLITE_NOMEM;
    }
    free(cur);
    free(p);
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db,
                          "DROP TABLE rank_postings;"
                          "ALTER TABLE rank_compact RENAME TO rank_postings;",
                          NULL, NULL, NULL);
    return rc;
}

void mr_discard(mr_index *x)
{
    clear_table(x);
    x->db_docs = x->db_len = 0;
    x->sink.active = 0;
}

void mr_remove_begin(mr_index *x)
{
    for (size_t i = 0; i < x->nrm; i++)
        free(x->rm[i]);
    x->nrm = 0;
    x->removing = 1;
    x->sink.active = 1;
    x->col = 0;
}

/* Rewrite the stored segments of term without docid. */
static int remove_stored(sqlite3 *db, const char *term, int64_t docid)
{
    sqlite3_stmt *sel, *upd, *del;
    int rc = sqlite3_prepare_v2(
        db, "SELECT seg, data FROM rank_postings WHERE term = ?1", -1, &sel,
        NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_prepare_v2(db,
                       "UPDATE rank_postings SET data = ?3 WHERE term = ?1 "
                       "AND seg = ?2",
                       -1, &upd, NULL);
    sqlite3_prepare_v2(db,
                       "DELETE FROM rank_postings WHERE term = ?1 AND seg = "
                       "?2",
                       -1, &del, NULL);
    sqlite3_bind_text(sel, 1, term, -1, SQLITE_STATIC);
    /* collect the rewrites first: do not write while reading */
    typedef struct fix {
        int64_t seg;
        uint8_t *blob;
        size_t len;
    } fix;
    fix *fx = NULL;
    size_t nfx = 0;
    while (rc == SQLITE_OK && sqlite3_step(sel) == SQLITE_ROW) {
        int64_t seg = sqlite3_column_int64(sel, 0);
        const uint8_t *p = sqlite3_column_blob(sel, 1);
        size_t n = (size_t)sqlite3_column_bytes(sel, 1);
        uint8_t *out = malloc(n + 1);
        fix *nf = realloc(fx, (nfx + 1) * sizeof *fx);
        if (!out || !nf) {
            free(out);
            if (nf)
                fx = nf;
            rc = SQLITE_NOMEM;
            break;
        }
        fx = nf;
        size_t o = 0;
        int64_t prev_out = 0;
        int found = 0;
        cursor c = cursor_at(p, n);
        while (next_posting(&c)) {
            if (c.doc == docid) {
                found = 1;
                continue;
            }
            o += put_posting(out + o, c.doc - prev_out, c.imp);
            prev_out = c.doc;
        }
        if (!found) {
            free(out);
            continue;
        }
        fx[nfx].seg = seg;
        fx[nfx].blob = out;
        fx[nfx].len = o;
        nfx++;
    }
    sqlite3_finalize(sel);
    for (size_t i = 0; i < nfx; i++) {
        if (rc == SQLITE_OK && upd && del) {
            sqlite3_stmt *st = fx[i].len ? upd : del;
            sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, fx[i].seg);
            if (fx[i].len)
                sqlite3_bind_blob(st, 3, fx[i].blob, (int)fx[i].len,
                                  SQLITE_STATIC);
            int r = sqlite3_step(st);
            sqlite3_reset(st);
            if (r != SQLITE_DONE)
                rc = r;
        }
        free(fx[i].blob);
    }
    free(fx);
    if (!upd || !del)
        rc = rc == SQLITE_OK ? SQLITE_ERROR : rc;
    sqlite3_finalize(upd);
    sqlite3_finalize(del);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int mr_remove_end(mr_index *x, sqlite3 *db, int64_t docid)
{
    x->sink.active = 0;
    x->removing = 0;
    int rc = x->oom ? SQLITE_NOMEM : SQLITE_OK;
    x->oom = 0;
    qsort(x->rm, x->nrm, sizeof *x->rm, cmp_str);
    for (size_t i = 0; i < x->nrm && rc == SQLITE_OK; i++) {
        if (i && strcmp(x->rm[i], x->rm[i - 1]) == 0)
            continue;
        rc = remove_stored(db, x->rm[i], docid);
    }
    /* the pending postings of the old version (updated in this batch) */
    for (size_t i = 0; i < x->ntups; i++)
        if (x->tups[i].doc == docid)
            x->tups[i].imp = 0;
    for (size_t i = 0; i < x->nrm; i++)
        free(x->rm[i]);
    x->nrm = 0;
    return rc;
}

/* ------------------------------------------------------------ search */

typedef struct acc {
    float *score;
    uint16_t *count;   /* words matched */
    uint16_t *last;    /* last word (1-based) counted */
    int64_t size;
} acc;

static void add_blob(acc *a, const uint8_t *p, size_t n, double weight,
                     uint16_t word)
{
    cursor c = cursor_at(p, n);
    while (next_posting(&c)) {
        if (c.doc < 0 || c.doc >= a->size)
            continue;
        a->score[c.doc] += (float)(weight * c.imp);
        if (a->last[c.doc] != word) {
            a->last[c.doc] = word;
            a->count[c.doc]++;
        }
    }
}

static int64_t df_of(const uint8_t *p, size_t n)
{
    int64_t df = 0;
    cursor c = cursor_at(p, n);
    while (next_posting(&c))
        df++;
    return df;
}

typedef struct blobs {
    uint8_t **p;
    size_t *n;
    size_t count, cap;
    int64_t df;
} blobs;

static int blobs_add(blobs *b, const void *p, size_t n)
{
    if (b->count == b->cap) {
        size_t c = b->cap ? b->cap * 2 : 8;
        uint8_t **np = realloc(b->p, c * sizeof *np);
        if (!np)
            return -1;
        b->p = np;
        size_t *nn = realloc(b->n, c * sizeof *nn);
        if (!nn)
            return -1;
        b->n = nn;
        b->cap = c;
    }
    uint8_t *copy = malloc(n ? n : 1);
    if (!copy)
        return -1;
    if (n)
        memcpy(copy, p, n);
    b->p[b->count] = copy;
    b->n[b->count] = n;
    b->count++;
    b->df += df_of(copy, n);
    return 0;
}

static void blobs_free(blobs *b)
{
    for (size_t i = 0; i < b->count; i++)
        free(b->p[i]);
    free(b->p);
    free(b->n);
}

/* min-heap on score */
static void heap_push(mr_hit *h, size_t *n, size_t k, int64_t id, double s)
{
    if (*n < k) {
        size_t i = (*n)++;
        h[i].id = id;
        h[i].score = s;
        while (i && h[(i - 1) / 2].score > h[i].score) {
            mr_hit t = h[i];
            h[i] = h[(i - 1) / 2];
            h[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
        return;
    }
    if (s <= h[0].score)
        return;
    h[0].id = id;
    h[0].score = s;
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < k && h[l].score < h[m].score)
            m = l;
        if (r < k && h[r].score < h[m].score)
            m = r;
        if (m == i)
            break;
        mr_hit t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

static int cmp_hit(const void *a, const void *b)
{
    const mr_hit *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->id < y->id ? -1 : x->id > y->id;
}

int mr_search(sqlite3 *db, const mr_word *w, size_t nw, int mode,
              const int64_t *cand, size_t ncand, mr_filter_fn filter,
              void *fud, size_t k, mr_hit *out, size_t *nout)
{
    *nout = 0;
    if (nw == 0 || k == 0 || nw > 0xfffe)
        return SQLITE_OK;
    int64_t ndocs = 0, maxid = 0;
    int rc = meta_get(db, "rank_ndocs", &ndocs);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    rc = sqlite3_prepare_v2(db, "SELECT max(id) FROM articles", -1, &st,
                            NULL);
    if (rc)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        maxid = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (maxid <= 0)
        return SQLITE_OK;

    sqlite3_stmt *one, *range;
    rc = sqlite3_prepare_v2(db,
                            "SELECT data FROM rank_postings WHERE term = ?1",
                            -1, &one, NULL);
    if (rc)
        return rc;
    rc = sqlite3_prepare_v2(db,
                            "SELECT term, data FROM rank_postings WHERE "
                            "term >= ?1 AND term < ?2 ORDER BY term",
                            -1, &range, NULL);
    if (rc) {
        sqlite3_finalize(one);
        return rc;
    }
    acc a;
    a.size = maxid + 1;
    a.score = calloc((size_t)a.size, sizeof *a.score);
    a.count = calloc((size_t)a.size, sizeof *a.count);
    a.last = calloc((size_t)a.size, sizeof *a.last);
    if (!a.score || !a.count || !a.last)
        rc = SQLITE_NOMEM;
    double N = ndocs > 0 ? (double)ndocs : 1;
    for (size_t i = 0; i < nw && rc == SQLITE_OK; i++) {
        if (!w[i].prefix) {
            blobs b = {0};
            sqlite3_bind_text(one, 1, w[i].term, (int)w[i].n, SQLITE_STATIC);
            while (sqlite3_step(one) == SQLITE_ROW)
                if (blobs_add(&b, sqlite3_column_blob(one, 0),
                              (size_t)sqlite3_column_bytes(one, 0)))
                    rc = SQLITE_NOMEM;
            sqlite3_reset(one);
            double df = (double)b.df;
            double idf = log(1 + (N - df + 0.5) / (df + 0.5));
            double weight = idf * (K1 + 1) / QMAX;
            for (size_t j = 0; j < b.count && rc == SQLITE_OK; j++)
                add_blob(&a, b.p[j], b.n[j], weight, (uint16_t)(i + 1));
            blobs_free(&b);
        } else {
            char *hi = malloc(w[i].n + 2);
            if (!hi) {
                rc = SQLITE_NOMEM;
                break;
            }
            memcpy(hi, w[i].term, w[i].n);
            hi[w[i].n] = (char)0xff;
            hi[w[i].n + 1] = 0;
            sqlite3_bind_text(range, 1, w[i].term, (int)w[i].n,
                              SQLITE_STATIC);
            sqlite3_bind_text(range, 2, hi, (int)w[i].n + 1, SQLITE_STATIC);
            /* one term at a time: rows come ordered by term */
            blobs b = {0};
            char last[512] = "";
            int expansions = 0;
            int r;
            for (;;) {
                r = sqlite3_step(range);
                const char *t = r == SQLITE_ROW
                                    ? (const char *)sqlite3_column_text(range,
                                                                        0)
                                    : NULL;
                if (b.count && (!t || strcmp(t, last) != 0)) {
                    double df = (double)b.df;
                    double idf = log(1 + (N - df + 0.5) / (df + 0.5));
                    double weight = idf * (K1 + 1) / QMAX;
                    for (size_t j = 0; j < b.count; j++)
                        add_blob(&a, b.p[j], b.n[j], weight,
                                 (uint16_t)(i + 1));
                    blobs_free(&b);
                    memset(&b, 0, sizeof b);
                    expansions++;
                }
                if (!t || expansions >= MAX_EXPANSIONS)
                    break;
                snprintf(last, sizeof last, "%s", t);
                if (blobs_add(&b, sqlite3_column_blob(range, 1),
                              (size_t)sqlite3_column_bytes(range, 1))) {
                    rc = SQLITE_NOMEM;
                    break;
                }
            }
            blobs_free(&b);
            sqlite3_reset(range);
            free(hi);
        }
    }
    sqlite3_finalize(one);
    sqlite3_finalize(range);

    if (rc == SQLITE_OK) {
        uint8_t *allowed = NULL;
        if (cand) {
            allowed = calloc((size_t)a.size, 1);
            if (!allowed)
                rc = SQLITE_NOMEM;
            for (size_t i = 0; allowed && i < ncand; i++)
                if (cand[i] >= 0 && cand[i] < a.size)
                    allowed[cand[i]] = 1;
        }
        if (rc == SQLITE_OK && !filter) {
            size_t n = 0;
            for (int64_t d = 0; d < a.size; d++) {
                int ok = allowed ? allowed[d]
                                 : mode == MR_AND ? a.count[d] == nw
                                                  : a.count[d] > 0;
                if (ok)
                    heap_push(out, &n, k, d, a.score[d]);
            }
            qsort(out, n, sizeof *out, cmp_hit);
            *nout = n;
        } else if (rc == SQLITE_OK) {
            size_t n = 0, cap = 0;
            mr_hit *all = NULL;
            for (int64_t d = 0; d < a.size && rc == SQLITE_OK; d++) {
                int ok = allowed ? allowed[d]
                                 : mode == MR_AND ? a.count[d] == nw
                                                  : a.count[d] > 0;
                if (!ok)
                    continue;
                if (n == cap) {
                    cap = cap ? cap * 2 : 1024;
                    mr_hit *na = realloc(all, cap * sizeof *na);
                    if (!na) {
                        rc = SQLITE_NOMEM;
                        break;
                    }
                    all = na;
                }
                all[n].id = d;
                all[n].score = a.score[d];
                n++;
            }
            if (rc == SQLITE_OK) {
                qsort(all, n, sizeof *all, cmp_hit);
                for (size_t i = 0; i < n && *nout < k; i++)
                    if (filter(fud, all[i].id))
                        out[(*nout)++] = all[i];
            }
            free(all);
        }
        free(allowed);
    }
    free(a.score);
    free(a.count);
    free(a.last);
    return rc;
}
