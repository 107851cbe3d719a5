/*
 * cli.h - the commands of the marsad tool, one function each.
 */
#ifndef MARSAD_CLI_H
#define MARSAD_CLI_H

#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "marsad.h"
#include "store/store.h"

int cmd_ingest(int argc, char **argv);
/* Where ingest and the passes print their counts: stdout, unless
 * cli_report_to chose another stream (digest --json keeps stdout for
 * JSON). */
FILE *cli_report(void);
void cli_report_to(FILE *f);
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
/* The whole of f in a malloc'd buffer (*len bytes); NULL on error. */
char *cli_read_all(FILE *f, size_t *len);
int cmd_facts(int argc, char **argv);
/* A fact as a JSON object (kind, start, end, surface and the fields of
 * its kind); text is what its offsets point into.  NULL when out of
 * memory. */
struct json_t;
struct json_t *cli_fact_json(const marsad_fact *f, const char *text);
/* Sets a quote's "speaker" and "speaker_kind" in o: the entity's name
 * (kind "entity") when entity is not NULL, else the name of a body the
 * quote names by description (kind "body", MARSAD_QUOTE_BODY), else
 * null for both. */
void cli_quote_speaker(struct json_t *o, const marsad_fact *f,
                       const char *text, const char *entity);
/* One line: start, end, kind, surface, value; speaker may be NULL. */
void cli_fact_line(FILE *out, const marsad_fact *f, const char *text,
                   const char *speaker);
void cli_usage_facts(FILE *f);
/* Lists stored facts (marsad facts without --text); an exit status. */
int cli_facts_list(const char *dbpath, unsigned kinds, int64_t article,
                   int64_t limit, int json);
/* A stored fact row back into a marsad_fact: columns 2..18 are kind,
 * start, end, flags, value, value_max, bound, unit_start, unit_end, iso,
 * granularity, text_start, text_end, speaker_start, speaker_end,
 * medium_start, medium_end (as in the facts table).  -1 if its offsets do
 * not fit a text of len bytes (a damaged store). */
struct sqlite3_stmt;
int cli_row_fact(struct sqlite3_stmt *q, size_t len, marsad_fact *f);
/* Runs the fact pass over articles not yet read; prints a line of counts.
 * Returns 0 or -1 (reported on stderr). */
int cli_facts_pass(md_db *db, int progress);
int cmd_stories(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_digest(int argc, char **argv);
void cli_usage_stories(const char *cmd, FILE *f);
/* Finds near-duplicates and stories of the articles not placed yet;
 * prints a line of counts.  Returns 0 or -1 (reported on stderr). */
int cli_story_pass(md_db *db, int progress);
/* Usage text of ingest, search, articles/article or clean. */
void cli_usage_store(const char *cmd, FILE *f);

#endif
