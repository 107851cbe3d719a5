/*
 * snippet.c - query-dependent snippets of the original text.
 *
 * The query words are analyzed into the same terms the index holds
 * (mt_term), the article text is analyzed again, and each word whose term
 * equals a query term (or starts with a prefix term) is a hit.  Candidate
 * windows start a few words before each hit; the window with the most
 * distinct terms, then the most hits, wins.  Analysis stops a window's
 * length after every query term has been seen, so long articles whose
 * lead holds the terms cost little.  The snippet is the original
 * bytes of that window, line breaks turned into spaces, and the hits are
 * given as offsets into it, so the caller decides how to highlight.
 */
#include <stdlib.h>
#include <string.h>

#include "store/fts5_marsad.h"
#include "store/snippet.h"

#define MAX_TERMS 64
#define LEAD 4 /* words of context before the first hit */

typedef struct term {
    char s[256];
    size_t n;
    int prefix;
} term;

struct msn_terms {
    term t[MAX_TERMS];
    size_t n;
    int any_prefix;
};

typedef struct word {
    size_t start, end;
    int term; /* index into terms, or -1 */
} word;

typedef struct collect {
    msn_terms *terms;
    const char *text;
    size_t textlen;
    int prefix_last; /* the word is a prefix query */
    /* for msn_make */
    const msn_terms *match;
    word *w;
    size_t nw, cap;
    int oom;
    /* early stop: once every term was seen, a window of `words` after
     * the last one to appear is enough */
    uint64_t seen, all;
    size_t words, stop_at;
    int stopped;
} collect;

static int add_term(void *ud, const marsad_token *tk)
{
    collect *c = ud;
    if (tk->flags & MARSAD_TOKEN_STOPWORD)
        return 0;
    if (c->terms->n == MAX_TERMS)
        return 1;
    int prefix = c->prefix_last && tk->end == c->textlen;
    char buf[256];
    const char *s;
    size_t n = mt_term(tk, c->text, prefix, 0, buf, sizeof buf, &s);
    if (n == 0 || n >= sizeof c->terms->t[0].s)
        return 0;
    term *t = &c->terms->t[c->terms->n++];
    memcpy(t->s, s, n);
    t->s[n] = 0;
    t->n = n;
    t->prefix = prefix;
    c->terms->any_prefix |= prefix;
    return 0;
}

msn_terms *msn_terms_new(marsad_analyzer *an, const char *const *words,
                         size_t nwords)
{
    msn_terms *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    for (size_t i = 0; i < nwords && t->n < MAX_TERMS; i++) {
        size_t n = strlen(words[i]);
        collect c;
        memset(&c, 0, sizeof c);
        c.terms = t;
        c.text = words[i];
        c.prefix_last = n > 0 && words[i][n - 1] == '*';
        if (c.prefix_last)
            n--;
        c.textlen = n;
        marsad_analyzer_reset(an);
        marsad_analyze(an, words[i], n, add_term, &c);
    }
    return t;
}

void msn_terms_free(msn_terms *t) { free(t); }

static int match_term(const msn_terms *t, const char *s, size_t n)
{
    for (size_t i = 0; i < t->n; i++) {
        const term *q = &t->t[i];
        if (q->prefix ? n >= q->n && memcmp(s, q->s, q->n) == 0
                      : n == q->n && memcmp(s, q->s, n) == 0)
            return (int)i;
    }
    return -1;
}

static int add_word(void *ud, const marsad_token *tk)
{
    collect *c = ud;
    if (tk->type == MARSAD_TOKEN_PUNCT || tk->type == MARSAD_TOKEN_SYMBOL)
        return 0;
    if (c->nw >= c->stop_at) {
        c->stopped = 1;
        return 1;
    }
    if (c->nw == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        word *w = realloc(c->w, cap * sizeof *w);
        if (!w) {
            c->oom = 1;
            return 1;
        }
        c->w = w;
        c->cap = cap;
    }
    word *w = &c->w[c->nw++];
    w->start = tk->start;
    w->end = tk->end;
    w->term = -1;
    if (!(tk->flags & MARSAD_TOKEN_STOPWORD)) {
        char buf[256];
        const char *s;
        size_t n = mt_term(tk, c->text, 0, 0, buf, sizeof buf, &s);
        if (n)
            w->term = match_term(c->match, s, n);
        /* prefix terms may also meet the clitic-free word */
        if (w->term < 0 && n && c->match->any_prefix) {
            n = mt_term(tk, c->text, 1, 0, buf, sizeof buf, &s);
            int k = match_term(c->match, s, n);
            if (k >= 0 && c->match->t[k].prefix)
                w->term = k;
        }
        if (w->term >= 0 && c->all) {
            c->seen |= 1ull << w->term;
            if (c->seen == c->all && c->stop_at == (size_t)-1)
                c->stop_at = c->nw + c->words;
        }
    }
    return 0;
}

