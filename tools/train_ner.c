/*
 * train_ner.c - trains the entity recognizer's model.
 *
 *   marsad_train_ner --train CONLL [--dev CONLL | --dev-tail FRACTION]
 *                    [--clusters TSV] [--gazetteer DIR] [--iterations N]
 *                    [--c1 X] [--c2 X] [--cost-miss X] [--cost-wrong X]
 *                    [--min-count N] [--lexstats TSV
 *                    [--lexstats-part TSV ...]] [--history PRED]
 *                    [--final] [--out MODEL] [--check-gradient]
 *   marsad_train_ner --regazetteer MODEL --gazetteer DIR --out MODEL
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
 * --cost-miss and --cost-wrong (default 0) train with a margin: in the
 * normalizing sum over tag sequences each token's wrong tags score that
 * much more, O for a word inside a name --cost-miss and every other wrong
 * tag --cost-wrong (softmax-margin, Gimpel and Smith 2010).  The model
 * must then beat each wrong sequence by more the more words it gets
 * wrong, and leaving words of a name out is the error it learns hardest
 * to make, against the pull of the many O words (recall-oriented costs as
 * Mohit et al. 2012 used for Arabic names).  Decoding is unchanged.
 *
 * --check-gradient trains nothing: it compares the gradient of the loss
 * (margin costs and L2 penalty included) with finite differences at a
 * random point, prints the worst relative error and fails above 1e-4.
 *
 * Features seen fewer than --min-count times (default 2) in the training
 * sentences are dropped before training.
 *
 * --lexstats reads the counts of tools/ner_lexstats.c: how a first model
 * labels each word over a large corpus.  They are shipped in the model
 * and seen by the held-out sentences.  A model trained on sentences
 * cannot judge its own counts fairly (it knows their labels), so the
 * training sentences are cut into K equal runs (K the number of
 * --lexstats-part options, in order; sentences k * n / K up to
 * (k + 1) * n / K form run k) and run k sees the counts of the k-th
 * --lexstats-part, made by a model trained on the other runs.
 *
 * --history reads the tags other models gave the training sentences
 * (`marsad ner --conll` output, each sentence tagged by a model that did
 * not see it); the document-history features of each sentence are made
 * from the tags of the sentences before it, as the tagger makes them from
 * its own tags at run time.
 *
 * --regazetteer trains nothing: it copies MODEL to --out with the
 * gazetteer table made anew from DIR (see regazetteer below).
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

/* Share band of count in total: 0 none, then <5%, <20%, <50%, <80%, more. */
static unsigned share_band(unsigned long count, unsigned long total)
{
    double r = total ? (double)count / (double)total : 0;
    if (count == 0)
        return 0;
    return r < 0.05 ? 1 : r < 0.2 ? 2 : r < 0.5 ? 3 : r < 0.8 ? 4 : 5;
}

