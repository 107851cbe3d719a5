/*
 * main.c - the marsad command-line tool: arguments, files, printing.
 *
 * All text analysis lives in libmarsad; this file reads inputs in pieces
 * (so memory stays bounded whatever the input size), hands them to the
 * analyzer and prints what comes back as TSV or JSON Lines (jansson).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "marsad.h"
#include "cli/cli.h"

#define CHUNK (1u << 20) /* bytes read at a time */

static const char *progname = "marsad";

static void usage_main(FILE *f)
{
    fprintf(f,
"usage: marsad COMMAND [OPTIONS] [FILE...]\n"
"\n"
"marsad analyses Arabic news text.  Commands:\n"
"  digest      the main job: ingest articles and print their stories with\n"
"              outlets, dates, entities, timeline, corroborated and\n"
"              contested figures, and quotes\n"
"  ingest      read articles (text, HTML, JSON Lines, .gz) from files and\n"
"              directories, clean them and store them in the database\n"
"  search      full-text search of the stored articles, with snippets\n"
"  articles    list the stored articles; article ID shows one\n"
"  clean       show what cleaning keeps and drops in files (no storing)\n"
"  entities    list the entities of the stored articles, with their\n"
"              spellings; entity NAME shows one in context\n"
"  facts       list the numbers, dates and quotes of the stored articles\n"
"              (or of text files, with --text)\n"
"  stories     list the stories (articles on one event across outlets);\n"
"              story ID shows one\n"
"  ner         find persons, places and organizations in text, or tag\n"
"              CoNLL token files (--conll)\n"
"  analyze     split text into tokens and sentences; print each token\n"
"              with its byte offsets, normalized form, clitic segments\n"
"              and light stem (TSV, or JSON Lines with --json)\n"
"  normalize   print text with Arabic spelling folded (--folds)\n"
"  version     print the version\n"
"  help [CMD]  print this text, or a command's\n"
"\n"
"FILE '-' or no FILE reads standard input.  Input is UTF-8; invalid\n"
"bytes are replaced, never rejected (see --strict).\n"
"Run 'marsad help COMMAND' for the options of a command.  The database\n"
"is ./marsad.db unless --db FILE or $MARSAD_DB says otherwise.\n");
}

static void usage_analyze(FILE *f)
{
    fprintf(f,
"usage: marsad analyze [OPTIONS] [FILE...]\n"
"\n"
"Prints one token per line.  TSV columns:\n"
"  start end sentence type surface norm segments stem\n"
"start/end are byte offsets into the file (end exclusive); sentence\n"
"counts from 0 in each file; type is arabic, latin, number, percent,\n"
"punct or symbol; segments are the token's proclitics, base and\n"
"enclitics as pieces of the surface joined by '+' (و+ب+الحكومة ->\n"
"segments و ب الحكومة); stem is the light stem of the base in search\n"
"spelling.  With several files, a line '# file: NAME' precedes each.\n"
"\n"
"Options:\n"
"  --json          JSON Lines: one object per token with the keys start,\n"
"                  end, surface, norm, segments (array), stem, sentence,\n"
"                  position, type, stopword, and file (several files)\n"
"  --folds SPEC    normalization of the norm column: a comma list of\n"
"                  marks tatweel alef yeh teh-marbuta hamza digits\n"
"                  compat controls case, or a profile search (default),\n"
"                  display, all, none; +NAME / -NAME add or remove\n"
"                  (e.g. 'search,+hamza' or 'all,-case')\n"
"  --no-segment    do not split clitics (implies --no-stem)\n"
"  --no-stem       do not compute stems\n"
"  --max-token N   longest token in bytes (default 256); longer runs\n"
"                  are cut into pieces\n"
"  --strict        stop at the first invalid UTF-8 byte of a file and\n"
"                  report its offset, instead of replacing bad bytes\n"
"  -h, --help      this text\n"
"\n"
"Exit status: 0 on success, 1 if an input could not be read or was\n"
"rejected, 2 on a usage error.\n");
}

static void usage_normalize(FILE *f)
{
    fprintf(f,
"usage: marsad normalize [--folds SPEC] [FILE...]\n"
"\n"
"Copies the input to standard output with the folds of SPEC applied\n"
"(default: search).  SPEC is as for 'marsad analyze --folds'.\n");
}

/* ------------------------------------------------------------ output */

struct out_ctx {
    int json;
    const char *file;    /* set when several files are given */
    size_t base;         /* offset of the current piece in the file */
    const char *text;    /* the current piece */
    int failed;          /* writing failed */
};

static void put_tsv_field(const char *s, size_t n)
{
    fwrite(s, 1, n, stdout);
}

