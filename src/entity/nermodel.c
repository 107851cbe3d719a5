/*
 * nermodel.c - finding and reading the entity recognizer's model file.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entity/nermodel.h"

#ifndef MARSAD_DATADIR
#define MARSAD_DATADIR "/usr/local/share/marsad"
#endif

/* Reads the whole file into malloc'd memory (which is 8-byte aligned). */
static int slurp(const char *path, void **data, size_t *len, char *err,
                 size_t errlen)
{
    FILE *f = fopen(path, "rb");
    long n;
    void *buf;

    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        snprintf(err, errlen, "%s: cannot find its size", path);
        fclose(f);
        return -1;
    }
    buf = malloc(n ? (size_t)n : 1);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory (%ld bytes)", path, n);
        fclose(f);
        return -1;
    }
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        snprintf(err, errlen, "%s: read error", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    *data = buf;
    *len = (size_t)n;
    return 0;
}

int mx_data_find(const char *name, char *out, size_t cap)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        static const char *const rel[] = {"/../models/", "/models/",
                                          "/../share/marsad/"};
        char *slash;
        exe[n] = 0;
        slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                snprintf(out, cap, "%s%s%s", exe, rel[i], name);
                if (access(out, R_OK) == 0)
                    return 1;
            }
        }
    }
    snprintf(out, cap, "%s/%s", MARSAD_DATADIR, name);
    return access(out, R_OK) == 0;
}

int mx_model_open(mx_model *m, const char *path, char *err, size_t errlen)
{
    int e = 0;
    memset(m, 0, sizeof *m);
    if (!path)
        path = getenv("MARSAD_NER_MODEL");
    if (path && *path) {
        snprintf(m->path, sizeof m->path, "%s", path);
    } else if (!mx_data_find("ner.model", m->path, sizeof m->path)) {
        snprintf(err, errlen,
                 "no entity model found (looked beside the program and in "
                 "%s); give one with --model FILE or MARSAD_NER_MODEL",
                 MARSAD_DATADIR);
        return -1;
    }
    if (slurp(m->path, &m->data, &m->len, err, errlen))
        return -1;
    m->ner = marsad_ner_new(m->data, m->len, NULL, &e);
    if (!m->ner) {
        snprintf(err, errlen, "%s: %s", m->path,
                 e == MARSAD_ENOMEM ? "out of memory"
                                    : "not an entity model of this version "
                                      "of marsad (or damaged)");
        free(m->data);
        m->data = NULL;
        return -1;
    }
    return 0;
}

void mx_model_close(mx_model *m)
{
    marsad_ner_free(m->ner);
    free(m->data);
    memset(m, 0, sizeof *m);
}
