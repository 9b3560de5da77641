/* model.h - what a loaded model holds (internal). */
#ifndef ALAM_MODEL_H
#define ALAM_MODEL_H

#include "dates.h"
#include "lexicon.h"

struct alam_model {
    lexicon *lex;
    dates *dates;
};

#endif