static json_t *jstr(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    return j ? j : json_string("\xEF\xBF\xBD");
}

static int print_token(void *ud, const marsad_token *t)
{
    struct out_ctx *c = ud;
    unsigned i;

    if (!c->json) {
        printf("%zu\t%zu\t%zu\t%s\t", c->base + t->start, c->base + t->end,
               t->sentence, marsad_token_type_name(t->type));
        put_tsv_field(c->text + t->start, t->end - t->start);
        putchar('\t');
        put_tsv_field(t->norm, t->nnorm);
        putchar('\t');
        for (i = 0; i < t->nseg; i++) {
            if (i)
                putchar('+');
            put_tsv_field(c->text + t->seg[i].start,
                          t->seg[i].end - t->seg[i].start);
        }
        putchar('\t');
        if (t->stem)
            put_tsv_field(t->stem, t->nstem);
        if (putchar('\n') == EOF)
            c->failed = 1;
    } else {
        json_t *o = json_object();
        json_t *segs = json_array();
        char *line;
        if (!o || !segs)
            return 1;
        if (c->file)
            json_object_set_new(o, "file", json_string(c->file));
        json_object_set_new(o, "start",
                            json_integer((json_int_t)(c->base + t->start)));
        json_object_set_new(o, "end",
                            json_integer((json_int_t)(c->base + t->end)));
        json_object_set_new(o, "surface",
                            jstr(c->text + t->start, t->end - t->start));
        json_object_set_new(o, "norm", jstr(t->norm, t->nnorm));
        for (i = 0; i < t->nseg; i++)
            json_array_append_new(
                segs, jstr(c->text + t->seg[i].start,
                           t->seg[i].end - t->seg[i].start));
        json_object_set_new(o, "segments", segs);
        json_object_set_new(o, "stem", t->stem ? jstr(t->stem, t->nstem)
                                               : json_null());
        json_object_set_new(o, "sentence",
                            json_integer((json_int_t)t->sentence));
        json_object_set_new(o, "position",
                            json_integer((json_int_t)t->position));
        json_object_set_new(o, "type",
                            json_string(marsad_token_type_name(t->type)));
        json_object_set_new(
            o, "stopword",
            json_boolean(t->flags & MARSAD_TOKEN_STOPWORD));
        line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (!line)
            return 1;
        if (puts(line) == EOF)
            c->failed = 1;
        free(line);
    }
    return c->failed;
}

/* ------------------------------------------------------------ input */

/*
 * Where to cut buf[0..n) so that no word is split: after the last white
 * space byte; failing that (one huge run) at the last character
 * boundary.  Returns a cut in (0, n], or 0 when nothing can be cut yet.
 */
static size_t safe_cut(const char *buf, size_t n)
{
    size_t i = n;
    while (i > 0) {
        char ch = buf[i - 1];
        if (ch == '\n' || ch == ' ' || ch == '\t' || ch == '\r')
            return i;
        i--;
    }
    /* no white space at all: back up to the start of a character */
    i = n;
    while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80 && n - i < 3)
        i--;
    if (i > 0 && (unsigned char)buf[i - 1] >= 0xC0)
        i--;
    return i;
}

typedef int (*piece_fn)(void *ud, const char *s, size_t n, size_t base);

/*
 * Reads f in pieces that end at white space and calls fn on each.
 * Returns 0, or -1 on a read error (errno set), or fn's non-zero value.
 */
static int read_pieces(FILE *f, piece_fn fn, void *ud)
{
    char *buf = malloc(CHUNK * 2);
    size_t have = 0, base = 0;
    int rc = 0;

    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    for (;;) {
        size_t got = fread(buf + have, 1, CHUNK * 2 - have, f);
        int eof = got == 0 || feof(f);
        size_t cut;
        have += got;
        if (ferror(f)) {
            rc = -1;
            break;
        }
        if (have == 0)
            break;
        cut = eof ? have : safe_cut(buf, have > CHUNK ? CHUNK : have);
        if (cut == 0)
            cut = have;
        rc = fn(ud, buf, cut, base);
        if (rc)
            break;
        memmove(buf, buf + cut, have - cut);
        have -= cut;
        base += cut;
        if (eof && have == 0)
            break;
    }
    free(buf);
    return rc;
}

struct analyze_job {
    marsad_analyzer *an;
    struct out_ctx out;
    int err;              /* analyzer's error code */
    int strict;           /* stop at invalid UTF-8 */
    size_t bad_off;       /* where, in the file */
};

