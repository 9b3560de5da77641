/* Unit tests: the classes rules see on a word no list knows, its
 * proclitics in particular (rules_classify). */
#include "check.h"
#include "lexicon.h"
#include "normalize.h"
#include "rules.h"

static doc D;
static lexicon *L;
static tok_info TI[64];

/* Classifies s; returns the bits of its token i. */
static uint64_t bits_of(const char *s, size_t i)
{
    size_t c;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, NULL);
    lexicon_lookup(L, &D);
    if (D.n > 64 || i >= D.n)
        return 0;
    rules_classify(L, NULL, &D, TI);
    return TI[i].bits;
}

#define B(tc) (1ull << (tc))
#define CLITICS (B(TC_CONJ) | B(TC_PREP) | B(TC_ART))

int main(void)
{
    alam_error err;
    doc_init(&D);
    L = lexicon_new();
    CHECK("load test list", lexicon_load_file(L, "tests/data/gaz/test.tsv", 0, &err) == ALAM_OK);
    CHECK("load common words", lexicon_load_file(L, "tests/data/gaz/common.tsv", 0, &err) == ALAM_OK);
    uint64_t b = bits_of("الكوبية كالاتايود", 1);
    CHECK("كال + a stem no list knows: a name, no ك + ال",
          (b & B(TC_UNKNOWN)) && !(b & CLITICS));
    b = bits_of("وصل كالحركة", 1);
    CHECK("كال + a common word: ك + ال", !(b & B(TC_UNKNOWN)) && (b & B(TC_PREP)) && (b & B(TC_ART)));
    b = bits_of("الكوبية بالاتايود", 1);
    CHECK("بال + a stem no list knows: ب + ال",
          (b & B(TC_PREP)) && (b & B(TC_ART)) && !(b & B(TC_CONJ)));
    b = bits_of("الكوبية لالاتايود", 1);
    CHECK("لال + a stem no list knows: ل + ال", (b & B(TC_PREP)) && (b & B(TC_ART)));
    b = bits_of("الكوبية وكالاتايود", 1);
    CHECK("وكال + a stem no list knows: و before a stem", (b & B(TC_CONJ)));
    b = bits_of("الكوبية والاتايود", 1);
    CHECK("وال + a stem no list knows: و + ال", (b & B(TC_CONJ)) && (b & B(TC_ART)));
    lexicon_free(L);
    doc_free(&D);
    CHECK_DONE();
}