static void load_stats(map *m, const char *path)
{
    size_t len, line = 0;
    char *buf = read_file(path, &len), *p = buf;
    while (*p) {
        char *nl = strchr(p, '\n'), *tab;
        unsigned long v[5];
        int added;
        if (nl)
            *nl = 0;
        line++;
        if (*p && *p != '#') {
            char *q;
            tab = strchr(p, '\t');
            if (!tab)
                die("%s:%zu: expected key and five counts", path, line);
            *tab = 0;
            q = tab + 1;
            for (int k = 0; k < 5; k++) {
                char *end;
                v[k] = strtoul(q, &end, 10);
                if (end == q || (k < 4 && *end != '\t'))
                    die("%s:%zu: expected key and five counts", path, line);
                q = end + 1;
            }
            {
                uint32_t packed = 0;
                unsigned band = v[0] < 5 ? 0 : v[0] < 20 ? 1 : v[0] < 100 ? 2
                                : v[0] < 1000 ? 3 : 4;
                for (int k = 0; k < 4; k++)
                    packed |= share_band(v[k + 1], v[0]) << (3 * k);
                packed |= band << 12;
                map_put(m, mn_hash(p, strlen(p)), &added)->val = packed;
            }
        }
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
    int whole;       /* the first word has a whole form (mn_whole_span) */
    uint64_t wholeh; /* ... with this hash */
    int split;       /* the analyzer cut the first word into segments */
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
    if (w->n == 0) {
        size_t start, end;
        w->split = tok->nseg > 1;
        w->whole = mn_whole_span(w->s, tok, &start, &end) &&
                   (w->wholeh = mn_whole_hash(w->s, start, end)) != 0;
    }
    w->keyh[w->n++] = mn_hash(t.key, t.nkey);
    return 0;
}

/* Adds every line of path as an entry with bits.  The whole form of a
 * given name (words_only lists with MN_GZ_FIRST) is stored only when the
 * rest of the word is not a given name of the list itself: in لحسن the
 * name is more often حسن after the preposition than the Maghrebi لحسن. */
static size_t load_list(map *gaz, marsad_analyzer *an, const char *path,
                        uint32_t bits, int words_only)
{
    size_t len, count = 0, nfirst = 0;
    char *buf = read_file(path, &len), *p = buf;
    struct entry_walk *w = xmalloc(sizeof *w);
    uint64_t(*first)[2] = NULL; /* given names' whole hash and key */
    map plain = {0};             /* keys of given names left uncut */
    if (bits == MN_GZ_FIRST)
        map_init(&plain, 1024);
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        if (*p != '#' && *p != 0) {
            uint64_t seq = 0;
            w->s = p;
            w->n = 0;
            w->whole = 0;
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
                if (bits == MN_GZ_FIRST) {
                    int added;
                    if (!w->split) {
                        map_put(&plain, w->keyh[0], &added);
                    } else if (w->whole) { /* not only enclitics cut off */
                        first = xrealloc(first, (nfirst + 1) * sizeof *first);
                        first[nfirst][0] = w->wholeh;
                        first[nfirst++][1] = w->keyh[0];
                    }
                } else if (w->whole && !words_only) {
                    int added;
                    seq = mn_seq(0, w->wholeh);
                    for (size_t i = 1; i < w->n; i++)
                        seq = mn_seq(seq, w->keyh[i]);
                    map_put(gaz, seq, &added)->val |=
                        MN_GZ_WHOLE | bits << MN_GZ_WHOLE_SHIFT;
                }
                count++;
            }
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    for (size_t i = 0; i < nfirst; i++) {
        int added;
        if (!map_find(&plain, first[i][1])->key)
            map_put(gaz, mn_seq(0, first[i][0]), &added)->val |=
                MN_GZ_WHOLE | bits << MN_GZ_WHOLE_SHIFT;
    }
    free(first);
    free(plain.slots);
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
    char *buf; /* the file's text, which words point into */
    char **words;
    size_t *lens;
    unsigned char *gold;
    size_t ntok, captok;
    sent *s;
    size_t nsent, capsent;
} corpus;

static int parse_tag(const char *t)
{
    static const char *const names[9] = {
        "O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
        "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};
    for (int g = 0; g < 9; g++)
        if (!strcmp(t, names[g]))
            return g;
    if (!strcmp(t, "B-PER"))
        return 1;
    if (!strcmp(t, "I-PER"))
        return 2;
    return -1;
}

/* Closes the sentence of the tokens from *open on, if any. */
static void end_sentence(corpus *c, size_t *open)
{
    if (c->ntok == *open)
        return;
    if (c->nsent == c->capsent) {
        c->capsent = c->capsent ? c->capsent * 2 : 1024;
        c->s = xrealloc(c->s, c->capsent * sizeof *c->s);
    }
    c->s[c->nsent].first = *open;
    c->s[c->nsent].n = c->ntok - *open;
    c->nsent++;
    *open = c->ntok;
}

static void corpus_read(corpus *c, const char *path)
{
    size_t len, line = 0, open = 0;
    char *buf = read_file(path, &len), *p = buf;
    memset(c, 0, sizeof *c);
    c->buf = buf;
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
            end_sentence(c, &open);
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
            c->words[c->ntok] = p;
            c->lens[c->ntok] = strlen(p);
            c->gold[c->ntok] = (unsigned char)g;
            c->ntok++;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    end_sentence(c, &open);
    /* Gold BIO codes become model tags, sentence by sentence. */
    for (size_t s = 0; s < c->nsent; s++) {
        unsigned char *g = c->gold + c->s[s].first, tmp[4096];
        size_t n = c->s[s].n;
        unsigned char *t = n <= sizeof tmp ? tmp : xmalloc(n);
        mn_from_bio(g, n, t);
        memcpy(g, t, n);
        if (t != tmp)
            free(t);
    }
    /* buf is kept: words point into it. */
}

static void corpus_free(corpus *c)
{
    free(c->buf);
    free(c->words);
    free(c->lens);
    free(c->gold);
    free(c->s);
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

static void *std_malloc(void *ud, size_t n)
{
    (void)ud;
    return xmalloc(n);
}

static void std_free(void *ud, void *p)
{
    (void)ud;
    free(p);
}

static const marsad_allocator std_alloc = {std_malloc, NULL, std_free, NULL};

/*
 * Reads the tags another model gave the sentences of c ("token TAB TAG"
 * lines, as `marsad ner --conll` prints them) as model tags, for the
 * document history.
 */
static unsigned char *read_predictions(const corpus *c, const char *path)
{
    size_t len, line = 0, k = 0;
    char *buf = read_file(path, &len), *p = buf;
    unsigned char *bio = xmalloc(c->ntok + 1), *out = xmalloc(c->ntok + 1);
    while (*p) {
        char *nl = strchr(p, '\n'), *tab;
        if (nl)
            *nl = 0;
        line++;
        if (*p) {
            int g = -1;
            tab = strrchr(p, '\t');
            if (!tab || (g = parse_tag(tab + 1)) < 0)
                die("%s:%zu: expected 'token TAB TAG'", path, line);
            if (k == c->ntok)
                die("%s: more tokens than the training file", path);
            bio[k++] = (unsigned char)g;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    if (k != c->ntok)
        die("%s: %zu tokens, the training file has %zu", path, k, c->ntok);
    for (size_t s = 0; s < c->nsent; s++)
        mn_from_bio(bio + c->s[s].first, c->s[s].n, out + c->s[s].first);
    free(bio);
    free(buf);
    return out;
}

/* Features of every token of c; with nparts > 0, the sentences of run k
 * of nparts equal runs see parts[k] instead of lex. */
static void extract(const corpus *c, const mn_lex *lex, const mn_lex *parts,
                    size_t nparts, const unsigned char *pred, map *fm,
                    int grow, featset *fs)
{
    mn_hist *hist = mn_hist_new(&std_alloc);
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
        const mn_lex *lx = lex;
        if (nparts) {
            size_t k = 0;
            while (k + 1 < nparts && s >= (k + 1) * c->nsent / nparts)
                k++;
            lx = &parts[k];
        }
        if (mn_prepare(an, lx, (const char *const *)c->words + se->first,
                       c->lens + se->first, se->n, w, buf))
            die("out of memory");
        mn_spans(w, se->n, lx);
        if (pred)
            mn_hist_mark(hist, w, se->n);
        for (size_t i = 0; i < se->n; i++) {
            size_t k = mn_features(lx, w, se->n, i, f);
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
                    sl->aux++;
                    fs->fidx[nf++] = sl->val;
                } else {
                    mn_slot *sl = map_find(fm, f[j]);
                    if (sl->key)
                        fs->fidx[nf++] = sl->val;
                }
            }
        }
        if (pred)
            mn_hist_add(hist, &std_alloc, w, pred + se->first, se->n);
    }
    fs->fstart[c->ntok] = nf;
    mn_hist_free(hist, &std_alloc);
    free(buf);
    free(w);
    marsad_analyzer_free(an);
}

/*
 * Drops the features seen fewer than min times in tokens [0, ntok) of fs
 * (their weights could only be fitted to one or two tokens), renumbering
 * the rest in fm and fs.
 */
static void prune(map *fm, featset *fs, size_t ntok, unsigned min)
{
    uint32_t *newidx = xmalloc((fm->n + 1) * sizeof *newidx);
    uint32_t kept = 0;
    size_t out = 0;
    map k;

    for (uint64_t i = 0; i < fm->n; i++)
        newidx[i] = UINT32_MAX;
    for (uint64_t i = 0; i < fm->cap; i++)
        if (fm->slots[i].key && fm->slots[i].aux >= min)
            newidx[fm->slots[i].val] = 0;
    for (uint64_t i = 0; i < fm->n; i++)
        if (newidx[i] == 0)
            newidx[i] = kept++;
    map_init(&k, 1024);
    for (uint64_t i = 0; i < fm->cap; i++)
        if (fm->slots[i].key && newidx[fm->slots[i].val] != UINT32_MAX) {
            int added;
            mn_slot *sl = map_put(&k, fm->slots[i].key, &added);
            sl->val = newidx[fm->slots[i].val];
            sl->aux = fm->slots[i].aux;
        }
    for (size_t t = 0; t < ntok; t++) {
        size_t from = fs->fstart[t], to = fs->fstart[t + 1];
        fs->fstart[t] = out;
        for (size_t j = from; j < to; j++)
            if (newidx[fs->fidx[j]] != UINT32_MAX)
                fs->fidx[out++] = newidx[fs->fidx[j]];
    }
    fs->fstart[ntok] = out;
    free(newidx);
    free(fm->slots);
    *fm = k;
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
/* How a model is fitted: iterations, penalties, margin costs. */
typedef struct fit {
    int iters;
    double c1, c2;
    double cost_miss, cost_wrong;
} fit;

typedef struct crf {
    const corpus *c;
    const featset *fs;
    size_t ntrain, ndev, nrows;
    double c2, cost_miss, cost_wrong;
    double *emit, *alpha, *beta; /* per token, NT each */
    double *ex, *scale;          /* exp(emit - max), forward factors */
    float *fw, *ftr;             /* float copies for scoring */
    int iter;
} crf;

static int allowed(int p, int g)
{
    return mn_allowed(p, g);
}

/*
 * One pass over the training sentences: the loss and its gradient.
 * Forward-backward runs in scaled probabilities (Rabiner's scaling: each
 * position's forward vector is normalized and the factors are kept), so
 * the only exponentials are one per token and tag.  The margin costs are
 * added to the wrong tags' scores before the normalizing sum; the gold
 * tags cost nothing, so the gold score is the same with or without them.
 */
static lbfgsfloatval_t crf_eval(void *inst, const lbfgsfloatval_t *x,
                                lbfgsfloatval_t *g, const int nvar,
                                const lbfgsfloatval_t step)
{
    crf *m = inst;
    const corpus *c = m->c;
    const featset *fs = m->fs;
    const double *tr = x, *w = x + TROWS;
    double *gtr = g, *gw = g + TROWS;
    double loss = 0, T[TROWS];
    (void)step;

    memset(g, 0, (size_t)nvar * sizeof *g);
    /* Transition factors, 0 where the scheme forbids the move. */
    for (int p = 0; p <= NT; p++)
        for (int y = 0; y < NT; y++)
            T[p * NT + y] = allowed(p, y) ? exp(tr[p * NT + y]) : 0.0;
    for (size_t s = 0; s < m->ntrain; s++) {
        const sent *se = &c->s[s];
        const unsigned char *gold = c->gold + se->first;
        size_t n = se->n;
        double *e = m->emit, *E = m->ex, *al = m->alpha, *be = m->beta;
        double *sc = m->scale, logz = 0, gs = 0, zend = 0;
        for (size_t i = 0; i < n; i++) {
            size_t t = se->first + i;
            double mx;
            for (int y = 0; y < NT; y++)
                e[i * NT + y] = 0;
            for (size_t j = fs->fstart[t]; j < fs->fstart[t + 1]; j++) {
                const double *r = &w[(size_t)fs->fidx[j] * NT];
                for (int y = 0; y < NT; y++)
                    e[i * NT + y] += r[y];
            }
            for (int y = 0; y < NT; y++)
                if (y != gold[i])
                    e[i * NT + y] += gold[i] && y == 0 ? m->cost_miss
                                                       : m->cost_wrong;
            mx = e[i * NT];
            for (int y = 1; y < NT; y++)
                if (e[i * NT + y] > mx)
                    mx = e[i * NT + y];
            for (int y = 0; y < NT; y++)
                E[i * NT + y] = exp(e[i * NT + y] - mx);
            logz += mx;
        }
        /* Forward. */
        for (size_t i = 0; i < n; i++) {
            double sum = 0;
            for (int y = 0; y < NT; y++) {
                double v = 0;
                if (i == 0) {
                    v = T[NT * NT + y];
                } else {
                    for (int p = 0; p < NT; p++)
                        v += al[(i - 1) * NT + p] * T[p * NT + y];
                }
                v *= E[i * NT + y];
                al[i * NT + y] = v;
                sum += v;
            }
            sc[i] = sum;
            for (int y = 0; y < NT; y++)
                al[i * NT + y] /= sum;
            logz += log(sum);
        }
        for (int y = 0; y < NT; y++)
            zend += mn_may_end(y) ? al[(n - 1) * NT + y] : 0.0;
        logz += log(zend);
        /* Backward, with the same factors. */
        for (int y = 0; y < NT; y++)
            be[(n - 1) * NT + y] = mn_may_end(y) ? 1.0 : 0.0;
        for (size_t i = n - 1; i > 0; i--)
            for (int p = 0; p < NT; p++) {
                double v = 0;
                for (int y = 0; y < NT; y++)
                    v += T[p * NT + y] * E[i * NT + y] * be[i * NT + y];
                be[(i - 1) * NT + p] = v / sc[i];
            }
        /* Gold score, and the gradient: expected minus observed. */
        for (size_t i = 0; i < n; i++) {
            int pg = i ? gold[i - 1] : NT;
            gs += e[i * NT + gold[i]] + tr[pg * NT + gold[i]];
        }
        loss += logz - gs;
        for (size_t i = 0; i < n; i++) {
            size_t t = se->first + i;
            double pm[NT];
            for (int y = 0; y < NT; y++)
                pm[y] = al[i * NT + y] * be[i * NT + y] / zend;
            if (i == 0)
                for (int y = 0; y < NT; y++)
                    gtr[NT * NT + y] += pm[y];
            pm[gold[i]] -= 1.0;
            for (size_t j = fs->fstart[t]; j < fs->fstart[t + 1]; j++) {
                double *r = &gw[(size_t)fs->fidx[j] * NT];
                for (int y = 0; y < NT; y++)
                    r[y] += pm[y];
            }
            if (i == 0) {
                gtr[NT * NT + gold[0]] -= 1.0;
            } else {
                double k = 1.0 / (sc[i] * zend);
                for (int p = 0; p < NT; p++) {
                    double ap = al[(i - 1) * NT + p] * k;
                    if (ap == 0)
                        continue;
                    for (int y = 0; y < NT; y++)
                        gtr[p * NT + y] += ap * T[p * NT + y] *
                                           E[i * NT + y] * be[i * NT + y];
                }
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

/* Sets m up to evaluate the loss on sentences [0, ntrain) of c. */
static void crf_init(crf *m, const corpus *c, const featset *fs,
                     size_t nrows, size_t ntrain, size_t ndev, const fit *f)
{
    size_t maxn = 0;
    memset(m, 0, sizeof *m);
    m->c = c;
    m->fs = fs;
    m->ntrain = ntrain;
    m->ndev = ndev;
    m->nrows = nrows;
    m->c2 = f->c2;
    m->cost_miss = f->cost_miss;
    m->cost_wrong = f->cost_wrong;
    for (size_t s = 0; s < c->nsent; s++)
        if (c->s[s].n > maxn)
            maxn = c->s[s].n;
    m->emit = xmalloc(maxn * NT * sizeof *m->emit);
    m->alpha = xmalloc(maxn * NT * sizeof *m->alpha);
    m->beta = xmalloc(maxn * NT * sizeof *m->beta);
    m->ex = xmalloc(maxn * NT * sizeof *m->ex);
    m->scale = xmalloc(maxn * sizeof *m->scale);
}

static void crf_free(crf *m)
{
    free(m->emit);
    free(m->alpha);
    free(m->beta);
    free(m->ex);
    free(m->scale);
}

/*
 * Trains on sentences [0, ntrain) for at most f->iters L-BFGS iterations
 * (OWL-QN when f->c1 > 0) and leaves the weights in bw / btr.
 */
static void train(const corpus *c, const featset *fs, size_t nrows,
                  size_t ntrain, size_t ndev, const fit *f, float *bw,
                  float *btr)
{
    crf m;
    int nvar = (int)(TROWS + nrows * NT), rc;
    lbfgsfloatval_t *x = lbfgs_malloc(nvar), fx = 0;
    lbfgs_parameter_t par;

    if (!x)
        die("out of memory");
    memset(x, 0, (size_t)nvar * sizeof *x);
    crf_init(&m, c, fs, nrows, ntrain, ndev, f);
    m.fw = bw;
    m.ftr = btr;
    lbfgs_parameter_init(&par);
    par.max_iterations = f->iters;
    par.epsilon = 1e-5;
    par.past = 10;
    par.delta = 1e-5;
    if (f->c1 > 0) {
        par.orthantwise_c = f->c1;
        par.orthantwise_start = TROWS;
        par.orthantwise_end = nvar;
        par.linesearch = LBFGS_LINESEARCH_BACKTRACKING;
    }
    rc = lbfgs(nvar, x, &fx, crf_eval, crf_progress, &m, &par);
    fprintf(stderr, "L-BFGS stopped after %d iterations (status %d), "
            "loss %.1f\n", m.iter, rc, fx);
    to_float(&m, x);
    crf_free(&m);
    lbfgs_free(x);
}

/*
 * Compares crf_eval's gradient with central differences of its loss in
 * 40 coordinates (the transitions and rows of features the sentences
 * use) at a random point; returns the largest relative error.
 */
static double check_gradient(const corpus *c, const featset *fs,
                             size_t nrows, size_t ntrain, const fit *f)
{
    crf m;
    size_t nused = fs->fstart[c->ntok];
    int nvar = (int)(TROWS + nrows * NT);
    lbfgsfloatval_t *x = lbfgs_malloc(nvar), *g = lbfgs_malloc(nvar);
    lbfgsfloatval_t *g2 = lbfgs_malloc(nvar);
    double worst = 0;
    uint64_t rnd = 0x2545F4914F6CDD1DULL;

    if (!x || !g || !g2)
        die("out of memory");
    crf_init(&m, c, fs, nrows, ntrain, 0, f);
    for (int k = 0; k < nvar; k++) {
        rnd = mn_mix(rnd + (uint64_t)k);
        x[k] = ((double)(rnd >> 11) / 9007199254740992.0 - 0.5) * 0.2;
    }
    fprintf(stderr, "loss at the random point: %.6f\n",
            crf_eval(&m, x, g, nvar, 0));
    for (int t = 0; t < 40 && nused; t++) {
        int k;
        double h = 1e-5, up, down, num, err;
        rnd = mn_mix(rnd + 1);
        if (t < 10)
            k = (int)(rnd % TROWS);
        else
            k = (int)(TROWS + (size_t)fs->fidx[rnd % nused] * NT +
                      (rnd >> 32) % NT);
        x[k] += h;
        up = crf_eval(&m, x, g2, nvar, 0);
        x[k] -= 2 * h;
        down = crf_eval(&m, x, g2, nvar, 0);
        x[k] += h;
        num = (up - down) / (2 * h);
        err = fabs(num - g[k]) / (fabs(num) + fabs(g[k]) + 1e-6);
        if (err > worst)
            worst = err;
    }
    crf_free(&m);
    lbfgs_free(x);
    lbfgs_free(g);
    lbfgs_free(g2);
    return worst;
}

/* ------------------------------------------------------------ scoring */

typedef struct score {
    size_t tp[5], fp[5], fn[5]; /* index 0: all types */
} score;

/* Entities as (start, end, type) from a sequence of model tags, read as
 * BIO codes the way conlleval reads them. */
static size_t chunks(const unsigned char *tags, size_t n, size_t (*out)[3],
                     unsigned char *t)
{
    size_t k = 0;
    mn_to_bio(tags, n, t);
    for (size_t i = 0; i < n;) {
        int ty = MN_BIO_TYPE(t[i]);
        size_t j;
        if (t[i] == 0) {
            i++;
            continue;
        }
        j = i + 1;
        while (j < n && t[j] == 2 * ty)
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
                           size_t (*a)[3], size_t (*b)[3], unsigned char *t)
{
    size_t ng = chunks(gold, n, a, t), np = chunks(pred, n, b, t);
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
        mn_viterbi(emit, se->n, tr, NULL, back, pred);
        score_sentence(&sc, c->gold + se->first, pred, se->n, a, b,
                       back);
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
                        const map *gaz, const map *stats, const map *fm,
                        const float *w, const float *tr)
{
    mn_header h;
    map kept;
    float *rows;
    size_t nrows = 0;
    mn_slot *cs, *gs, *ss, *fsl;
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
    ss = compact_table(stats, &h.nstats);
    fsl = compact_table(&kept, &h.nfeat);
    h.nrows = nrows;
    f = fopen(path, "wb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    write_all(f, &h, sizeof h, path);
    write_all(f, cs, h.nclusters * sizeof *cs, path);
    write_all(f, gs, h.ngaz * sizeof *gs, path);
    write_all(f, ss, h.nstats * sizeof *ss, path);
    write_all(f, fsl, h.nfeat * sizeof *fsl, path);
    write_all(f, tr, TROWS * sizeof *tr, path);
    write_all(f, rows, nrows * NT * sizeof *rows, path);
    if (fclose(f) != 0)
        die("%s: write error", path);
    fprintf(stderr, "model %s: %zu features kept of %llu, %.1f MB\n", path,
            nrows, (unsigned long long)fm->n,
            (double)(sizeof h + (h.nclusters + h.ngaz + h.nstats + h.nfeat) *
                                    sizeof(mn_slot) +
                     (TROWS + nrows * NT) * sizeof(float)) /
                1e6);
    free(cs);
    free(gs);
    free(ss);
    free(fsl);
    free(rows);
    free(kept.slots);
}

/*
 * Writes to out the model in with its gazetteer table made anew from the
 * lists of gaz: clusters, counts, features and weights are copied as
 * they are (out may be in).  What no feature reads, such as MN_GZ_WHOLE,
 * takes effect as it is; a new entry fires the gazetteer features with
 * the weights the old lists taught, until the model is trained again.
 */
static void regazetteer(const char *in, const map *gaz, const char *out)
{
    size_t len, cs, rest;
    char *buf = read_file(in, &len);
    mn_header h;
    mn_slot *gs;
    FILE *f;

    if (len < sizeof h)
        die("%s: too short for a model", in);
    memcpy(&h, buf, sizeof h);
    if (memcmp(h.magic, MN_MAGIC, sizeof h.magic) || h.version != MN_VERSION)
        die("%s: not an entity model of version %u", in, MN_VERSION);
    cs = (size_t)h.nclusters * sizeof(mn_slot);
    rest = sizeof h + cs + (size_t)h.ngaz * sizeof(mn_slot);
    if (h.nclusters > len / sizeof(mn_slot) || h.ngaz > len / sizeof(mn_slot) ||
        rest > len)
        die("%s: damaged model (tables past its end)", in);
    gs = compact_table(gaz, &h.ngaz);
    f = fopen(out, "wb");
    if (!f)
        die("%s: %s", out, strerror(errno));
    write_all(f, &h, sizeof h, out);
    write_all(f, buf + sizeof h, cs, out);
    write_all(f, gs, (size_t)h.ngaz * sizeof *gs, out);
    write_all(f, buf + rest, len - rest, out);
    if (fclose(f) != 0)
        die("%s: write error", out);
    fprintf(stderr, "model %s: gazetteer of %s made anew (%llu slots)\n", out,
            in, (unsigned long long)h.ngaz);
    free(gs);
    free(buf);
}

/* ------------------------------------------------------------ driver */

#define MAX_PARTS 16

int main(int argc, char **argv)
{
    const char *train_path = NULL, *dev_path = NULL, *clusters_path = NULL,
               *gaz_dir = NULL, *out = NULL, *stats_path = NULL,
               *jk_path[MAX_PARTS] = {NULL}, *pred_path = NULL,
               *regaz = NULL;
    unsigned char *pred = NULL;
    double dev_tail = 0.15;
    int final = 0, gradcheck = 0;
    unsigned min_count = 2;
    fit f = {300, 0.0, 0.1, 0.0, 0.0};
    map clusters, gaz, stats, jk[MAX_PARTS], fm;
    mn_lex lex, jlex[MAX_PARTS];
    size_t nparts = 0;
    corpus c, dc;
    size_t ntrain, ndev;
    featset fs;
    float *bw = NULL, btr[TROWS];
    int rc = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--final")) {
            final = 1;
            continue;
        }
        if (!strcmp(a, "--check-gradient")) {
            gradcheck = 1;
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
        else if (!strcmp(a, "--lexstats"))
            stats_path = v;
        else if (!strcmp(a, "--history"))
            pred_path = v;
        else if (!strcmp(a, "--lexstats-part")) {
            if (nparts == MAX_PARTS)
                die("at most %d --lexstats-part", MAX_PARTS);
            jk_path[nparts++] = v;
        }
        else if (!strcmp(a, "--iterations"))
            f.iters = atoi(v);
        else if (!strcmp(a, "--min-count"))
            min_count = (unsigned)atoi(v);
        else if (!strcmp(a, "--c1"))
            f.c1 = atof(v);
        else if (!strcmp(a, "--c2"))
            f.c2 = atof(v);
        else if (!strcmp(a, "--cost-miss"))
            f.cost_miss = atof(v);
        else if (!strcmp(a, "--cost-wrong"))
            f.cost_wrong = atof(v);
        else if (!strcmp(a, "--out"))
            out = v;
        else if (!strcmp(a, "--regazetteer"))
            regaz = v;
        else
            die("unknown option %s", a);
    }
    if (regaz) {
        if (!gaz_dir || !out)
            die("--regazetteer MODEL goes with --gazetteer DIR and --out FILE");
        map_init(&gaz, 1024);
        load_gazetteer(&gaz, gaz_dir);
        regazetteer(regaz, &gaz, out);
        free(gaz.slots);
        return 0;
    }
    if (!train_path)
        die("--train FILE is required");
    if (nparts == 1 || (nparts && !stats_path))
        die("--lexstats-part is given two or more times, with --lexstats");
    if (f.iters < 1 || dev_tail < 0 || dev_tail >= 0.9 || f.c1 < 0 ||
        f.c2 < 0 || !(f.cost_miss >= 0 && f.cost_miss <= 20) ||
        !(f.cost_wrong >= 0 && f.cost_wrong <= 20))
        die("--iterations must be >= 1, --dev-tail in 0..0.9, --c1 and "
            "--c2 >= 0, --cost-miss and --cost-wrong in 0..20");

    map_init(&clusters, 1024);
    map_init(&gaz, 1024);
    if (clusters_path)
        load_clusters(&clusters, clusters_path);
    if (gaz_dir)
        load_gazetteer(&gaz, gaz_dir);
    mn_lex_init(&lex);
    lex.clusters = map_table(&clusters);
    lex.gaz = map_table(&gaz);
    map_init(&stats, 1024);
    if (stats_path)
        load_stats(&stats, stats_path);
    lex.stats = map_table(&stats);
    for (size_t k = 0; k < nparts; k++) {
        map_init(&jk[k], 1024);
        load_stats(&jk[k], jk_path[k]);
        jlex[k] = lex;
        jlex[k].stats = map_table(&jk[k]);
    }

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
    if (pred_path) {
        if (dev_path || ndev)
            die("--history goes with --dev-tail 0 (no held-out part)");
        pred = read_predictions(&c, pred_path);
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
        /* Cross-fitted counts: each run of the training sentences sees
         * the counts of a model trained on the other runs. */
        extract(&tc, &lex, jlex, nparts, pred, &fm, 1, &tfs);
        prune(&fm, &tfs, tc.ntok, min_count);
        hc.s = c.s + ntrain;
        hc.nsent = ndev;
        extract(&hc, &lex, NULL, 0, NULL, &fm, 0, &hfs);
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
    if (gradcheck) {
        double worst = check_gradient(&c, &fs, fm.n, ntrain, &f);
        printf("gradient check: largest relative error %.2e\n", worst);
        if (!(worst < 1e-4)) {
            fprintf(stderr, "marsad_train_ner: gradient check failed\n");
            rc = 1;
        }
        goto done;
    }
    bw = xmalloc(fm.n * NT * sizeof *bw);
    train(&c, &fs, fm.n, ntrain, ndev, &f, bw, btr);
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
        extract(&c, &lex, jlex, nparts, pred, &fm, 1, &fs);
        prune(&fm, &fs, c.ntok, min_count);
        bw = xmalloc(fm.n * NT * sizeof *bw);
        fprintf(stderr, "final: %zu sentences, %llu features\n", c.nsent,
                (unsigned long long)fm.n);
        train(&c, &fs, fm.n, c.nsent, 0, &f, bw, btr);
    }
    if (out)
        write_model(out, &clusters, &gaz, &stats, &fm, bw, btr);
done:
    free(bw);
    free(fs.fidx);
    free(fs.fstart);
    free(fm.slots);
    free(clusters.slots);
    free(gaz.slots);
    free(stats.slots);
    free(pred);
    for (size_t k = 0; k < nparts; k++)
        free(jk[k].slots);
    corpus_free(&c);
    if (dev_path)
        corpus_free(&dc); /* its words were copied into c */
    return rc;
}
