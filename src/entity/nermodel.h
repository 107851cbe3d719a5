/*
 * nermodel.h - finding and reading the entity recognizer's model file.
 */
#ifndef MARSAD_NERMODEL_H
#define MARSAD_NERMODEL_H

#include <stddef.h>

#include "marsad.h"

typedef struct mx_model {
    void *data;        /* the file's bytes (8-byte aligned) */
    size_t len;
    marsad_ner *ner;   /* a tagger over them */
    char path[4096];   /* where it was found */
} mx_model;

/*
 * Opens the model: `path` when given, else $MARSAD_NER_MODEL, else
 * models/ner.model beside or above the running program (a build tree
 * inside the source tree), else the installed copy.  Returns 0, or -1
 * with a message naming the file and the problem in err.
 */
int mx_model_open(mx_model *m, const char *path, char *err, size_t errlen);
void mx_model_close(mx_model *m);

/*
 * A data file shipped with marsad: models/NAME beside or above the
 * running program (a build tree inside the source tree), else the
 * installed copy.  Writes the path into out; returns 1 when it exists.
 */
int mx_data_find(const char *name, char *out, size_t cap);

#endif
