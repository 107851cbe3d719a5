/*
 * clean.h - boilerplate removal and article splitting for scraped news.
 *
 * The cleaner takes one input document (a plain-text page, an HTML page,
 * or the body of a JSON Lines record) and returns the articles it holds:
 * each with its cleaned body and the metadata found on the way (title,
 * author, outlet, date, dateline, credits).  What it removes is reported
 * as byte ranges of the input with a reason, so that callers can explain
 * their decisions (`marsad clean --explain`).
 *
 * Cleaning is pure computation on memory: no I/O.  The HTML half uses
 * libxml2's HTML parser; the text half uses nothing but libc.
 */
#ifndef MARSAD_CLEAN_H
#define MARSAD_CLEAN_H

#include <stddef.h>

/* Metadata of one article.  Every field is a NUL-terminated UTF-8 string
 * owned by the structure (malloc), or NULL when unknown. */
typedef struct mc_meta {
    char *title;    /* headline */
    char *author;   /* byline, without "بقلم" and the like */
    char *source;   /* outlet or site name ("أخبار البلد", "alarabiya") */
    char *date;     /* publication date, ISO 8601 when it could be parsed */
    char *url;      /* canonical URL */
    char *dateline; /* place line at the start of the body ("موسكو") */
    char *credit;   /* photo credit, syndication or copyright line */
} mc_meta;

/* One article found in a document. */
typedef struct mc_article {
    mc_meta meta;
    char *text;      /* cleaned body: kept paragraphs, each one's bytes as
                        in the input (trimmed), joined by a single '\n' */
    size_t len;      /* strlen(text) */
    size_t start;    /* byte range of the input the article came from */
    size_t end;
} mc_article;

/* One removed piece of the input. */
typedef struct mc_drop {
    size_t start, end;  /* byte range of the input */
    const char *reason; /* static string: "ticker", "repeated title",
                           "caption", "site label", "outlet prefix",
                           "comment prompt", "copyright", "navigation",
                           "boilerplate repeated across pages", ... */
} mc_drop;

typedef struct mc_result {
    mc_article *articles;
    size_t narticles;
    mc_drop *drops;
    size_t ndrops;
} mc_result;

/* Memory of lines seen on earlier pages of the same site, used to drop
 * boilerplate that repeats across pages.  Bounded in size; may be NULL
 * wherever it is accepted. */
typedef struct mc_sitemem mc_sitemem;

mc_sitemem *mc_sitemem_new(void);
void mc_sitemem_free(mc_sitemem *m);

/* Error codes (0 = success). */
enum { MC_OK = 0, MC_ENOMEM = 1, MC_EPARSE = 2 };

/*
 * Clean a plain-text document of n bytes of valid UTF-8 (the caller has
 * converted legacy encodings and replaced invalid bytes).  hint, when not
 * NULL, carries metadata already known from the container (for example the
 * title and source of a JSON Lines record); it is copied, never kept.
 * The result must be released with mc_result_free(), also on error.
 */
int mc_clean_text(const char *s, size_t n, const mc_meta *hint,
                  mc_sitemem *mem, mc_result *out);

/* Clean an HTML page (any encoding libxml2 detects; the result is UTF-8). */
int mc_clean_html(const char *s, size_t n, const mc_meta *hint,
                  mc_sitemem *mem, mc_result *out);

void mc_result_free(mc_result *r);
void mc_meta_free(mc_meta *m);
/* Deep copy; returns MC_ENOMEM on failure (dst is then left empty). */
int mc_meta_copy(mc_meta *dst, const mc_meta *src);

#endif
