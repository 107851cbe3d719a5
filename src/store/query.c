/*
 * query.c - the search query language of query.h, translated to an FTS5
 * MATCH expression.
 *
 * Three stages, all in one call of mq_parse:
 *
 * 1. Lexing.  The query (checked for length and UTF-8 first) is cut into
 *    tokens: '(' ')' '|', the operator words AND OR NOT, a '-' that starts
 *    a word, group or phrase, phrases between quotes (" ", « », “ ” where
 *    either curly quote opens and closes, as right-to-left typing often
 *    swaps them) and words.  A word runs up to white space, a parenthesis,
 *    '|' or a quote; trailing '*'s make it a prefix, and a '*' right after
 *    a closing quote makes the phrase's last word one.  A stray » is a
 *    separator.  An unterminated phrase runs to the end of the query.
 *
 * 2. Parsing, by recursive descent over
 *        or    := and { OR and }
 *        and   := { [AND] unary }
 *        unary := { NOT | '-' } primary
 *        primary := WORD | PHRASE | '(' or [')']
 *    Each word or phrase is analyzed at once with the caller's analyzer;
 *    the tokens that the marsad FTS5 tokenizer would index (Arabic,
 *    Latin, number and percent tokens, minus stop words when the index
 *    drops them) are kept.  A term with no such token is dropped, and so
 *    are operators left with nothing to act on.  Every parse function
 *    returns a "literal": a node that is positive or negated, or nothing.
 *    Nodes are terms, AND nodes (positive operands, then operands to
 *    exclude) and OR nodes.  Operands of the same kind are merged
 *    (a AND (b AND c) is one AND of three), excluded operands are moved
 *    behind the positive ones (FTS5's NOT is binary: "-b a" becomes
 *    "a NOT b"), a group of only excluded operands is one negated OR
 *    (-a -b is NOT (a OR b)), and an OR of only excluded operands is one
 *    negated AND (-a OR -b is NOT (a AND b)).  An OR mixing excluded and
 *    positive alternatives has no FTS5 form and is an error, as is a
 *    query that is negated as a whole.
 *
 * 3. Output.  Each term is one FTS5 string: the surfaces of its kept
 *    tokens, as typed, joined by single spaces, in double quotes (a word
 *    that the analyzer splits, like covid-19, becomes the phrase
 *    "covid 19"), followed by " *" for a prefix.  FTS5 runs the string
 *    through the marsad tokenizer again, so clitics, spelling folds and
 *    stems apply at match time.  Operators are written explicitly (AND,
 *    OR, NOT in upper case) and parentheses only where FTS5's precedence
 *    (NOT over AND over OR) needs them, plus around two or more positive
 *    operands that precede a NOT.
 *
 * FTS5 parses MATCH expressions with a fixed stack of 100 entries, and a
 * right-nested expression such as a AND (b OR (c AND (d ...))) uses
 * several entries per level.  plan() computes the stack the expression
 * needs, counting the entries FTS5's grammar keeps pending at each point;
 * where a subexpression gets deep it moves the most deeply nested
 * positive operand of that AND or OR to the front (both are commutative,
 * and a left-nested expression uses one entry per level).  A query that
 * still needs more than FTS5_STACK_BUDGET is refused rather than handed
 * to FTS5.
 *
 * Memory: every node is linked into a list on the parser and freed at the
 * end; the analyzer's tokens go into one array sized by the query length,
 * so the token callback never allocates.  No state outlives a call.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

/* Entries of FTS5's parser stack an expression may use: the stack has
 * 100 (fts5YYSTACKDEPTH) and one holds the parser's base state.  With
 * the counting in chain_need, every expression needing up to 99 entries
 * parses and every one needing 100 overflows. */
#define FTS5_STACK_BUDGET 99

#if defined(__GNUC__)
#define MQ_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MQ_PRINTF(a, b)
#endif

/* ------------------------------------------------------------ types */

