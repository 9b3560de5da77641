/* coord.h - names joined to a person by و. */
#ifndef ALAM_COORD_H
#define ALAM_COORD_H

#include "resolve.h"
#include "rules.h"

/* After resolve(): a word no list knows (or a given name that is no common
 * word) read with و right after a person, and up to COORD_MAX_WORDS - 1
 * more such words, are a person too (كانافارو وإيمرسون، فتحي عبد الوهاب
 * وجومانا مراد); one word alone only before punctuation, another entity,
 * the next joined name or a verb.  The new person may be followed by
 * another.  Adds to l
 * (kept in text order) and taken.  Returns 0 or -1 when memory ran out. */
int coordinate(cand_list *l, const doc *d, const tok_info *ti,
               unsigned char *taken);

#endif
