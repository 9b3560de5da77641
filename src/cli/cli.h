/* cli.h - pieces of the `alam` command shared between its files. */
#ifndef ALAM_CLI_H
#define ALAM_CLI_H

#include "alam.h"

#include <stdio.h>

/* "alam: KIND: message" on stderr. */
void cli_message(const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reads a whole stream; NULL on error (errno set) or out of memory. */
char *cli_read_all(FILE *f, size_t *len);

/* s as a quoted JSON string (invalid UTF-8 as U+FFFD); malloc'd. */
char *cli_json_string(const char *s);

/* {"file":...,"entities":[],"error":msg}, file only when name != NULL. */
void cli_write_error(FILE *out, const char *name, const char *msg);

/* A readable table: label, offsets, text, value. */
int cli_write_table(FILE *out, const alam_result *r, const char *name,
                    int byte_offsets);

#endif