static int analyze_piece(void *ud, const char *s, size_t n, size_t base)
{
    struct analyze_job *j = ud;
    int rc;
    j->out.base = base;
    j->out.text = s;
    if (j->strict) {
        size_t off;
        if (marsad_utf8_validate(s, n, &off) != MARSAD_OK) {
            j->bad_off = base + off;
            j->err = MARSAD_EUTF8;
            return MARSAD_EUTF8;
        }
    }
    rc = marsad_analyze(j->an, s, n, print_token, &j->out);
    if (rc < 0)
        j->err = rc;
    return rc;
}

static FILE *open_input(const char *name)
{
    if (strcmp(name, "-") == 0)
        return stdin;
    return fopen(name, "rb");
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v > (1ull << 30))
        return -1;
    *out = (size_t)v;
    return 0;
}

static int cmd_analyze(int argc, char **argv)
{
    marsad_options opt;
    struct analyze_job job;
    const char **files;
    int nfiles = 0, i, status = 0, err;

    marsad_options_init(&opt);
    memset(&job, 0, sizeof job);
    files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 1;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            job.out.json = 1;
        } else if (strcmp(a, "--folds") == 0 && i + 1 < argc) {
            if (marsad_fold_parse(argv[++i], &opt.folds) != MARSAD_OK) {
                fprintf(stderr, "%s: analyze: unknown fold in '%s'\n",
                        progname, argv[i]);
                free(files);
                return 2;
            }
        } else if (strcmp(a, "--no-segment") == 0) {
            opt.analyses = 0;
        } else if (strcmp(a, "--no-stem") == 0) {
            opt.analyses &= ~MARSAD_ANALYZE_STEM;
        } else if (strcmp(a, "--max-token") == 0 && i + 1 < argc) {
            if (parse_size(argv[++i], &opt.max_token) != 0) {
                fprintf(stderr, "%s: analyze: bad --max-token '%s'\n",
                        progname, argv[i]);
                free(files);
                return 2;
            }
        } else if (strcmp(a, "--strict") == 0) {
            job.strict = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_analyze(stdout);
            free(files);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "%s: analyze: unknown option '%s' (see "
                    "'marsad analyze --help')\n", progname, a);
            free(files);
            return 2;
        } else {
            files[nfiles++] = a;
        }
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    job.an = marsad_analyzer_new(&opt, NULL, &err);
    if (!job.an) {
        fprintf(stderr, "%s: analyze: %s (max-token must be 16..65536)\n",
                progname, marsad_strerror(err));
        free(files);
        return 2;
    }
    for (i = 0; i < nfiles; i++) {
        FILE *f = open_input(files[i]);
        int rc;
        const char *shown = strcmp(files[i], "-") ? files[i] : "<stdin>";
        if (!f) {
            fprintf(stderr, "%s: %s: %s\n", progname, files[i],
                    strerror(errno));
            status = 1;
            continue;
        }
        marsad_analyzer_reset(job.an);
        job.err = 0;
        job.out.file = nfiles > 1 ? shown : NULL;
        if (nfiles > 1 && !job.out.json)
            printf("# file: %s\n", shown);
        rc = read_pieces(f, analyze_piece, &job);
        if (rc == -1) {
            fprintf(stderr, "%s: %s: read error: %s\n", progname, shown,
                    strerror(errno));
            status = 1;
        } else if (job.err == MARSAD_EUTF8) {
            fprintf(stderr, "%s: %s: invalid UTF-8 at byte %zu; stopped "
                    "there (--strict)\n", progname, shown, job.bad_off);
            status = 1;
        } else if (job.err) {
            fprintf(stderr, "%s: %s: %s\n", progname, shown,
                    marsad_strerror(job.err));
            status = 1;
        } else if (job.out.failed) {
            fprintf(stderr, "%s: write error: %s\n", progname,
                    strerror(errno));
            status = 1;
        }
        if (f != stdin)
            fclose(f);
        if (job.out.failed)
            break;
    }
    marsad_analyzer_free(job.an);
    free(files);
    if (fflush(stdout) != 0)
        status = 1;
    return status;
}

struct norm_job {
    unsigned folds;
    char *out;
    size_t cap;
};

static int normalize_piece(void *ud, const char *s, size_t n, size_t base)
{
    struct norm_job *j = ud;
    size_t need = marsad_normalize(s, n, j->folds, j->out, j->cap);
    (void)base;
    if (need > j->cap) {
        char *p = realloc(j->out, need);
        if (!p)
            return 1;
        j->out = p;
        j->cap = need;
        need = marsad_normalize(s, n, j->folds, j->out, j->cap);
    }
    return fwrite(j->out, 1, need, stdout) == need ? 0 : 1;
}

