/*
 * train_ner.c - trains the entity recognizer's model.
 *
 *   marsad_train_ner --train CONLL [--dev CONLL | --dev-tail FRACTION]
 *                    [--clusters TSV] [--gazetteer DIR] [--iterations N]
 *                    [--c1 X] [--c2 X] [--final] [--out MODEL]
 *
 * CONLL files hold one "token TAG" per line and a blank line between
 * sentences (the ANERcorp format).  Without --dev, the last FRACTION of
 * the training sentences (default 0.15) is held out as the development
 * set.  The model is a linear-chain conditional random field over the
 * features of ner_feat.c, fitted by L-BFGS (liblbfgs) with an L2 penalty
 * c2 and, when c1 > 0, an L1 penalty (OWL-QN) that zeroes weak features.
 * Every ten iterations the development set is scored (entity-level micro
 * F1, exact span and type), and at the end per type.  With --final, a
 * second run trains on all the sentences, development set included, with
 * the same settings.  The model (layout in src/core/ner_internal.h) is
 * written to --out.
 *
 * --clusters reads "key TAB c1 TAB c2 TAB c3" lines (tools/wordclusters.c);
 * --gazetteer reads the lists of models/ner/gazetteer (see its README).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lbfgs.h>

#include "ner_internal.h"

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("marsad_train_ner: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* ------------------------------------------------------------ hash maps */

/* A growable u64 -> u32 map, with the slot layout of the model. */
typedef struct map {
    mn_slot *slots;
    uint64_t cap; /* power of two */
    uint64_t n;
} map;

static void map_init(map *m, uint64_t cap)
{
    m->cap = cap;
    m->n = 0;
    m->slots = xmalloc(cap * sizeof *m->slots);
    memset(m->slots, 0, cap * sizeof *m->slots);
}

static mn_slot *map_find(map *m, uint64_t key)
{
    uint64_t i = key & (m->cap - 1);
    while (m->slots[i].key != 0 && m->slots[i].key != key)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

static void map_grow(map *m)
{
    map b;
    map_init(&b, m->cap * 2);
    for (uint64_t i = 0; i < m->cap; i++)
        if (m->slots[i].key) {
            mn_slot *s = map_find(&b, m->slots[i].key);
            *s = m->slots[i];
            b.n++;
        }
    free(m->slots);
    *m = b;
}

/* Returns the slot for key, adding it (val = *fresh_val) when absent. */
static mn_slot *map_put(map *m, uint64_t key, int *added)
{
    mn_slot *s;
    if ((m->n + 1) * 2 > m->cap)
        map_grow(m);
    s = map_find(m, key);
    *added = s->key == 0;
    if (*added) {
        s->key = key;
        s->val = 0;
        s->aux = 0;
        m->n++;
    }
    return s;
}

static mn_table map_table(const map *m)
{
    mn_table t;
    t.slots = m->slots;
    t.mask = m->cap - 1;
    return t;
}

/* ------------------------------------------------------------ resources */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f)
        die("%s: %s", path, strerror(errno));
    for (;;) {
        size_t r;
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = xrealloc(buf, cap + 1);
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f))
        die("%s: read error", path);
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

static void load_clusters(map *m, const char *path)
{
    size_t len, line = 0;
    char *buf = read_file(path, &len), *p = buf;
    while (*p) {
        char *nl = strchr(p, '\n'), *t1, *t2, *t3, *end;
        unsigned long c1, c2, c3;
        int added;
        mn_slot *s;
        line++;
        if (nl)
            *nl = 0;
        if (*p == '#' || *p == 0)
            goto next;
        t1 = strchr(p, '\t');
        if (!t1)
            die("%s:%zu: expected key TAB c1 TAB c2 TAB c3", path, line);
        *t1++ = 0;
        c1 = strtoul(t1, &end, 10);
        t2 = *end == '\t' ? end + 1 : NULL;
        if (!t2)
            die("%s:%zu: expected three cluster ids", path, line);
        c2 = strtoul(t2, &end, 10);
        t3 = *end == '\t' ? end + 1 : NULL;
        if (!t3)
            die("%s:%zu: expected three cluster ids", path, line);
        c3 = strtoul(t3, &end, 10);
        if (c1 > 1023 || c2 > 1023 || c3 > 4095)
            die("%s:%zu: cluster id out of range", path, line);
        s = map_put(m, mn_hash(p, strlen(p)), &added);
        s->val = (uint32_t)(c1 | c2 << 10 | c3 << 20);
    next:
        if (!nl)
            break;
        p = nl + 1;
    }
    free(buf);
}

