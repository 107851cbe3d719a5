/*
 * cli.h - the commands of the marsad tool, one function each.
 */
#ifndef MARSAD_CLI_H
#define MARSAD_CLI_H

#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "store/store.h"

int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_articles(int argc, char **argv);
int cmd_article(int argc, char **argv);
int cmd_clean(int argc, char **argv);
/* The database: opt (--db) when given, else $MARSAD_DB, else marsad.db. */
const char *cli_db_path(const char *opt);
int cmd_ner(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_entity(int argc, char **argv);
void cli_usage_entity(const char *cmd, FILE *f);
/* Finds the mentions of new articles and merges entities; prints a line
 * of counts.  Returns 0 or -1 (reported on stderr). */
int cli_entity_pass(md_db *db, const char *model, int progress);
/* The entity NAME designates: 1 and *id, 0 when none, -1 on error. */
int cli_entity_lookup(sqlite3 *db, const char *name, int64_t *id);
void cli_usage_ner(FILE *f);
/* Usage text of ingest, search, articles/article or clean. */
void cli_usage_store(const char *cmd, FILE *f);

#endif
