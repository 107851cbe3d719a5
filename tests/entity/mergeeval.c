/*
 * mergeeval.c - scores entity merging against gold pairs of names.
 *
 *   mergeeval MENTIONS.tsv PAIRS.tsv [ALIASES.tsv] [-v] [-o ENTITIES.tsv]
 *
 * MENTIONS.tsv: one mention a line, "article TAB type TAB surface" (the
 * article an id of any form, the type PER LOC ORG MISC).  PAIRS.tsv:
 * "nameA TAB nameB TAB type TAB same|different TAB note", type being one
 * type for both names or "A|B" for two (LOC|PER); lines starting with #
 * are comments.
 *
 * A name stands for the entity that holds most of its mentions among the
 * entities of its type (any type when none has it); names are compared
 * after the match folds (alef forms, ى, ة, hamza, marks) and with
 * punctuation taken as spaces.  A pair counts when both names occur;
 * "same" pairs merged are true positives, "different" pairs merged false
 * positives, "same" pairs left apart false negatives.  Prints precision,
 * recall and F1 of the "same" decisions, the pairs found, the run time of
 * me_merge, and the mentions, forms and entities; -v lists the errors, -o
 * writes the entities (id, type, mentions, articles, name, variants).
 *
 * Built as build/marsad_mergeeval; tests/entity/mergeeval.sh runs it on
 * the mentions the recognizer finds in the news corpus and the seeds.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entity/merge.h"
#include "marsad.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t got;
        if (n + 65536 + 1 > cap) {
            size_t nc = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap = nc;
        }
        got = fread(buf + n, 1, 65536, f);
        n += got;
        if (got < 65536)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ------------------------------------------------------------ a string map */

typedef struct smap {
    char **key;
    size_t *val;
    size_t cap, n;
} smap;

