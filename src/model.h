/* model.h - what a loaded model holds (internal). */
#ifndef ALAM_MODEL_H
#define ALAM_MODEL_H

#include "dates.h"
#include "lexicon.h"
#include "namelike.h"
#include "rules.h"

struct alam_model {
    lexicon *lex;
    dates *dates;
    rules *rules;           /* DATA/rules/ *.rules, compiled */
    namelike *names;        /* DATA/namelike.ngrams, or NULL */
    int from_image;         /* the lexicon is the mapped image */
    char warning[600];      /* why the image was not used, or "" */
};

#endif
