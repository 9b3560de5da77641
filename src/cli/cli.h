/* cli.h - pieces of the `alam` command shared between its files.
 *
 * The command reads records (whole documents, lines, or JSONL objects) in
 * batches, annotates the batches on -j worker threads with one shared
 * model, and writes their outputs strictly in input order (pipeline.c).
 * What a batch's records turn into is records.c; the output formats are
 * output.c and html.c; output files and directory trees are files.c. */
#ifndef ALAM_CLI_H
#define ALAM_CLI_H

#include "alam.h"

#include <stdio.h>

typedef enum { FMT_JSON, FMT_JSONL, FMT_TABLE, FMT_CONLL, FMT_BRAT,
               FMT_HTML } out_format;
typedef enum { IN_DOCS, IN_LINES, IN_JSONL } in_mode;

typedef struct {
    const char *data_dir;
    const char **lists;          /* --gazetteer files */
    size_t n_lists;
    in_mode mode;
    const char *text_field;      /* --text-field, for --jsonl */
    out_format format;
    int pretty, byte_offsets, explain;
    const char *outdir;          /* -o */
    int recursive, skip_existing;
    int jobs;                    /* -j */
    int progress;                /* 1: show, 0: not, -1: on a terminal */
    int quiet;
    int files_named;             /* FILE arguments were given */
    alam_options aopts;
} cli_opts;

/* One input file (or standard input) and where its output goes. */
typedef struct {
    const char *path;            /* "-" for standard input */
    const char *shown;           /* name in messages and "file" */
    char *target;                /* output file under -o, else NULL */
    long long size;              /* bytes, or -1 when unknown */
} cli_input;

/* A batch: records of one input, annotated together, written in order. */
typedef struct {
    const cli_input *in;
    int first, last;             /* the input's first / last batch */
    char *buf;                   /* the records' bytes; lines end in \n */
    size_t len, cap;
    size_t first_line;           /* line number of the first record */
    int read_error;              /* the input could not be read */
    int oom;                     /* processing ran out of memory */
    char *out, *msg;             /* results: output and messages */
    size_t out_len, msg_len;
    size_t records, bad, failed, warnings;
} cli_batch;

/* "alam: KIND: message" on stderr. */
void cli_message(const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Loads the model from dir (NULL: $ALAM_DATA, the build tree's
 * gazetteers/, the install location) plus user lists; prints errors. */
int cli_load_model(const char *dir, const char *const *lists, size_t n_lists,
                   alam_model **m);

int cli_eval(int argc, char **argv);      /* `alam eval` */
int cli_compile(int argc, char **argv);   /* `alam compile` */

/* Annotates every record of b and fills b->out and b->msg. 0, or -1 when
 * out of memory. */
int cli_process(const alam_model *m, const cli_opts *o, cli_batch *b);

/* Runs the whole job over the inputs; returns the exit status. */
int cli_pipeline(const alam_model *m, const cli_opts *o, cli_input *in,
                 size_t n_in);

/* Output formats, each writing one document's result. */
char *cli_json_string(const char *s);
void cli_write_error(FILE *out, const char *name, const char *msg);
int cli_write_table(FILE *out, const alam_result *r, const char *name,
                    int byte_offsets, int explain);
int cli_write_conll(FILE *out, const char *text, size_t len,
                    const alam_result *r);
int cli_write_brat(FILE *out, const alam_result *r);
void cli_html_begin(FILE *out, const char *title);
int cli_html_document(FILE *out, const char *text, size_t len,
                      const alam_result *r, const char *name);
void cli_html_end(FILE *out);

/* Reads a whole stream; NULL on error (errno set) or out of memory. */
char *cli_read_all(FILE *f, size_t *len);

/* The inputs named on the command line (-r walks directories), with their
 * targets under -o.  Returns 0, or -1 after printing why. */
int cli_collect_inputs(const cli_opts *o, char **args, int n_args,
                       cli_input **out, size_t *n_out);
void cli_free_inputs(cli_input *in, size_t n);

/* Output files: opened under a temporary name, renamed when complete;
 * a signal removes the temporary file. */
FILE *cli_target_open(const char *target);
int cli_target_commit(FILE *f, const char *target);
void cli_target_abort(FILE *f);
void cli_install_signals(void);

/* The progress line on stderr. */
typedef struct cli_progress cli_progress;
cli_progress *cli_progress_new(int enabled, long long total_bytes);
void cli_progress_add(cli_progress *p, size_t records, size_t bytes);
void cli_progress_end(cli_progress *p);

#endif