static void score(const word *w, size_t from, size_t to, int *distinct,
                  int *hits)
{
    unsigned char seen[MAX_TERMS];
    memset(seen, 0, sizeof seen);
    *distinct = 0;
    *hits = 0;
    for (size_t i = from; i < to; i++) {
        if (w[i].term < 0)
            continue;
        (*hits)++;
        if (!seen[w[i].term]) {
            seen[w[i].term] = 1;
            (*distinct)++;
        }
    }
}

static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* … */

int msn_make(marsad_analyzer *an, const msn_terms *t, const char *text,
             size_t len, size_t words, msn_snippet *out)
{
    memset(out, 0, sizeof *out);
    if (words < 4)
        words = 4;
    collect c;
    memset(&c, 0, sizeof c);
    c.match = t;
    c.text = text;
    c.textlen = len;
    c.words = words;
    c.stop_at = (size_t)-1;
    c.all = t->n == 0 ? 0 : t->n >= 64 ? ~0ull : (1ull << t->n) - 1;
    marsad_analyzer_reset(an);
    marsad_analyze(an, text, len, add_word, &c);
    if (c.oom) {
        free(c.w);
        return -1;
    }
    size_t best = 0;
    int bd = -1, bh = -1;
    for (size_t i = 0; i < c.nw; i++) {
        if (c.w[i].term < 0)
            continue;
        size_t from = i > LEAD ? i - LEAD : 0;
        size_t to = from + words < c.nw ? from + words : c.nw;
        int d, h;
        score(c.w, from, to, &d, &h);
        if (d > bd || (d == bd && h > bh)) {
            bd = d;
            bh = h;
            best = from;
        }
    }
    size_t to = best + words < c.nw ? best + words : c.nw;
    size_t bs = c.nw ? c.w[best].start : 0;
    size_t be = c.nw ? c.w[to - 1].end : 0;
    /* take the closing punctuation of the last word along */
    while (be < len && (unsigned char)text[be] > ' ' &&
           (unsigned char)text[be] < 0x80 && text[be] != '(')
        be++;
    int cut_head = best > 0, cut_tail = to < c.nw || c.stopped;
    size_t cap = (be - bs) + 2 * sizeof ELLIPSIS + 2;
    out->text = malloc(cap);
    size_t nh = 0;
    for (size_t i = best; i < to; i++)
        nh += c.w[i].term >= 0;
    out->hits = nh ? malloc(nh * sizeof *out->hits) : NULL;
    if (!out->text || (nh && !out->hits)) {
        free(c.w);
        msn_free(out);
        return -1;
    }
    size_t o = 0;
    if (cut_head) {
        memcpy(out->text, ELLIPSIS, 3);
        out->text[3] = ' ';
        o = 4;
    }
    size_t shift = o - bs; /* modular: offset in snippet = offset + shift */
    for (size_t i = bs; i < be; i++) {
        char ch = text[i];
        out->text[o++] = (ch == '\n' || ch == '\r' || ch == '\t') ? ' ' : ch;
    }
    if (cut_tail) {
        out->text[o++] = ' ';
        memcpy(out->text + o, ELLIPSIS, 3);
        o += 3;
    }
    out->text[o] = 0;
    out->len = o;
    for (size_t i = best; i < to; i++)
        if (c.w[i].term >= 0) {
            out->hits[out->nhits].start = c.w[i].start + shift;
            out->hits[out->nhits].end = c.w[i].end + shift;
            out->nhits++;
        }
    free(c.w);
    return 0;
}

void msn_free(msn_snippet *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->hits);
    memset(s, 0, sizeof *s);
}
