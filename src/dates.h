/* dates.h - the date grammar (PCRE2 over the normalized token stream). */
#ifndef ALAM_DATES_H
#define ALAM_DATES_H

#include "alam.h"
#include "jit.h"
#include "lexicon.h"
#include "resolve.h"
#include "strbuf.h"
#include "tokenize.h"

typedef struct dates dates;

/* Compiles the grammar, with month and weekday names read from ICU, and
 * marks the words a date needs (WORD_DATE) in the model's word table.
 * With lazy set (a model from a sound image, whose grammar `alam compile`
 * compiled), each pattern is compiled at its first use instead.  With kept
 * (kept_len bytes: what dates_sources() wrote, kept in a sound image) the
 * patterns' sources are taken from there instead of being expanded from
 * their templates; an error when they are malformed or were made from
 * other templates or word lists. */
alam_status dates_new(dates **out, lexicon *lx, int lazy, const void *kept,
                      size_t kept_len, alam_error *err);

/* Appends the source of every pattern of dt, for an image; -1 when out of
 * memory. */
int dates_sources(dates *dt, strbuf *out);
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
