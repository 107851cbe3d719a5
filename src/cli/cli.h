/*
 * cli.h - the commands of the marsad tool, one function each.
 */
#ifndef MARSAD_CLI_H
#define MARSAD_CLI_H

#include <stdio.h>

int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_articles(int argc, char **argv);
int cmd_article(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_ner(int argc, char **argv);
void cli_usage_ner(FILE *f);
/* Usage text of ingest, search, articles/article or clean. */
void cli_usage_store(const char *cmd, FILE *f);

#endif
