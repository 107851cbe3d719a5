/*
 * query.h - the search query language, translated to an FTS5 expression.
 *
 * Syntax (documented for users in docs/search.md):
 *   word word        both words (AND is implied)
 *   word OR word     either word (also '|')
 *   NOT word, -word  exclude
 *   AND              explicit conjunction
 *   "a phrase"       words in this order, next to each other (also « »
 *                    and “ ”)
 *   word*            prefix
 *   ( ... )          grouping
 * Operators are the upper-case English words above; lower-case "or",
 * "and", "not" are ordinary words.  AND (written or implied) binds tighter
 * than OR: "a b OR c" means "(a b) OR c".  NOT and '-' apply to the one
 * word, phrase or group that follows them.
 *
 * The parser is forgiving where the meaning is clear: an unterminated
 * quote or '(' closes at the end of the query, and an operator with
 * nothing to act on ("a OR", "AND b", "a OR OR b", "a NOT") is ignored.
 * A ')' without its '(' is an error, since the group it meant cannot be
 * guessed.
 *
 * Every word reaches FTS5 as a quoted string, so FTS5 runs it through the
 * marsad tokenizer (clitics, spelling folds, stem) and no user input can
 * make an FTS5 syntax error.  Words that the index does not hold at all
 * (stop words when the index drops them, lone punctuation) are removed
 * before that, with their operators, so that "في" in "وزير في الحكومة"
 * does not make the query match nothing.
 */
#ifndef MARSAD_QUERY_H
#define MARSAD_QUERY_H

#include <stddef.h>

#include "marsad.h"

/* Limits; a query beyond one of them fails with MARSAD_ETOOBIG. */
#define MQ_MAX_BYTES 4096 /* length of the query text in bytes */
#define MQ_MAX_TERMS 64   /* words and phrases, stop words included */
#define MQ_MAX_DEPTH 32   /* levels of nested parentheses */

typedef struct mq_query {
    char *fts;      /* FTS5 MATCH expression (malloc), NUL-terminated */
    char **words;   /* the positive words and phrase words as typed
                       (malloc each), for highlighting; stop words and
                       surrounding punctuation left out, no duplicates */
    size_t nwords;
    int prefix_any; /* 1 if some word in fts is a prefix query */
} mq_query;

/* Returns 0 and fills out, or a nonzero code with a message in err
 * (for example: unbalanced parenthesis at byte 7; a query made only of
 * NOT terms; a query whose words are all stop words).
 * an is used to decide whether a word is indexed; drop_stop says whether
 * the index drops stop words.  out must be freed with mq_free, also on
 * error.
 *
 * The codes: MARSAD_EINVAL for a query that means nothing searchable
 * (empty, only stop words or punctuation, only excluded terms, an
 * excluded term as an OR alternative, a stray ')') or a NULL argument;
 * MARSAD_EUTF8 for invalid UTF-8; MARSAD_ETOOBIG for a query beyond the
 * limits above (or too deeply nested for the FTS5 parser); MARSAD_ENOMEM.
 * Messages give byte offsets counted from 0.  err may be NULL when
 * errcap is 0. */
int mq_parse(const char *q, size_t n, marsad_analyzer *an, int drop_stop,
             mq_query *out, char *err, size_t errcap);
void mq_free(mq_query *q);

#endif