struct entry_walk {
    const char *s;
    uint64_t keyh[MN_GZ_MAXLEN + 1];
    size_t n;
    char buf[MN_TEXT_BUF];
};

static int on_entry_token(void *ud, const marsad_token *tok)
{
    struct entry_walk *w = ud;
    mn_text t;
    if (tok->type == MARSAD_TOKEN_PUNCT || tok->type == MARSAD_TOKEN_SYMBOL)
        return 0;
    if (w->n > MN_GZ_MAXLEN)
        return 0;
    mn_text_from_token(&t, w->s, tok, w->buf);
    w->keyh[w->n++] = mn_hash(t.key, t.nkey);
    return 0;
}

/* Adds every line of path as an entry with bits. */
static size_t load_list(map *gaz, marsad_analyzer *an, const char *path,
                        uint32_t bits, int words_only)
{
    size_t len, count = 0;
    char *buf = read_file(path, &len), *p = buf;
    struct entry_walk *w = xmalloc(sizeof *w);
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        if (*p != '#' && *p != 0) {
            uint64_t seq = 0;
            w->s = p;
            w->n = 0;
            marsad_analyze(an, p, strlen(p), on_entry_token, w);
            marsad_analyzer_reset(an);
            if (w->n >= 1 && w->n <= MN_GZ_MAXLEN &&
                !(words_only && w->n > 1)) {
                for (size_t i = 0; i < w->n; i++) {
                    int added;
                    mn_slot *s;
                    seq = mn_seq(seq, w->keyh[i]);
                    s = map_put(gaz, seq, &added);
                    s->val |= i + 1 < w->n ? MN_GZ_PREFIX : bits;
                }
                count++;
            }
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    free(w);
    free(buf);
    return count;
}

static void load_gazetteer(map *gaz, const char *dir)
{
    static const struct {
        const char *name;
        uint32_t bits;
        int words_only;
    } lists[] = {
        {"loc.txt", MN_GZ_LOC, 0},         {"per_full.txt", MN_GZ_PER, 0},
        {"org.txt", MN_GZ_ORG, 0},         {"misc.txt", MN_GZ_MISC, 0},
        {"per_titles.txt", MN_GZ_TITLE, 0}, {"per_first.txt", MN_GZ_FIRST, 1},
        {"org_keys.txt", MN_GZ_ORGKEY, 1}, {"loc_keys.txt", MN_GZ_LOCKEY, 1},
    };
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    if (!an)
        die("out of memory");
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        char path[4096];
        size_t n;
        snprintf(path, sizeof path, "%s/%s", dir, lists[i].name);
        n = load_list(gaz, an, path, lists[i].bits, lists[i].words_only);
        fprintf(stderr, "gazetteer %s: %zu entries\n", lists[i].name, n);
    }
    marsad_analyzer_free(an);
}

/* ------------------------------------------------------------ corpus */

typedef struct sent {
    size_t first; /* index of its first token in the corpus arrays */
    size_t n;
} sent;

typedef struct corpus {
    char **words;
    size_t *lens;
    unsigned char *gold;
    size_t ntok, captok;
    sent *s;
    size_t nsent, capsent;
} corpus;