static size_t hash_str(const char *s, size_t n)
{
    size_t h = 1469598103934665603ULL, i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* Returns a pointer to the value of s[0..n), inserting it with *fresh set
 * when new.  NULL when out of memory. */
static size_t *smap_get(smap *m, const char *s, size_t n, int *fresh)
{
    size_t j;
    *fresh = 0;
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 1024, i;
        char **nk = calloc(nc, sizeof *nk);
        size_t *nv = calloc(nc, sizeof *nv);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return NULL;
        }
        for (i = 0; i < m->cap; i++) {
            if (!m->key[i])
                continue;
            j = hash_str(m->key[i], strlen(m->key[i])) & (nc - 1);
            while (nk[j])
                j = (j + 1) & (nc - 1);
            nk[j] = m->key[i];
            nv[j] = m->val[i];
        }
        free(m->key);
        free(m->val);
        m->key = nk;
        m->val = nv;
        m->cap = nc;
    }
    j = hash_str(s, n) & (m->cap - 1);
    while (m->key[j]) {
        if (strlen(m->key[j]) == n && memcmp(m->key[j], s, n) == 0)
            return &m->val[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->key[j] = malloc(n + 1);
    if (!m->key[j])
        return NULL;
    memcpy(m->key[j], s, n);
    m->key[j][n] = '\0';
    m->val[j] = 0;
    m->n++;
    *fresh = 1;
    return &m->val[j];
}

static size_t *smap_find(const smap *m, const char *s, size_t n)
{
    size_t j;
    if (!m->cap)
        return NULL;
    j = hash_str(s, n) & (m->cap - 1);
    while (m->key[j]) {
        if (strlen(m->key[j]) == n && memcmp(m->key[j], s, n) == 0)
            return &m->val[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

static void smap_free(smap *m)
{
    size_t i;
    for (i = 0; i < m->cap; i++)
        free(m->key[i]);
    free(m->key);
    free(m->val);
}

/* ------------------------------------------------------------ names */

/* The comparison key of a name into out (cap bytes): match folds, any
 * character that is not a letter or digit a space, spaces collapsed. */
static size_t name_key(const char *s, size_t n, char *out, size_t cap)
{
    char tmp[1024];
    size_t k = marsad_normalize(s, n, MARSAD_PROFILE_ALL, tmp, sizeof tmp);
    size_t i = 0, o = 0;
    int space = 0;
    if (k > sizeof tmp)
        k = sizeof tmp;
    while (i < k) {
        uint32_t c;
        size_t l = marsad_utf8_decode(tmp + i, k - i, &c);
        int sep = c < 0x80 ? !((c >= '0' && c <= '9') ||
                               (c >= 'a' && c <= 'z') ||
                               (c >= 'A' && c <= 'Z'))
                           : (c < 0xC0 || c == 0x060C || c == 0x061B ||
                              c == 0x061F || (c >= 0x2000 && c <= 0x206F) ||
                              c == 0xFFFD);
        if (sep) {
            space = o > 0;
        } else {
            if (space && o + 1 < cap)
                out[o++] = ' ';
            space = 0;
            if (o + l < cap) {
                memcpy(out + o, tmp + i, l);
                o += l;
            }
        }
        i += l;
    }
    return o;
}

/* The variants of every entity, by name key: a chain of (entity, count). */
typedef struct hit {
    uint32_t ent, count;
    size_t next; /* index + 1 of the next hit of the same key, 0 at end */
} hit;

/* The entity a name stands for, or -1 when absent. */
static long name_entity(const smap *keys, const hit *hits,
                        const me_entity *ent, const char *name, int type)
{
    char k[1024];
    size_t n = name_key(name, strlen(name), k, sizeof k), *v, h;
    long best = -1, besttyped = -1;
    uint32_t bc = 0, btc = 0;
    v = smap_find(keys, k, n);
    if (!v)
        return -1;
    for (h = *v; h; h = hits[h - 1].next) {
        const hit *x = &hits[h - 1];
        if (x->count > bc || (x->count == bc && (long)x->ent < best)) {
            bc = x->count;
            best = x->ent;
        }
        if (ent[x->ent].type == type &&
            (x->count > btc ||
             (x->count == btc && (long)x->ent < besttyped))) {
            btc = x->count;
            besttyped = x->ent;
        }
    }
    return besttyped >= 0 ? besttyped : best;
}

/* ------------------------------------------------------------ main */

static int split(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    while (*line && n < max) {
        if (*line == '\t') {
            *line = '\0';
            f[n++] = line + 1;
        }
        line++;
    }
    return n;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *mpath = NULL, *ppath = NULL, *apath = NULL, *opath = NULL;
    int verbose = 0, i, rc;
    char *mbuf, *pbuf, *abuf = NULL, *p;
    size_t mlen, plen, alen = 0, n = 0, cap = 0, e, v;
    me_mention *men = NULL;
    me_aliases al = {0};
    me_result *res;
    smap arts = {0}, keys = {0};
    hit *hits = NULL;
    size_t nhits = 0, caphits = 0;
    long tp = 0, fp = 0, fn = 0, tn = 0, missing = 0, rows = 0;
    double t0, t1;
    clock_t c0, c1;
    const me_entity *ent;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = 1;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            opath = argv[++i];
        else if (!mpath)
            mpath = argv[i];
        else if (!ppath)
            ppath = argv[i];
        else if (!apath)
            apath = argv[i];
    }
    if (!mpath || !ppath) {
        fprintf(stderr, "usage: mergeeval MENTIONS.tsv PAIRS.tsv "
                        "[ALIASES.tsv] [-v] [-o ENTITIES.tsv]\n");
        return 2;
    }
    mbuf = read_file(mpath, &mlen);
    pbuf = read_file(ppath, &plen);
    if (!mbuf || !pbuf) {
        fprintf(stderr, "mergeeval: cannot read %s\n", mbuf ? ppath : mpath);
        return 1;
    }
    if (apath) {
        size_t errline;
        abuf = read_file(apath, &alen);
        if (!abuf) {
            fprintf(stderr, "mergeeval: cannot read %s\n", apath);
            return 1;
        }
        rc = me_aliases_parse(abuf, alen, &al, &errline);
        if (rc) {
            fprintf(stderr, "mergeeval: %s:%zu: bad alias line\n", apath,
                    errline);
            return 1;
        }
    }

    /* mentions */
    p = mbuf;
    while (*p) {
        char *eol = strchr(p, '\n'), *f[3];
        int nf, fresh;
        size_t *id;
        if (eol)
            *eol = '\0';
        nf = split(p, f, 3);
        if (nf == 3 && me_type_parse(f[1], strlen(f[1]))) {
            if (n == cap) {
                me_mention *nm;
                cap = cap ? cap * 2 : 1 << 16;
                nm = realloc(men, cap * sizeof *nm);
                if (!nm)
                    return 1;
                men = nm;
            }
            id = smap_get(&arts, f[0], strlen(f[0]), &fresh);
            if (!id)
                return 1;
            if (fresh)
                *id = arts.n - 1;
            men[n].article = (uint32_t)*id;
            men[n].type = me_type_parse(f[1], strlen(f[1]));
            men[n].text = f[2];
            men[n].len = strlen(f[2]);
            n++;
        }
        if (!eol)
            break;
        p = eol + 1;
    }

    t0 = now();
    c0 = clock();
    rc = me_merge(men, n, al.pair, al.npair, NULL, &res);
    c1 = clock();
    t1 = now();
    if (rc) {
        fprintf(stderr, "mergeeval: %s\n", marsad_strerror(rc));
        return 1;
    }
    ent = me_result_entities(res);

    /* variant keys */
    for (e = 0; e < me_result_count(res); e++) {
        for (v = 0; v < ent[e].nvariant; v++) {
            char k[1024];
            size_t kn = name_key(ent[e].variant[v].text,
                                 ent[e].variant[v].len, k, sizeof k), *head;
            int fresh;
            head = smap_get(&keys, k, kn, &fresh);
            if (!head)
                return 1;
            if (nhits == caphits) {
                hit *nh;
                caphits = caphits ? caphits * 2 : 4096;
                nh = realloc(hits, caphits * sizeof *nh);
                if (!nh)
                    return 1;
                hits = nh;
            }
            hits[nhits].ent = (uint32_t)e;
            hits[nhits].count = ent[e].variant[v].count;
            hits[nhits].next = *head;
            *head = ++nhits;
        }
    }

    /* pairs */
    p = pbuf;
    while (*p) {
        char *eol = strchr(p, '\n'), *f[5], *bar;
        int nf, ta, tb, same, merged;
        long ea, eb;
        if (eol)
            *eol = '\0';
        if (*p == '#' || !*p)
            goto next;
        nf = split(p, f, 5);
        if (nf < 4)
            goto next;
        rows++;
        bar = strchr(f[2], '|');
        if (bar) {
            ta = me_type_parse(f[2], (size_t)(bar - f[2]));
            tb = me_type_parse(bar + 1, strlen(bar + 1));
        } else {
            ta = tb = me_type_parse(f[2], strlen(f[2]));
        }
        same = !strcmp(f[3], "same");
        ea = name_entity(&keys, hits, ent, f[0], ta);
        eb = name_entity(&keys, hits, ent, f[1], tb);
        if (ea < 0 || eb < 0) {
            missing++;
            if (verbose > 0)
                printf("absent\t%s\t%s\t%s\n", f[0], f[1],
                       ea < 0 ? "A" : "B");
            goto next;
        }
        merged = ea == eb;
        if (same && merged)
            tp++;
        else if (!same && merged)
            fp++;
        else if (same)
            fn++;
        else
            tn++;
        if (verbose && same != merged)
            printf("%s\t%s\t%s\t%s\t[%s] / [%s]\n",
                   same ? "FN" : "FP", f[0], f[1], f[2], ent[ea].name,
                   ent[eb].name);
    next:
        if (!eol)
            break;
        p = eol + 1;
    }

    {
        double prec = tp + fp ? (double)tp / (double)(tp + fp) : 0;
        double rec = tp + fn ? (double)tp / (double)(tp + fn) : 0;
        double f1 = prec + rec ? 2 * prec * rec / (prec + rec) : 0;
        printf("mentions %zu  articles %zu  entities %zu  time %.3f s "
               "(cpu %.3f s)\n",
               n, arts.n, me_result_count(res), t1 - t0,
               (double)(c1 - c0) / CLOCKS_PER_SEC);
        printf("pairs %ld  found %ld  (same: tp %ld fn %ld; different: "
               "tn %ld fp %ld)\n",
               rows, rows - missing, tp, fn, tn, fp);
        printf("precision %.3f  recall %.3f  F1 %.3f\n", prec, rec, f1);
    }

    if (opath) {
        FILE *o = fopen(opath, "w");
        if (!o) {
            fprintf(stderr, "mergeeval: cannot write %s\n", opath);
            return 1;
        }
        for (e = 0; e < me_result_count(res); e++) {
            fprintf(o, "%zu\t%s\t%u\t%zu\t%s\t", e,
                    me_type_name(ent[e].type), ent[e].nmention,
                    ent[e].narticle, ent[e].name);
            for (v = 0; v < ent[e].nvariant && v < 12; v++)
                fprintf(o, "%s%s:%u", v ? " | " : "",
                        ent[e].variant[v].text, ent[e].variant[v].count);
            fputc('\n', o);
        }
        fclose(o);
    }

    me_result_free(res);
    me_aliases_free(&al);
    smap_free(&arts);
    smap_free(&keys);
    free(hits);
    free(men);
    free(mbuf);
    free(pbuf);
    free(abuf);
    return 0;
}
