/* cli.h - pieces of the `alam` command shared between its files. */
#ifndef ALAM_CLI_H
#define ALAM_CLI_H

#include "alam.h"

#include <stdio.h>

/* "alam: KIND: message" on stderr. */
void cli_message(const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Loads the model from dir (NULL: $ALAM_DATA, the build tree's
 * gazetteers/, the install location) plus user lists; prints errors. */
int cli_load_model(const char *dir, const char *const *lists, size_t n_lists,
                   alam_model **m);

/* `alam compile`: the data directory's lists into DIR/alam.img. */
int cli_compile(int argc, char **argv);

/* `alam eval`: scores alam against token-per-line gold files. */
int cli_eval(int argc, char **argv);

/* Reads a whole stream; NULL on error (errno set) or out of memory. */
char *cli_read_all(FILE *f, size_t *len);

/* s as a quoted JSON string (invalid UTF-8 as U+FFFD); malloc'd. */
char *cli_json_string(const char *s);

/* {"file":...,"entities":[],"error":msg}, file only when name != NULL. */
void cli_write_error(FILE *out, const char *name, const char *msg);

/* A readable table: label, offsets, text, value; with explain, the rule
 * or list behind each entity. */
int cli_write_table(FILE *out, const alam_result *r, const char *name,
                    int byte_offsets, int explain);

/* TOKEN TAG lines, IOB2 over whitespace tokens, then a blank line. */
int cli_write_conll(FILE *out, const char *text, size_t len,
                    const alam_result *r);

#endif