enum tok_kind {
    TK_END,
    TK_LPAREN,
    TK_RPAREN,
    TK_OR,
    TK_AND,
    TK_NOT,
    TK_MINUS,
    TK_WORD,
    TK_PHRASE
};

struct tok {
    int kind;
    size_t pos;   /* byte offset where the token starts */
    size_t start; /* a word's bytes (without trailing '*'), a phrase's */
    size_t end;   /* content (without quotes) */
    int prefix;   /* the word or the phrase's last word is a prefix */
};

struct span {
    size_t start, end;
};

enum node_kind { N_TERM = 1, N_AND, N_OR };

struct vec {
    struct node **v;
    size_t n, cap;
};

struct node {
    int kind;
    struct node *next_alloc; /* every node of one parse, for freeing */
    /* N_TERM */
    char *text;         /* the FTS5 string, quotes and " *" included */
    int prefix;
    struct span *spans; /* typed words, for mq_query.words */
    size_t nspans;
    /* N_AND: pos AND pos ... NOT neg NOT neg ...; N_OR: pos OR pos ... */
    struct vec pos, neg;
    int need; /* parser stack entries, set by plan() */
};

/* A parse result: node, possibly negated; node NULL for nothing. */
struct lit {
    struct node *node;
    int neg;
    size_t pos; /* byte offset, for messages */
};

/* A token of a term that the index holds. */
struct cand {
    size_t start, end; /* its surface, offsets into the query */
    size_t piece;      /* which white-space separated piece it is in */
    int stop;          /* flagged as a stop word */
    int keep;
};

struct parser {
    const char *q;
    size_t n;
    marsad_analyzer *an;
    int drop_stop;
    size_t p; /* lexer position */
    struct tok look;
    int have_look;
    int literal_next; /* the next word is a word even if it is AND/OR/NOT */
    size_t depth;
    size_t nterms;
    struct node *nodes;
    struct cand *cand;
    size_t ncand, capcand;
    size_t base;  /* offset of the text being analyzed */
    size_t piece; /* its piece number */
    char *err;
    size_t errcap;
};

struct buf {
    char *p;
    size_t n, cap;
};

/* ------------------------------------------------------------ helpers */

static int fail(struct parser *P, int rc, const char *fmt, ...)
    MQ_PRINTF(3, 4);

static int fail(struct parser *P, int rc, const char *fmt, ...)
{
    va_list ap;

    if (P->err && P->errcap) {
        va_start(ap, fmt);
        vsnprintf(P->err, P->errcap, fmt, ap);
        va_end(ap);
    }
    return rc;
}

static int buf_reserve(struct buf *b, size_t more)
{
    size_t cap;
    char *p;

    if (more <= b->cap - b->n)
        return 0;
    if (more > SIZE_MAX / 2 - b->n)
        return MARSAD_ENOMEM;
    cap = b->cap ? b->cap : 64;
    while (cap - b->n < more)
        cap *= 2;
    p = realloc(b->p, cap);
    if (!p)
        return MARSAD_ENOMEM;
    b->p = p;
    b->cap = cap;
    return 0;
}

static int buf_add(struct buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n + 1) != 0)
        return MARSAD_ENOMEM;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

