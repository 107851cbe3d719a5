/*
 * source.h - finding and reading input documents for ingest.
 *
 * ms_collect() expands the command line's paths (files and directories,
 * recursively, in a stable sorted order) into a list of files with their
 * sizes, so that progress can be shown in bytes.  ms_read() reads one file
 * and hands each document it holds to a callback: one document for a plain
 * text or HTML file, one per line for JSON Lines (.jsonl, .jsonl.gz,
 * .ndjson, .json with one object per line).  gzip is undone on the fly.
 *
 * Every document handed out is valid UTF-8: Windows-1256 text is detected
 * and converted with iconv, stray invalid bytes in UTF-8 text are replaced
 * with U+FFFD (and reported once per file as a warning).  Problems are
 * reported through the error callback with the file name, the line number
 * where there is one, and what was wrong; reading goes on where it can.
 */
#ifndef MARSAD_SOURCE_H
#define MARSAD_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "clean/clean.h"

typedef enum ms_kind { MS_TEXT = 0, MS_HTML = 1, MS_JSONL = 2 } ms_kind;

typedef struct ms_file {
    char *path;       /* as given or joined from a directory walk */
    uint64_t size;    /* bytes on disk */
    int64_t mtime;    /* seconds since the epoch */
    ms_kind kind;     /* from the name and the first bytes */
    int gzip;         /* 1 for .gz */
} ms_file;

typedef struct ms_list {
    ms_file *files;
    size_t n;
} ms_list;

/* One document.  Pointers are valid only during the callback. */
typedef struct ms_doc {
    const char *path;     /* the file */
    long line;            /* 1-based line for JSON Lines records, else 0 */
    ms_kind kind;         /* MS_TEXT or MS_HTML (JSONL records are MS_TEXT
                             bodies whose metadata is in meta) */
    const char *data;     /* the text, valid UTF-8 */
    size_t len;
    const char *ext_id;   /* JSON Lines "id", or NULL */
    const mc_meta *meta;  /* fields from the record (title, source, date,
                             url, author), or NULL for plain files */
    const char *encoding; /* "utf-8" or "windows-1256"; an HTML page
                             that is not UTF-8 and declares a charset
                             ("iso-8859-6") is passed as it is, with
                             that name here, for libxml2 to decode */
} ms_doc;

/* Severity of a reported problem. */
enum { MS_WARN = 0, MS_ERROR = 1 };

/* Return nonzero from a doc callback to stop reading (ms_read then
 * returns that value). */
typedef int (*ms_doc_fn)(const ms_doc *doc, void *ud);
/* line is 0 when the problem concerns the whole file. */
typedef void (*ms_err_fn)(int severity, const char *path, long line,
                          const char *msg, void *ud);
/* Called now and then with the number of bytes of the file consumed so
 * far (compressed bytes for .gz), for progress display. */
typedef void (*ms_progress_fn)(uint64_t done, void *ud);

/* Expand paths into files.  Paths that do not exist or cannot be listed
 * are reported through err (severity MS_ERROR) and counted in *nerrors.
 * Hidden files and directories (".name") met while walking a directory
 * are skipped.  Returns 0, or -1 when out of memory. */
int ms_collect(const char *const *paths, size_t npaths, ms_list *out,
               ms_err_fn err, void *ud, size_t *nerrors);
void ms_list_free(ms_list *l);

/* Read one file.  Returns 0 when the file was read to its end (possibly
 * with skipped records, reported as errors), 1 when the file as a whole
 * failed (unreadable, binary, empty, truncated gzip: reported; documents
 * handed out before a truncation point stay handed out), -1 when out of
 * memory, or the nonzero value a doc callback returned. */
int ms_read(const ms_file *f, ms_doc_fn doc, ms_err_fn err,
            ms_progress_fn progress, void *ud);

/* Read a file's content from memory, as ms_read would read a file named
 * name holding those bytes (gzip included, recognised by its magic
 * bytes).  For tests, fuzzing and input that is not a file.  Returns as
 * ms_read does. */
int ms_read_buffer(const char *name, ms_kind kind, const char *data,
                   size_t n, ms_doc_fn doc, ms_err_fn err, void *ud);

/* The kind of a file from its name (".jsonl", ".html.gz", ...) and, for
 * names that do not tell, its first n bytes (decompressed; head may be
 * NULL): '{' means JSON Lines, "<!doctype html", "<html", "<head" or
 * "<body" (any case, after a byte order mark and white space) HTML,
 * anything else plain text. */
ms_kind ms_guess_kind(const char *name, const char *head, size_t n);

/* "text", "html" or "jsonl". */
const char *ms_kind_name(ms_kind kind);

#endif