static int cmd_normalize(int argc, char **argv)
{
    struct norm_job job;
    int i, status = 0, nfiles = 0;

    memset(&job, 0, sizeof job);
    job.folds = MARSAD_PROFILE_SEARCH;
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--folds") == 0 && i + 1 < argc) {
            if (marsad_fold_parse(argv[++i], &job.folds) != MARSAD_OK) {
                fprintf(stderr, "%s: normalize: unknown fold in '%s'\n",
                        progname, argv[i]);
                return 2;
            }
        } else if (strcmp(argv[i], "-h") == 0 ||
                   strcmp(argv[i], "--help") == 0) {
            usage_normalize(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "%s: normalize: unknown option '%s'\n",
                    progname, argv[i]);
            return 2;
        }
    }
    for (i = 0; i <= argc; i++) {
        const char *name;
        FILE *f;
        if (i == argc) {
            if (nfiles)
                break;
            name = "-";
        } else if (strcmp(argv[i], "--folds") == 0) {
            i++;
            continue;
        } else {
            name = argv[i];
        }
        nfiles++;
        f = open_input(name);
        if (!f) {
            fprintf(stderr, "%s: %s: %s\n", progname, name,
                    strerror(errno));
            status = 1;
            continue;
        }
        if (read_pieces(f, normalize_piece, &job) != 0) {
            fprintf(stderr, "%s: %s: %s\n", progname, name,
                    strerror(errno));
            status = 1;
        }
        if (f != stdin)
            fclose(f);
    }
    free(job.out);
    return status;
}

int main(int argc, char **argv)
{
    const char *cmd;

    if (argc < 2) {
        usage_main(stderr);
        return 2;
    }
    cmd = argv[1];
    if (strcmp(cmd, "analyze") == 0)
        return cmd_analyze(argc - 2, argv + 2);
    if (strcmp(cmd, "normalize") == 0)
        return cmd_normalize(argc - 2, argv + 2);
    if (strcmp(cmd, "ingest") == 0)
        return cmd_ingest(argc - 2, argv + 2);
    if (strcmp(cmd, "search") == 0)
        return cmd_search(argc - 2, argv + 2);
    if (strcmp(cmd, "articles") == 0)
        return cmd_articles(argc - 2, argv + 2);
    if (strcmp(cmd, "article") == 0)
        return cmd_article(argc - 2, argv + 2);
    if (strcmp(cmd, "clean") == 0)
        return cmd_clean(argc - 2, argv + 2);
    if (strcmp(cmd, "ner") == 0)
        return cmd_ner(argc - 2, argv + 2);
    if (strcmp(cmd, "entities") == 0)
        return cmd_entities(argc - 2, argv + 2);
    if (strcmp(cmd, "facts") == 0)
        return cmd_facts(argc - 2, argv + 2);
    if (strcmp(cmd, "entity") == 0)
        return cmd_entity(argc - 2, argv + 2);
    if (strcmp(cmd, "stories") == 0)
        return cmd_stories(argc - 2, argv + 2);
    if (strcmp(cmd, "story") == 0)
        return cmd_story(argc - 2, argv + 2);
    if (strcmp(cmd, "digest") == 0)
        return cmd_digest(argc - 2, argv + 2);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("marsad %s\n", marsad_version_string());
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "-h") == 0) {
        if (argc > 2 && strcmp(argv[2], "analyze") == 0)
            usage_analyze(stdout);
        else if (argc > 2 && strcmp(argv[2], "normalize") == 0)
            usage_normalize(stdout);
        else if (argc > 2 && (strcmp(argv[2], "ingest") == 0 ||
                              strcmp(argv[2], "search") == 0 ||
                              strcmp(argv[2], "articles") == 0 ||
                              strcmp(argv[2], "article") == 0 ||
                              strcmp(argv[2], "clean") == 0))
            cli_usage_store(argv[2], stdout);
        else if (argc > 2 && strcmp(argv[2], "ner") == 0)
            cli_usage_ner(stdout);
        else if (argc > 2 && strcmp(argv[2], "facts") == 0)
            cli_usage_facts(stdout);
        else if (argc > 2 && (strcmp(argv[2], "stories") == 0 ||
                              strcmp(argv[2], "story") == 0 ||
                              strcmp(argv[2], "digest") == 0))
            cli_usage_stories(argv[2], stdout);
        else if (argc > 2 && (strcmp(argv[2], "entities") == 0 ||
                              strcmp(argv[2], "entity") == 0))
            cli_usage_entity(argv[2], stdout);
        else
            usage_main(stdout);
        return 0;
    }
    fprintf(stderr, "%s: unknown command '%s'\n", progname, cmd);
    usage_main(stderr);
    return 2;
}
