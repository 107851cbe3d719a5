/*
 * snippet.h - query-dependent snippets of the original text.
 */
#ifndef MARSAD_SNIPPET_H
#define MARSAD_SNIPPET_H

#include <stddef.h>

#include "marsad.h"

typedef struct msn_terms msn_terms;

/* Index terms of the query words (as typed; a trailing '*' marks a
 * prefix).  NULL when out of memory. */
msn_terms *msn_terms_new(marsad_analyzer *an, const char *const *words,
                         size_t nwords);
void msn_terms_free(msn_terms *t);

typedef struct msn_span {
    size_t start, end; /* byte offsets into the snippet text */
} msn_span;

typedef struct msn_snippet {
    char *text;       /* the snippet (malloc): original bytes, with "…"
                         where it cuts the text */
    size_t len;
    msn_span *hits;   /* matched words, offsets into text */
    size_t nhits;
} msn_snippet;

/*
 * The best window of about `words` words of text[0..len) for the terms:
 * the one that holds the most distinct query terms, then the most
 * matches; the start of the text when nothing matches.  Returns 0, or -1
 * when out of memory.
 */
int msn_make(marsad_analyzer *an, const msn_terms *t, const char *text,
             size_t len, size_t words, msn_snippet *out);
void msn_free(msn_snippet *s);

#endif
