/*
 * entities.h - the entity pass over the store: mentions found in the
 * articles not yet read for entities, then every mention merged into
 * canonical entities (tables in src/store/store.c, docs/entities.md).
 */
#ifndef MARSAD_ENTITIES_H
#define MARSAD_ENTITIES_H

#include <stdint.h>
#include <stdio.h>

#include "entity/merge.h"
#include "store/store.h"

typedef struct mx_stats {
    int64_t articles; /* articles read for entities in this pass */
    int64_t found;    /* mentions found in them */
    int64_t mentions; /* mentions in the store after the pass */
    int64_t entities; /* entities after merging */
    double find_s;    /* seconds finding, and merging */
    double merge_s;
} mx_stats;

/*
 * Finds the mentions of every article without them (committing every few
 * thousand articles, so an interrupted pass keeps its work), then, when
 * anything changed or `remerge` is set, merges all mentions again.
 * Entity ids are kept from one merge to the next where an entity keeps
 * most of its mentions.  Draws progress on stderr when `progress`.
 * Returns 0, or -1 with a message in err.
 */
int mx_update(md_db *db, marsad_ner *ner, const me_aliases *al,
              int remerge, int progress, mx_stats *st, char *err,
              size_t errcap);

/* The alias table compiled into the program (src/entity/aliases.tsv). */
int mx_aliases_builtin(me_aliases *out);

/* Search-normalized lookup key of an entity name or variant: folded
 * spelling, clitics kept, single spaces.  Returns a malloc'd string. */
char *mx_name_key(const char *s, size_t n);

/* Writes the '_' of a name read from a hashtag (#ستاندرد_آند_بورز) in
 * s[0..n) as spaces, the way a mention is stored. */
void mx_hashtag_spaces(char *s, size_t n);

#endif