static int buf_str(struct buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

static int vec_push(struct vec *v, struct node *x)
{
    struct node **p;
    size_t cap;

    if (v->n == v->cap) {
        cap = v->cap ? v->cap * 2 : 4;
        p = realloc(v->v, cap * sizeof *p);
        if (!p)
            return MARSAD_ENOMEM;
        v->v = p;
        v->cap = cap;
    }
    v->v[v->n++] = x;
    return 0;
}

static struct node *new_node(struct parser *P, int kind)
{
    struct node *nd = calloc(1, sizeof *nd);

    if (!nd)
        return NULL;
    nd->kind = kind;
    nd->next_alloc = P->nodes;
    P->nodes = nd;
    return nd;
}

static void free_nodes(struct parser *P)
{
    struct node *nd = P->nodes, *next;

    while (nd) {
        next = nd->next_alloc;
        free(nd->text);
        free(nd->spans);
        free(nd->pos.v);
        free(nd->neg.v);
        free(nd);
        nd = next;
    }
    P->nodes = NULL;
}

static int oom(struct parser *P)
{
    return fail(P, MARSAD_ENOMEM, "out of memory");
}

/* ------------------------------------------------------------ lexer */

/* White space and control characters: they separate words.  Format
 * controls such as ZWNJ are not here; the analyzer keeps them inside
 * Arabic words. */
static int is_space(uint32_t c)
{
    return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Which phrase a quote opens: 1 "...", 2 «...», 3 “...” (either curly
 * double quote opens, either closes); 0 for no quote. */
static int quote_open(uint32_t c)
{
    if (c == '"')
        return 1;
    if (c == 0xAB)
        return 2;
    if (c == 0x201C || c == 0x201D)
        return 3;
    return 0;
}

static int quote_closes(int kind, uint32_t c)
{
    switch (kind) {
    case 1:
        return c == '"';
    case 2:
        return c == 0xBB;
    default:
        return c == 0x201C || c == 0x201D;
    }
}

/* Characters that end a word. */
static int is_break(uint32_t c)
{
    return is_space(c) || quote_open(c) || c == 0xBB || c == '(' ||
           c == ')' || c == '|';
}

static size_t decode_at(const struct parser *P, size_t i, uint32_t *c)
{
    return marsad_utf8_decode(P->q + i, P->n - i, c);
}

static void lex(struct parser *P, struct tok *t)
{
    const char *q = P->q;
    size_t n = P->n, i = P->p, j, k, len;
    uint32_t c = 0, c2;
    int literal = P->literal_next, kind;

    P->literal_next = 0;
    memset(t, 0, sizeof *t);
    for (;;) {
        if (i >= n) {
            t->kind = TK_END;
            t->pos = n;
            P->p = n;
            return;
        }
        len = decode_at(P, i, &c);
        if (!is_space(c) && c != 0xBB)
            break;
        i += len;
    }
    t->pos = i;
    if (c == '(' || c == ')' || c == '|') {
        t->kind = c == '(' ? TK_LPAREN : c == ')' ? TK_RPAREN : TK_OR;
        P->p = i + 1;
        return;
    }
    if ((kind = quote_open(c)) != 0) {
        t->kind = TK_PHRASE;
        t->start = i + len;
        t->end = n;
        j = t->start;
        while (j < n) {
            k = decode_at(P, j, &c2);
            if (quote_closes(kind, c2)) {
                t->end = j;
                j += k;
                break;
            }
            j += k;
        }
        while (j < n && q[j] == '*') {
            t->prefix = 1;
            j++;
        }
        P->p = j;
        return;
    }
    if (c == '-') {
        j = i;
        while (j < n && q[j] == '-')
            j++;
        if (j < n) {
            decode_at(P, j, &c2);
            if (!is_space(c2) && c2 != 0xBB && c2 != ')' && c2 != '|') {
                t->kind = TK_MINUS;
                P->p = j;
                P->literal_next = 1;
                return;
            }
        }
    }
    j = i;
    while (j < n) {
        len = decode_at(P, j, &c2);
        if (is_break(c2))
            break;
        j += len;
    }
    P->p = j;
    t->kind = TK_WORD;
    t->start = i;
    t->end = j;
    k = j;
    while (k > i && q[k - 1] == '*')
        k--;
    if (k > i && k < j) {
        t->prefix = 1;
        t->end = k;
    }
    if (!literal && !t->prefix) {
        len = j - i;
        if (len == 3 && memcmp(q + i, "AND", 3) == 0)
            t->kind = TK_AND;
        else if (len == 2 && memcmp(q + i, "OR", 2) == 0)
            t->kind = TK_OR;
        else if (len == 3 && memcmp(q + i, "NOT", 3) == 0)
            t->kind = TK_NOT;
    }
}

static const struct tok *peek(struct parser *P)
{
    if (!P->have_look) {
        lex(P, &P->look);
        P->have_look = 1;
    }
    return &P->look;
}

static void advance(struct parser *P)
{
    P->have_look = 0;
}

/* ------------------------------------------------------------ terms */

static int on_token(void *ud, const marsad_token *t)
{
    struct parser *P = ud;
    struct cand *c;

    if (t->type != MARSAD_TOKEN_ARABIC && t->type != MARSAD_TOKEN_LATIN &&
        t->type != MARSAD_TOKEN_NUMBER && t->type != MARSAD_TOKEN_PERCENT)
        return 0;
    /* a token spans at least one byte, so capcand (query length + 1)
     * is never reached */
    if (P->ncand == P->capcand)
        return MARSAD_ETOOBIG;
    c = &P->cand[P->ncand++];
    c->start = P->base + t->start;
    c->end = P->base + t->end;
    c->piece = P->piece;
    c->stop = (t->flags & MARSAD_TOKEN_STOPWORD) != 0;
    c->keep = 0;
    return 0;
}

static int analyze_piece(struct parser *P, size_t start, size_t end)
{
    int rc;

    P->base = start;
    rc = marsad_analyze(P->an, P->q + start, end - start, on_token, P);
    if (rc != MARSAD_OK)
        return fail(P, rc == MARSAD_ENOMEM ? MARSAD_ENOMEM : MARSAD_EINVAL,
                    "analysis of the word at byte %zu failed: %s", start,
                    marsad_strerror(rc));
    return 0;
}

/* Analyzes the word or phrase t; lit->node is its term, or NULL when the
 * index holds none of its tokens. */
static int make_term(struct parser *P, const struct tok *t, struct lit *lit)
{
    struct node *nd;
    struct buf b = {NULL, 0, 0};
    size_t i, j, len, npieces = 0, nkeep = 0, piece = 0;
    int first;
    uint32_t c;
    int rc;

    lit->node = NULL;
    lit->neg = 0;
    lit->pos = t->pos;
    P->ncand = 0;
    if (t->kind == TK_WORD) {
        P->piece = 0;
        if ((rc = analyze_piece(P, t->start, t->end)) != 0)
            return rc;
    } else {
        /* a phrase: each white-space separated piece is one typed word */
        i = t->start;
        while (i < t->end) {
            len = decode_at(P, i, &c);
            if (is_space(c)) {
                i += len;
                continue;
            }
            j = i;
            while (j < t->end) {
                len = decode_at(P, j, &c);
                if (is_space(c))
                    break;
                j += len;
            }
            P->piece = npieces++;
            if ((rc = analyze_piece(P, i, j)) != 0)
                return rc;
            i = j;
        }
    }
    /* the tokenizer drops stop words in prefix queries too, so a prefix
     * that is a stop word (من*) goes like the stop word */
    for (i = 0; i < P->ncand; i++) {
        struct cand *cd = &P->cand[i];
        cd->keep = !(P->drop_stop && cd->stop);
        nkeep += cd->keep != 0;
    }
    if (nkeep == 0)
        return 0;

    nd = new_node(P, N_TERM);
    if (!nd)
        return oom(P);
    nd->prefix = t->prefix;
    nd->spans = malloc(nkeep * sizeof *nd->spans);
    if (!nd->spans)
        return oom(P);
    if (buf_add(&b, "\"", 1) != 0)
        goto nomem;
    first = 1;
    for (i = 0; i < P->ncand; i++) {
        const struct cand *cd = &P->cand[i];
        if (!cd->keep)
            continue;
        if (!first && buf_add(&b, " ", 1) != 0)
            goto nomem;
        /* doubles any '"' (the lexer leaves none inside a term) */
        for (j = cd->start; j < cd->end; j++) {
            if (buf_add(&b, P->q + j, 1) != 0 ||
                (P->q[j] == '"' && buf_add(&b, "\"", 1) != 0))
                goto nomem;
        }
        /* one span per typed word, from its first kept token to its
         * last */
        if (!first && cd->piece == piece)
            nd->spans[nd->nspans - 1].end = cd->end;
        else {
            nd->spans[nd->nspans].start = cd->start;
            nd->spans[nd->nspans].end = cd->end;
            nd->nspans++;
            piece = cd->piece;
        }
        first = 0;
    }
    if (buf_str(&b, t->prefix ? "\" *" : "\"") != 0)
        goto nomem;
    nd->text = b.p;
    lit->node = nd;
    return 0;
nomem:
    free(b.p);
    return oom(P);
}

/* ------------------------------------------------------------ parser */

static int parse_or(struct parser *P, struct lit *out);

/* Adds x to acc's positive operands; an operand of acc's own kind gives
 * its operands instead (for AND, its excluded ones too). */
static int merge_into(struct node *acc, struct node *x)
{
    size_t i;

    if (x->kind != acc->kind)
        return vec_push(&acc->pos, x);
    for (i = 0; i < x->pos.n; i++)
        if (vec_push(&acc->pos, x->pos.v[i]) != 0)
            return MARSAD_ENOMEM;
    for (i = 0; i < x->neg.n; i++)
        if (vec_push(&acc->neg, x->neg.v[i]) != 0)
            return MARSAD_ENOMEM;
    return 0;
}

static int parse_primary(struct parser *P, struct lit *out)
{
    const struct tok *t = peek(P);
    struct tok word;
    size_t open;
    int rc;

    out->node = NULL;
    out->neg = 0;
    out->pos = t->pos;
    if (t->kind == TK_WORD || t->kind == TK_PHRASE) {
        word = *t;
        advance(P);
        if (++P->nterms > MQ_MAX_TERMS)
            return fail(P, MARSAD_ETOOBIG,
                        "too many terms: the one at byte %zu is term %zu "
                        "(at most %d)",
                        word.pos, P->nterms, MQ_MAX_TERMS);
        return make_term(P, &word, out);
    }
    if (t->kind != TK_LPAREN)
        return 0;
    open = t->pos;
    advance(P);
    if (P->depth >= MQ_MAX_DEPTH)
        return fail(P, MARSAD_ETOOBIG,
                    "parentheses nested too deeply at byte %zu (at most %d "
                    "levels)",
                    open, MQ_MAX_DEPTH);
    P->depth++;
    rc = parse_or(P, out);
    P->depth--;
    if (rc != 0)
        return rc;
    /* a group left open is closed by the end of the query */
    if (peek(P)->kind == TK_RPAREN)
        advance(P);
    if (!out->neg)
        out->pos = open;
    return 0;
}

static int parse_unary(struct parser *P, struct lit *out)
{
    size_t start = peek(P)->pos;
    int neg = 0, kind, rc;

    while ((kind = peek(P)->kind) == TK_NOT || kind == TK_MINUS) {
        neg ^= 1;
        advance(P);
    }
    out->node = NULL;
    out->neg = 0;
    out->pos = start;
    /* a NOT with nothing to exclude is ignored */
    if (kind != TK_WORD && kind != TK_PHRASE && kind != TK_LPAREN)
        return 0;
    if ((rc = parse_primary(P, out)) != 0)
        return rc;
    if (neg) {
        out->neg ^= 1;
        out->pos = start;
    }
    return 0;
}

static int parse_and(struct parser *P, struct lit *out)
{
    struct node *acc, *alt;
    struct lit item;
    size_t i, start = peek(P)->pos, negpos = 0;
    int kind, rc;

    out->node = NULL;
    out->neg = 0;
    out->pos = start;
    acc = new_node(P, N_AND);
    if (!acc)
        return oom(P);
    for (;;) {
        kind = peek(P)->kind;
        if (kind == TK_END || kind == TK_RPAREN || kind == TK_OR)
            break;
        if (kind == TK_AND) { /* explicit, doubled or dangling: all alike */
            advance(P);
            continue;
        }
        if ((rc = parse_unary(P, &item)) != 0)
            return rc;
        if (!item.node)
            continue;
        if (item.neg) {
            if (acc->neg.n == 0)
                negpos = item.pos;
            rc = vec_push(&acc->neg, item.node);
        } else
            rc = merge_into(acc, item.node);
        if (rc != 0)
            return oom(P);
    }
    if (acc->pos.n == 0 && acc->neg.n == 0)
        return 0;
    if (acc->pos.n == 0) {
        /* only excluded operands: -a -b is NOT (a OR b) */
        out->neg = 1;
        out->pos = negpos;
        if (acc->neg.n == 1) {
            out->node = acc->neg.v[0];
            return 0;
        }
        alt = new_node(P, N_OR);
        if (!alt)
            return oom(P);
        for (i = 0; i < acc->neg.n; i++)
            if (merge_into(alt, acc->neg.v[i]) != 0)
                return oom(P);
        out->node = alt;
        return 0;
    }
    if (acc->pos.n == 1 && acc->neg.n == 0)
        out->node = acc->pos.v[0];
    else
        out->node = acc;
    return 0;
}

static int parse_or(struct parser *P, struct lit *out)
{
    struct node *alt, *all;
    struct lit item, one = {NULL, 0, 0};
    size_t count = 0, npos = 0, nneg = 0, negpos = 0;
    int rc;

    out->node = NULL;
    out->neg = 0;
    out->pos = peek(P)->pos;
    alt = new_node(P, N_OR);  /* the positive alternatives */
    all = new_node(P, N_AND); /* what the excluded ones exclude */
    if (!alt || !all)
        return oom(P);
    for (;;) {
        if ((rc = parse_and(P, &item)) != 0)
            return rc;
        if (item.node) {
            count++;
            one = item;
            if (item.neg) {
                if (nneg++ == 0)
                    negpos = item.pos;
                rc = merge_into(all, item.node);
            } else {
                npos++;
                rc = merge_into(alt, item.node);
            }
            if (rc != 0)
                return oom(P);
        }
        if (peek(P)->kind != TK_OR)
            break;
        advance(P); /* OR, also doubled or dangling */
    }
    if (count == 0)
        return 0;
    if (count == 1) {
        *out = one;
        return 0;
    }
    if (npos && nneg)
        return fail(P, MARSAD_EINVAL,
                    "an excluded term cannot be an OR alternative (byte "
                    "%zu): exclude it from the whole group instead, as in "
                    "(a OR b) -c",
                    negpos);
    if (nneg) {
        /* -a OR -b is NOT (a AND b) */
        out->node = all;
        out->neg = 1;
        out->pos = negpos;
    } else
        out->node = alt;
    return 0;
}

/* ------------------------------------------------------------ output */

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* Stack entries for x written in parentheses: '(' under x's own, and
 * '(' expr ')' before the reduction. */
static int paren_need(int inner)
{
    return max_int(inner + 1, 3);
}

/* Whether an operand is written in parentheses: a positive operand of
 * AND that is an OR, an excluded operand that is not a term. */
static int pos_parens(const struct node *parent, const struct node *c)
{
    return parent->kind == N_AND ? c->kind != N_TERM : c->kind == N_OR;
}

static int operand_need(const struct node *c, int parens)
{
    return parens ? paren_need(c->need) : c->need;
}

/*
 * The stack entries nd needs as written, its operands' needs being set.
 * For a chain x1 op x2 op ... (op left associative) the parser holds
 * "expr op" (2 entries) while it reads x2, x3, ..., and 3 entries at
 * each reduction.  A term takes 2 (STRING and the optional STAR).  For
 * AND with excluded operands, the positive part (in parentheses when it
 * has two or more operands) is followed by "NOT x" for each, read with
 * "expr NOT" pending.
 */
static int chain_need(const struct node *nd)
{
    size_t i;
    int chain;

    chain = operand_need(nd->pos.v[0], pos_parens(nd, nd->pos.v[0]));
    for (i = 1; i < nd->pos.n; i++)
        chain = max_int(chain, 2 + operand_need(nd->pos.v[i],
                                                pos_parens(nd, nd->pos.v[i])));
    if (nd->pos.n > 1)
        chain = max_int(chain, 3);
    if (nd->neg.n) {
        if (nd->pos.n > 1)
            chain = paren_need(chain);
        for (i = 0; i < nd->neg.n; i++)
            chain = max_int(chain,
                            2 + operand_need(nd->neg.v[i],
                                             nd->neg.v[i]->kind != N_TERM));
        chain = max_int(chain, 3);
    }
    return chain;
}

/*
 * Sets need on every node.  Where the operands in typed order need more
 * than REORDER_AT entries, the neediest positive operand moves to the
 * front, which makes the nesting left-recursive: one entry per level
 * instead of up to five.  Shallow queries keep their typed order.
 */
#define REORDER_AT 24

static void plan(struct node *nd)
{
    size_t i, best;
    int need, nb;
    struct node *tmp;

    if (nd->kind == N_TERM) {
        nd->need = 2;
        return;
    }
    for (i = 0; i < nd->pos.n; i++)
        plan(nd->pos.v[i]);
    for (i = 0; i < nd->neg.n; i++)
        plan(nd->neg.v[i]);
    nd->need = chain_need(nd);
    if (nd->need <= REORDER_AT)
        return;
    best = 0;
    nb = operand_need(nd->pos.v[0], pos_parens(nd, nd->pos.v[0]));
    for (i = 1; i < nd->pos.n; i++) {
        need = operand_need(nd->pos.v[i], pos_parens(nd, nd->pos.v[i]));
        if (need > nb) {
            nb = need;
            best = i;
        }
    }
    if (best) {
        tmp = nd->pos.v[best];
        memmove(nd->pos.v + 1, nd->pos.v, best * sizeof *nd->pos.v);
        nd->pos.v[0] = tmp;
        nd->need = chain_need(nd);
    }
}

static int emit(struct buf *b, const struct node *nd);

static int emit_operand(struct buf *b, const struct node *c, int parens)
{
    if (parens && buf_add(b, "(", 1) != 0)
        return MARSAD_ENOMEM;
    if (emit(b, c) != 0)
        return MARSAD_ENOMEM;
    if (parens && buf_add(b, ")", 1) != 0)
        return MARSAD_ENOMEM;
    return 0;
}

static int emit(struct buf *b, const struct node *nd)
{
    size_t i;
    int wrap;

    if (nd->kind == N_TERM)
        return buf_str(b, nd->text);
    wrap = nd->kind == N_AND && nd->pos.n > 1 && nd->neg.n > 0;
    if (wrap && buf_add(b, "(", 1) != 0)
        return MARSAD_ENOMEM;
    for (i = 0; i < nd->pos.n; i++) {
        if (i && buf_str(b, nd->kind == N_AND ? " AND " : " OR ") != 0)
            return MARSAD_ENOMEM;
        if (emit_operand(b, nd->pos.v[i], pos_parens(nd, nd->pos.v[i])) != 0)
            return MARSAD_ENOMEM;
    }
    if (wrap && buf_add(b, ")", 1) != 0)
        return MARSAD_ENOMEM;
    for (i = 0; i < nd->neg.n; i++) {
        if (buf_str(b, " NOT ") != 0 ||
            emit_operand(b, nd->neg.v[i], nd->neg.v[i]->kind != N_TERM) != 0)
            return MARSAD_ENOMEM;
    }
    return 0;
}

static int add_word(mq_query *out, const char *s, size_t n)
{
    char **w, *copy;
    size_t i;

    for (i = 0; i < out->nwords; i++)
        if (strlen(out->words[i]) == n && memcmp(out->words[i], s, n) == 0)
            return 0;
    w = realloc(out->words, (out->nwords + 1) * sizeof *w);
    if (!w)
        return MARSAD_ENOMEM;
    out->words = w;
    copy = malloc(n + 1);
    if (!copy)
        return MARSAD_ENOMEM;
    memcpy(copy, s, n);
    copy[n] = '\0';
    out->words[out->nwords++] = copy;
    return 0;
}

/* Collects the words of positive terms and notes prefix terms. */
static int collect(const struct parser *P, const struct node *nd,
                   int positive, mq_query *out)
{
    size_t i;

    if (nd->kind == N_TERM) {
        if (nd->prefix)
            out->prefix_any = 1;
        if (positive)
            for (i = 0; i < nd->nspans; i++)
                if (add_word(out, P->q + nd->spans[i].start,
                             nd->spans[i].end - nd->spans[i].start) != 0)
                    return MARSAD_ENOMEM;
        return 0;
    }
    for (i = 0; i < nd->pos.n; i++)
        if (collect(P, nd->pos.v[i], positive, out) != 0)
            return MARSAD_ENOMEM;
    for (i = 0; i < nd->neg.n; i++)
        if (collect(P, nd->neg.v[i], !positive, out) != 0)
            return MARSAD_ENOMEM;
    return 0;
}

/* ------------------------------------------------------------ API */

static int translate(struct parser *P, mq_query *out)
{
    struct lit top;
    struct buf b = {NULL, 0, 0};
    size_t bad = 0;
    int rc;

    if (P->n > MQ_MAX_BYTES)
        return fail(P, MARSAD_ETOOBIG, "query too long: %zu bytes (at most %d)",
                    P->n, MQ_MAX_BYTES);
    if (P->n && marsad_utf8_validate(P->q, P->n, &bad) != MARSAD_OK)
        return fail(P, MARSAD_EUTF8, "invalid UTF-8 at byte %zu", bad);
    P->capcand = P->n + 1;
    P->cand = malloc(P->capcand * sizeof *P->cand);
    if (!P->cand)
        return oom(P);
    if ((rc = parse_or(P, &top)) != 0)
        return rc;
    if (peek(P)->kind == TK_RPAREN)
        return fail(P, MARSAD_EINVAL,
                    "unbalanced parenthesis: ')' at byte %zu has no "
                    "matching '('",
                    peek(P)->pos);
    if (P->nterms == 0)
        return fail(P, MARSAD_EINVAL, "empty query");
    if (!top.node)
        return fail(P, MARSAD_EINVAL,
                    "the query has only stop words or punctuation");
    if (top.neg)
        return fail(P, MARSAD_EINVAL,
                    "the query only excludes words (the NOT or - at byte "
                    "%zu); add a word to search for",
                    top.pos);
    plan(top.node);
    if (top.node->need > FTS5_STACK_BUDGET)
        return fail(P, MARSAD_ETOOBIG,
                    "the query is nested too deeply; use fewer parentheses");
    if (emit(&b, top.node) != 0) {
        free(b.p);
        return oom(P);
    }
    out->fts = b.p;
    if (collect(P, top.node, 1, out) != 0)
        return oom(P);
    return 0;
}

int mq_parse(const char *q, size_t n, marsad_analyzer *an, int drop_stop,
             mq_query *out, char *err, size_t errcap)
{
    struct parser P;
    int rc;

    memset(&P, 0, sizeof P);
    P.err = err;
    P.errcap = errcap;
    if (err && errcap)
        err[0] = '\0';
    if (!out)
        return fail(&P, MARSAD_EINVAL, "no query result to fill");
    memset(out, 0, sizeof *out);
    if (!an || (!q && n))
        return fail(&P, MARSAD_EINVAL, "%s",
                    an ? "the query text is NULL" : "no analyzer");
    P.q = q ? q : "";
    P.n = n;
    P.an = an;
    P.drop_stop = drop_stop != 0;
    rc = translate(&P, out);
    free_nodes(&P);
    free(P.cand);
    if (rc != 0)
        mq_free(out);
    return rc;
}

void mq_free(mq_query *q)
{
    size_t i;

    if (!q)
        return;
    free(q->fts);
    for (i = 0; i < q->nwords; i++)
        free(q->words[i]);
    free(q->words);
    memset(q, 0, sizeof *q);
}
