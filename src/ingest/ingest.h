/*
 * ingest.h - reading, cleaning and storing articles (`marsad ingest`).
 */
#ifndef MARSAD_INGEST_H
#define MARSAD_INGEST_H

#include <stdio.h>

#include "clean/clean.h"
#include "ingest/source.h"
#include "store/store.h"

typedef struct mi_options {
    int progress;      /* draw a progress bar on stderr */
    int force;         /* re-read files that are unchanged since last time */
    long batch;        /* articles per transaction (0: default) */
    const char *args;  /* command line, recorded with the run */
    FILE *errors;      /* where problems are reported (stderr if NULL) */
} mi_options;

/*
 * Ingest the files and directories in paths into db.  Every problem is
 * reported with the file (and line) it concerns; the other inputs are
 * still read.  Returns 0 when every input was read, 1 when some input or
 * record failed, -1 when the database itself failed (what was committed
 * before stays).  *st receives the counts.
 */
int mi_ingest(md_db *db, const char *const *paths, size_t npaths,
              const mi_options *opt, md_run_stats *st);

/* Clean one document as ingest does: HTML or text by its kind. */
int mi_clean(const ms_doc *d, mc_sitemem *mem, mc_result *out);

/* Print a problem as "marsad: FILE[:LINE]: [warning: ]MSG". */
void mi_print_problem(FILE *f, int severity, const char *path, long line,
                      const char *msg);

#endif
