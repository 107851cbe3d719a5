/*
 * fts5_marsad.h - registering the 'marsad' FTS5 tokenizer on a connection.
 */
#ifndef MARSAD_FTS5_MARSAD_H
#define MARSAD_FTS5_MARSAD_H

#ifndef MARSAD_EXTENSION
#include <sqlite3.h>
#endif

#include <stddef.h>

#include "marsad.h"

/* Receives the terms of documents as they are indexed. */
typedef struct mt_sink {
    int active;                 /* 0: ignore documents */
    void (*column)(void *ud);   /* a column starts */
    void (*term)(void *ud, const char *term, size_t n);
    void *ud;
} mt_sink;

/* Registers tokenize='marsad' on db; sink may be NULL.  Returns an SQLite
 * result code. */
int mt_register(sqlite3 *db, mt_sink *sink);

/* The term the index holds for a token of text (the analyzer's input):
 * its stem, or for prefix queries the clitic-free word or its stem (see
 * fts5_marsad.c).  Returns its length, 0 for tokens that are never
 * indexed (punctuation, symbols); *term points into tk or into buf. */
size_t mt_term(const marsad_token *tk, const char *text, int prefix,
               int nostem, char *buf, size_t cap, const char **term);

#endif