static int parse_tag(const char *t)
{
    static const char *const names[MN_NTAGS] = {
        "O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
        "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};
    for (int g = 0; g < MN_NTAGS; g++)
        if (!strcmp(t, names[g]))
            return g;
    if (!strcmp(t, "B-PER"))
        return 1;
    if (!strcmp(t, "I-PER"))
        return 2;
    return -1;
}

static void corpus_read(corpus *c, const char *path)
{
    size_t len, line = 0, open = 0;
    char *buf = read_file(path, &len), *p = buf;
    memset(c, 0, sizeof *c);
    while (*p) {
        char *nl = strchr(p, '\n'), *sp;
        size_t n;
        line++;
        if (nl)
            *nl = 0;
        n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[--n] = 0;
        if (n == 0) {
            if (c->ntok > open) {
                if (c->nsent == c->capsent) {
                    c->capsent = c->capsent ? c->capsent * 2 : 1024;
                    c->s = xrealloc(c->s, c->capsent * sizeof *c->s);
                }
                c->s[c->nsent].first = open;
                c->s[c->nsent].n = c->ntok - open;
                c->nsent++;
                open = c->ntok;
            }
        } else {
            int g;
            sp = strrchr(p, ' ');
            if (!sp)
                die("%s:%zu: expected 'token TAG'", path, line);
            *sp = 0;
            g = parse_tag(sp + 1);
            if (g < 0)
                die("%s:%zu: unknown tag '%s'", path, line, sp + 1);
            if (c->ntok == c->captok) {
                c->captok = c->captok ? c->captok * 2 : 65536;
                c->words = xrealloc(c->words, c->captok * sizeof *c->words);
                c->lens = xrealloc(c->lens, c->captok * sizeof *c->lens);
                c->gold = xrealloc(c->gold, c->captok);
            }
            /* An I that does not continue an entity of its type begins
             * one, as conlleval reads it. */
            if (MN_TAG_IS_I(g) &&
                (c->ntok == open ||
                 MN_TAG_TYPE(c->gold[c->ntok - 1]) != MN_TAG_TYPE(g)))
                g = MN_TAG_B(MN_TAG_TYPE(g));
            c->words[c->ntok] = p;
            c->lens[c->ntok] = strlen(p);
            c->gold[c->ntok] = (unsigned char)g;
            c->ntok++;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    if (c->ntok > open) {
        if (c->nsent == c->capsent) {
            c->capsent = c->capsent ? c->capsent * 2 : 1024;
            c->s = xrealloc(c->s, c->capsent * sizeof *c->s);
        }
        c->s[c->nsent].first = open;
        c->s[c->nsent].n = c->ntok - open;
        c->nsent++;
    }
    /* buf is kept: words point into it. */
}

/* ------------------------------------------------------------ features */

/*
 * Feature rows of every token: fidx[fstart[t] .. fstart[t+1]) are the
 * row numbers of token t's features (those known to the model).
 */
typedef struct featset {
    uint32_t *fidx;
    size_t *fstart;
} featset;

static void extract(const corpus *c, const mn_lex *lex, map *fm, int grow,
                    featset *fs)
{
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    mn_word *w = NULL;
    size_t wcap = 0, nf = 0, fcap = 1 << 22;
    char *buf = xmalloc(MN_TEXT_BUF);
    uint64_t f[MN_MAXFEAT];

    if (!an)
        die("out of memory");
    fs->fidx = xmalloc(fcap * sizeof *fs->fidx);
    fs->fstart = xmalloc((c->ntok + 1) * sizeof *fs->fstart);
    for (size_t s = 0; s < c->nsent; s++) {
        const sent *se = &c->s[s];
        if (se->n > wcap) {
            wcap = se->n * 2;
            w = xrealloc(w, wcap * sizeof *w);
        }
        if (mn_prepare(an, lex, (const char *const *)c->words + se->first,
                       c->lens + se->first, se->n, w, buf))
            die("out of memory");
        mn_spans(w, se->n, lex);
        for (size_t i = 0; i < se->n; i++) {
            size_t k = mn_features(lex, w, se->n, i, f);
            fs->fstart[se->first + i] = nf;
            if (nf + k > fcap) {
                fcap *= 2;
                fs->fidx = xrealloc(fs->fidx, fcap * sizeof *fs->fidx);
            }
            for (size_t j = 0; j < k; j++) {
                if (grow) {
                    int added;
                    mn_slot *sl = map_put(fm, f[j], &added);
                    if (added)
                        sl->val = (uint32_t)(fm->n - 1);
                    fs->fidx[nf++] = sl->val;
                } else {
                    mn_slot *sl = map_find(fm, f[j]);
                    if (sl->key)
                        fs->fidx[nf++] = sl->val;
                }
            }
        }
    }
    fs->fstart[c->ntok] = nf;
    free(buf);
    free(w);
    marsad_analyzer_free(an);
}

/* ------------------------------------------------------------ training */

#define NT MN_NTAGS
#define TROWS ((NT + 1) * NT)

static void emit_scores(const float *w, const featset *fs, size_t first,
                        size_t n, float *emit)
{
    for (size_t i = 0; i < n; i++) {
        float *e = &emit[i * NT];
        memset(e, 0, NT * sizeof *e);
        for (size_t j = fs->fstart[first + i]; j < fs->fstart[first + i + 1];
             j++) {
            const float *r = &w[(size_t)fs->fidx[j] * NT];
            for (int g = 0; g < NT; g++)
                e[g] += r[g];
        }
    }
}

/*
 * The conditional random field's objective: the negative log-likelihood
 * of the gold tags of sentences [0, ntrain), plus c2 * |x|^2.  x holds the
 * transition scores (TROWS) and then one row of NT weights per feature.
 * Transitions that decoding forbids (I-X after anything but B-X or I-X)
 * are forbidden here too, so the model normalizes over the sequences it
 * can output.
 */
typedef struct crf {
    const corpus *c;
    const featset *fs;
    size_t ntrain, ndev, nrows;
    double c2;
    double *emit, *alpha, *beta; /* per token, NT each */
    float *fw, *ftr;             /* float copies for scoring */
    int iter;
} crf;

static int allowed(int p, int g)
{
    if (!MN_TAG_IS_I(g))
        return 1;
    return p < NT && MN_TAG_TYPE(p) == MN_TAG_TYPE(g);
}

static double logsum(const double *v, int n)
{
    double m = v[0], s = 0;
    for (int i = 1; i < n; i++)
        if (v[i] > m)
            m = v[i];
    if (m < -1e29)
        return m;
    for (int i = 0; i < n; i++)
        s += exp(v[i] - m);
    return m + log(s);
}

static lbfgsfloatval_t crf_eval(void *inst, const lbfgsfloatval_t *x,
                                lbfgsfloatval_t *g, const int nvar,
                                const lbfgsfloatval_t step)
{
    crf *m = inst;
    const corpus *c = m->c;
    const featset *fs = m->fs;
    const double *tr = x, *w = x + TROWS;
    double *gtr = g, *gw = g + TROWS;
    double loss = 0;
    (void)step;

    memset(g, 0, (size_t)nvar * sizeof *g);
    for (size_t s = 0; s < m->ntrain; s++) {
        const sent *se = &c->s[s];
        const unsigned char *gold = c->gold + se->first;
        size_t n = se->n;
        double *e = m->emit, *al = m->alpha, *be = m->beta, z, v[NT];
        double gs = 0;
        for (size_t i = 0; i < n; i++) {
            size_t t = se->first + i;
            for (int y = 0; y < NT; y++)
                e[i * NT + y] = 0;
            for (size_t j = fs->fstart[t]; j < fs->fstart[t + 1]; j++) {
                const double *r = &w[(size_t)fs->fidx[j] * NT];
                for (int y = 0; y < NT; y++)
                    e[i * NT + y] += r[y];
            }
        }
        for (int y = 0; y < NT; y++)
            al[y] = allowed(NT, y) ? tr[NT * NT + y] + e[y] : -1e30;
        for (size_t i = 1; i < n; i++)
            for (int y = 0; y < NT; y++) {
                int k = 0;
                for (int p = 0; p < NT; p++)
                    if (allowed(p, y))
                        v[k++] = al[(i - 1) * NT + p] + tr[p * NT + y];
                al[i * NT + y] = logsum(v, k) + e[i * NT + y];
            }
        for (int y = 0; y < NT; y++)
            be[(n - 1) * NT + y] = 0;
        for (size_t i = n - 1; i > 0; i--)
            for (int p = 0; p < NT; p++) {
                int k = 0;
                for (int y = 0; y < NT; y++)
                    if (allowed(p, y))
                        v[k++] = tr[p * NT + y] + e[i * NT + y] +
                                 be[i * NT + y];
                be[(i - 1) * NT + p] = k ? logsum(v, k) : -1e30;
            }
        z = logsum(&al[(n - 1) * NT], NT);
        /* Gold score, and the gradient: expected minus observed. */
        for (size_t i = 0; i < n; i++) {
            int pg = i ? gold[i - 1] : NT;
            gs += e[i * NT + gold[i]] + tr[pg * NT + gold[i]];
        }
        loss += z - gs;
        for (size_t i = 0; i < n; i++) {
            size_t t = se->first + i;
            double pm[NT];
            for (int y = 0; y < NT; y++)
                pm[y] = exp(al[i * NT + y] + be[i * NT + y] - z);
            pm[gold[i]] -= 1.0;
            for (size_t j = fs->fstart[t]; j < fs->fstart[t + 1]; j++) {
                double *r = &gw[(size_t)fs->fidx[j] * NT];
                for (int y = 0; y < NT; y++)
                    r[y] += pm[y];
            }
            if (i == 0) {
                for (int y = 0; y < NT; y++)
                    gtr[NT * NT + y] += exp(al[y] + be[y] - z);
                gtr[NT * NT + gold[0]] -= 1.0;
            } else {
                for (int p = 0; p < NT; p++)
                    for (int y = 0; y < NT; y++)
                        if (allowed(p, y))
                            gtr[p * NT + y] +=
                                exp(al[(i - 1) * NT + p] + tr[p * NT + y] +
                                    e[i * NT + y] + be[i * NT + y] - z);
                gtr[gold[i - 1] * NT + gold[i]] -= 1.0;
            }
        }
    }
    for (int k = 0; k < nvar; k++) {
        loss += m->c2 * x[k] * x[k];
        g[k] += 2 * m->c2 * x[k];
    }
    return loss;
}

static void to_float(const crf *m, const lbfgsfloatval_t *x)
{
    for (size_t r = 0; r < TROWS; r++)
        m->ftr[r] = (float)x[r];
    for (size_t r = 0; r < m->nrows * NT; r++)
        m->fw[r] = (float)x[TROWS + r];
}

static double evaluate(const float *w, const float *tr, const corpus *c,
                       const featset *fs, size_t from, size_t to, int print);

static int crf_progress(void *inst, const lbfgsfloatval_t *x,
                        const lbfgsfloatval_t *g, const lbfgsfloatval_t fx,
                        const lbfgsfloatval_t xnorm,
                        const lbfgsfloatval_t gnorm,
                        const lbfgsfloatval_t step, int n, int k, int ls)
{
    crf *m = inst;
    (void)g;
    (void)xnorm;
    (void)step;
    (void)n;
    (void)ls;
    m->iter = k;
    if (k % 10 == 0) {
        if (m->ndev) {
            to_float(m, x);
            fprintf(stderr, "iteration %3d: loss %.1f |g| %.2f dev F1 %.2f\n",
                    k, fx, gnorm,
                    evaluate(m->fw, m->ftr, m->c, m->fs, m->ntrain,
                             m->ntrain + m->ndev, 0));
        } else {
            fprintf(stderr, "iteration %3d: loss %.1f |g| %.2f\n", k, fx,
                    gnorm);
        }
    }
    return 0;
}

/*
 * Trains on sentences [0, ntrain) for at most iters L-BFGS iterations
 * (OWL-QN when c1 > 0) and leaves the weights in bw / btr.
 */
static void train(const corpus *c, const featset *fs, size_t nrows,
                  size_t ntrain, size_t ndev, int iters, double c1,
                  double c2, float *bw, float *btr)
{
    crf m;
    size_t maxn = 0;
    int nvar = (int)(TROWS + nrows * NT), rc;
    lbfgsfloatval_t *x = lbfgs_malloc(nvar), fx = 0;
    lbfgs_parameter_t par;

    if (!x)
        die("out of memory");
    memset(x, 0, (size_t)nvar * sizeof *x);
    memset(&m, 0, sizeof m);
    m.c = c;
    m.fs = fs;
    m.ntrain = ntrain;
    m.ndev = ndev;
    m.nrows = nrows;
    m.c2 = c2;
    for (size_t s = 0; s < c->nsent; s++)
        if (c->s[s].n > maxn)
            maxn = c->s[s].n;
    m.emit = xmalloc(maxn * NT * sizeof *m.emit);
    m.alpha = xmalloc(maxn * NT * sizeof *m.alpha);
    m.beta = xmalloc(maxn * NT * sizeof *m.beta);
    m.fw = bw;
    m.ftr = btr;
    lbfgs_parameter_init(&par);
    par.max_iterations = iters;
    par.epsilon = 1e-5;
    par.past = 10;
    par.delta = 1e-5;
    if (c1 > 0) {
        par.orthantwise_c = c1;
        par.orthantwise_start = TROWS;
        par.orthantwise_end = nvar;
        par.linesearch = LBFGS_LINESEARCH_BACKTRACKING;
    }
    rc = lbfgs(nvar, x, &fx, crf_eval, crf_progress, &m, &par);
    fprintf(stderr, "L-BFGS stopped after %d iterations (status %d), "
            "loss %.1f\n", m.iter, rc, fx);
    to_float(&m, x);
    free(m.emit);
    free(m.alpha);
    free(m.beta);
    lbfgs_free(x);
}

/* ------------------------------------------------------------ scoring */

typedef struct score {
    size_t tp[5], fp[5], fn[5]; /* index 0: all types */
} score;

/* Entities as (start, end, type) from a BIO sequence, conlleval-style:
 * an I after O or after another type starts a new entity. */
static size_t chunks(const unsigned char *t, size_t n, size_t (*out)[3])
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int ty = MN_TAG_TYPE(t[i]);
        size_t j;
        if (t[i] == 0) {
            i++;
            continue;
        }
        j = i + 1;
        while (j < n && t[j] == MN_TAG_I(ty))
            j++;
        out[k][0] = i;
        out[k][1] = j;
        out[k][2] = (size_t)ty;
        k++;
        i = j;
    }
    return k;
}

static void score_sentence(score *sc, const unsigned char *gold,
                           const unsigned char *pred, size_t n,
                           size_t (*a)[3], size_t (*b)[3])
{
    size_t ng = chunks(gold, n, a), np = chunks(pred, n, b);
    size_t i = 0, j = 0;
    for (size_t x = 0; x < ng; x++)
        sc->fn[a[x][2]]++;
    for (size_t x = 0; x < np; x++)
        sc->fp[b[x][2]]++;
    while (i < ng && j < np) {
        if (a[i][0] == b[j][0] && a[i][1] == b[j][1] && a[i][2] == b[j][2]) {
            sc->tp[a[i][2]]++;
            sc->fn[a[i][2]]--;
            sc->fp[a[i][2]]--;
            i++;
            j++;
        } else if (a[i][0] < b[j][0] ||
                   (a[i][0] == b[j][0] && a[i][1] < b[j][1])) {
            i++;
        } else {
            j++;
        }
    }
}

static double f1(size_t tp, size_t fp, size_t fn)
{
    return tp ? 200.0 * (double)tp / (double)(2 * tp + fp + fn) : 0.0;
}

static double evaluate(const float *w, const float *tr, const corpus *c,
                       const featset *fs, size_t from, size_t to, int print)
{
    static const char *const names[5] = {"all", "PERS", "LOC", "ORG", "MISC"};
    score sc;
    size_t maxn = 0;
    float *emit;
    unsigned char *back, *pred;
    size_t (*a)[3], (*b)[3];

    memset(&sc, 0, sizeof sc);
    for (size_t s = from; s < to; s++)
        if (c->s[s].n > maxn)
            maxn = c->s[s].n;
    emit = xmalloc((maxn + 1) * NT * sizeof *emit);
    back = xmalloc((maxn + 1) * NT);
    pred = xmalloc(maxn + 1);
    a = xmalloc((maxn + 1) * sizeof *a);
    b = xmalloc((maxn + 1) * sizeof *b);
    for (size_t s = from; s < to; s++) {
        const sent *se = &c->s[s];
        emit_scores(w, fs, se->first, se->n, emit);
        mn_viterbi(emit, se->n, tr, back, pred);
        score_sentence(&sc, c->gold + se->first, pred, se->n, a, b);
    }
    for (int t = 1; t <= 4; t++) {
        sc.tp[0] += sc.tp[t];
        sc.fp[0] += sc.fp[t];
        sc.fn[0] += sc.fn[t];
    }
    if (print)
        for (int t = 0; t <= 4; t++) {
            double p = sc.tp[t] ? 100.0 * (double)sc.tp[t] /
                                      (double)(sc.tp[t] + sc.fp[t])
                                : 0.0;
            double r = sc.tp[t] ? 100.0 * (double)sc.tp[t] /
                                      (double)(sc.tp[t] + sc.fn[t])
                                : 0.0;
            fprintf(stderr, "  %-5s P %6.2f  R %6.2f  F1 %6.2f  (%zu gold)\n",
                    names[t], p, r, f1(sc.tp[t], sc.fp[t], sc.fn[t]),
                    sc.tp[t] + sc.fn[t]);
        }
    free(emit);
    free(back);
    free(pred);
    free(a);
    free(b);
    return f1(sc.tp[0], sc.fp[0], sc.fn[0]);
}

/* ------------------------------------------------------------ output */

static uint64_t pow2_at_least(uint64_t n)
{
    uint64_t c = 16;
    while (c < n)
        c <<= 1;
    return c;
}

static void write_all(FILE *f, const void *p, size_t n, const char *path)
{
    if (n && fwrite(p, 1, n, f) != n)
        die("%s: write error", path);
}

/* Compacts a map into a table of the exact power-of-two size it needs. */
static mn_slot *compact_table(const map *m, uint64_t *count)
{
    uint64_t cap = m->n ? pow2_at_least(m->n * 2) : 0;
    map t;
    if (!cap) {
        *count = 0;
        return NULL;
    }
    map_init(&t, cap);
    for (uint64_t i = 0; i < m->cap; i++)
        if (m->slots[i].key) {
            *map_find(&t, m->slots[i].key) = m->slots[i];
            t.n++;
        }
    *count = cap;
    return t.slots;
}

static void write_model(const char *path, const map *clusters,
                        const map *gaz, const map *fm, const float *w,
                        const float *tr)
{
    mn_header h;
    map kept;
    float *rows;
    size_t nrows = 0;
    mn_slot *cs, *gs, *fsl;
    FILE *f;

    /* Keep the features whose averaged weights are not all zero. */
    map_init(&kept, 1024);
    rows = xmalloc((fm->n + 1) * NT * sizeof *rows);
    for (uint64_t i = 0; i < fm->cap; i++) {
        const mn_slot *s = &fm->slots[i];
        const float *r;
        int any = 0, added;
        if (!s->key)
            continue;
        r = &w[(size_t)s->val * NT];
        for (int g = 0; g < NT; g++)
            any |= fabsf(r[g]) > 1e-4f;
        if (!any)
            continue;
        map_put(&kept, s->key, &added)->val = (uint32_t)nrows;
        memcpy(&rows[nrows * NT], r, NT * sizeof *r);
        nrows++;
    }
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MN_MAGIC, sizeof h.magic);
    h.version = MN_VERSION;
    h.ntags = NT;
    cs = compact_table(clusters, &h.nclusters);
    gs = compact_table(gaz, &h.ngaz);
    fsl = compact_table(&kept, &h.nfeat);
    h.nrows = nrows;
    f = fopen(path, "wb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    write_all(f, &h, sizeof h, path);
    write_all(f, cs, h.nclusters * sizeof *cs, path);
    write_all(f, gs, h.ngaz * sizeof *gs, path);
    write_all(f, fsl, h.nfeat * sizeof *fsl, path);
    write_all(f, tr, TROWS * sizeof *tr, path);
    write_all(f, rows, nrows * NT * sizeof *rows, path);
    if (fclose(f) != 0)
        die("%s: write error", path);
    fprintf(stderr, "model %s: %zu features kept of %llu, %.1f MB\n", path,
            nrows, (unsigned long long)fm->n,
            (double)(sizeof h + (h.nclusters + h.ngaz + h.nfeat) *
                                    sizeof(mn_slot) +
                     (TROWS + nrows * NT) * sizeof(float)) /
                1e6);
    free(cs);
    free(gs);
    free(fsl);
    free(rows);
    free(kept.slots);
}

/* ------------------------------------------------------------ driver */

int main(int argc, char **argv)
{
    const char *train_path = NULL, *dev_path = NULL, *clusters_path = NULL,
               *gaz_dir = NULL, *out = NULL;
    double dev_tail = 0.15;
    int iters = 300, final = 0;
    double c1 = 0.0, c2 = 0.1;
    map clusters, gaz, fm;
    mn_lex lex;
    corpus c, dc;
    size_t ntrain, ndev;
    featset fs;
    float *bw, btr[TROWS];

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--final")) {
            final = 1;
            continue;
        }
        if (!v)
            die("%s needs a value (see the top of tools/train_ner.c)", a);
        i++;
        if (!strcmp(a, "--train"))
            train_path = v;
        else if (!strcmp(a, "--dev"))
            dev_path = v;
        else if (!strcmp(a, "--dev-tail"))
            dev_tail = atof(v);
        else if (!strcmp(a, "--clusters"))
            clusters_path = v;
        else if (!strcmp(a, "--gazetteer"))
            gaz_dir = v;
        else if (!strcmp(a, "--iterations"))
            iters = atoi(v);
        else if (!strcmp(a, "--c1"))
            c1 = atof(v);
        else if (!strcmp(a, "--c2"))
            c2 = atof(v);
        else if (!strcmp(a, "--out"))
            out = v;
        else
            die("unknown option %s", a);
    }
    if (!train_path)
        die("--train FILE is required");
    if (iters < 1 || dev_tail < 0 || dev_tail >= 0.9 || c1 < 0 || c2 < 0)
        die("--iterations must be >= 1, --dev-tail in 0..0.9, --c1 and "
            "--c2 >= 0");

    map_init(&clusters, 1024);
    map_init(&gaz, 1024);
    if (clusters_path)
        load_clusters(&clusters, clusters_path);
    if (gaz_dir)
        load_gazetteer(&gaz, gaz_dir);
    mn_lex_init(&lex);
    lex.clusters = map_table(&clusters);
    lex.gaz = map_table(&gaz);

    corpus_read(&c, train_path);
    if (dev_path) {
        /* Append the development sentences after the training ones. */
        corpus_read(&dc, dev_path);
        ntrain = c.nsent;
        ndev = dc.nsent;
        c.words = xrealloc(c.words, (c.ntok + dc.ntok) * sizeof *c.words);
        c.lens = xrealloc(c.lens, (c.ntok + dc.ntok) * sizeof *c.lens);
        c.gold = xrealloc(c.gold, c.ntok + dc.ntok);
        memcpy(c.words + c.ntok, dc.words, dc.ntok * sizeof *dc.words);
        memcpy(c.lens + c.ntok, dc.lens, dc.ntok * sizeof *dc.lens);
        memcpy(c.gold + c.ntok, dc.gold, dc.ntok);
        c.s = xrealloc(c.s, (c.nsent + dc.nsent) * sizeof *c.s);
        for (size_t s = 0; s < dc.nsent; s++) {
            c.s[c.nsent + s] = dc.s[s];
            c.s[c.nsent + s].first += c.ntok;
        }
        c.ntok += dc.ntok;
        c.nsent += dc.nsent;
    } else {
        ndev = (size_t)((double)c.nsent * dev_tail);
        ntrain = c.nsent - ndev;
    }
    fprintf(stderr, "%zu sentences, %zu tokens: %zu for training, %zu held "
            "out\n", c.nsent, c.ntok, ntrain, ndev);

    /* Feature rows come from the training sentences only; the held-out
     * ones see only the features that training has. */
    map_init(&fm, 1 << 20);
    {
        corpus tc = c, hc = c;
        featset tfs, hfs;
        tc.nsent = ntrain;
        tc.ntok = ntrain < c.nsent ? c.s[ntrain].first : c.ntok;
        extract(&tc, &lex, &fm, 1, &tfs);
        hc.s = c.s + ntrain;
        hc.nsent = ndev;
        extract(&hc, &lex, &fm, 0, &hfs);
        /* One index over both parts. */
        fs.fstart = xmalloc((c.ntok + 1) * sizeof *fs.fstart);
        fs.fidx = xmalloc((tfs.fstart[tc.ntok] + hfs.fstart[c.ntok] + 1) *
                          sizeof *fs.fidx);
        memcpy(fs.fidx, tfs.fidx, tfs.fstart[tc.ntok] * sizeof *fs.fidx);
        memcpy(fs.fstart, tfs.fstart, tc.ntok * sizeof *fs.fstart);
        {
            size_t base = tfs.fstart[tc.ntok];
            size_t from = tc.ntok;
            size_t nh = hfs.fstart[c.ntok] - (ndev ? hfs.fstart[from] : 0);
            if (ndev)
                memcpy(fs.fidx + base, hfs.fidx + hfs.fstart[from],
                       nh * sizeof *fs.fidx);
            for (size_t t = from; t <= c.ntok; t++)
                fs.fstart[t] = base + (ndev ? hfs.fstart[t] - hfs.fstart[from]
                                            : 0);
        }
        free(tfs.fidx);
        free(tfs.fstart);
        free(hfs.fidx);
        free(hfs.fstart);
    }
    fprintf(stderr, "%llu features\n", (unsigned long long)fm.n);
    bw = xmalloc(fm.n * NT * sizeof *bw);
    train(&c, &fs, fm.n, ntrain, ndev, iters, c1, c2, bw, btr);
    if (ndev) {
        fprintf(stderr, "held-out scores:\n");
        evaluate(bw, btr, &c, &fs, ntrain, ntrain + ndev, 1);
    }
    if (final && ndev) {
        /* Again on everything, with the same settings. */
        free(fs.fidx);
        free(fs.fstart);
        free(fm.slots);
        free(bw);
        map_init(&fm, 1 << 20);
        extract(&c, &lex, &fm, 1, &fs);
        bw = xmalloc(fm.n * NT * sizeof *bw);
        fprintf(stderr, "final: %zu sentences, %llu features\n", c.nsent,
                (unsigned long long)fm.n);
        train(&c, &fs, fm.n, c.nsent, 0, iters, c1, c2, bw, btr);
    }
    if (out)
        write_model(out, &clusters, &gaz, &fm, bw, btr);
    free(bw);
    free(fs.fidx);
    free(fs.fstart);
    free(fm.slots);
    free(clusters.slots);
    free(gaz.slots);
    return 0;
}
