/* dates.h - the date grammar (PCRE2 over the normalized token stream). */
#ifndef ALAM_DATES_H
#define ALAM_DATES_H

#include "alam.h"
#include "jit.h"
#include "lexicon.h"
#include "resolve.h"
#include "tokenize.h"

typedef struct dates dates;

/* Compiles the grammar, with month and weekday names read from ICU, and
 * marks the words a date needs (WORD_DATE) in the model's word table.
 * With lazy set (a model from a sound image, whose grammar `alam compile`
 * compiled), each pattern is compiled at its first use instead. */
alam_status dates_new(dates **out, lexicon *lx, int lazy, alam_error *err);
void dates_free(dates *dt);

/* Appends a DATE candidate for every date expression in d (looked up with
 * lexicon_lookup()); text is the text d was tokenized from.  Values
 * resolve against opts (may be NULL).  *md is the caller's match data for
 * dates, made here when NULL and needed (free it with
 * pcre2_match_data_free()).  Returns 0, or -1 when memory ran out. */
int dates_scan(const dates *dt, const doc *d, const char *text,
               const alam_options *opts, pcre2_match_data **md,
               cand_list *out);

#endif
