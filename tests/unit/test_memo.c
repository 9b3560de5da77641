/* Unit tests: the memo of word forms gives what the normalizer and the
 * lexicon give, keeps frequent forms, and never mixes two models. */
#include "check.h"
#include "alam.h"
#include "memo.h"
#include "normalize.h"

#include <stdlib.h>

static doc D;

static void prepare(const char *s, memo *m)
{
    size_t c;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, m);
}

/* Everything a token's key and analyses hold, as one string. */
static void describe(char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < D.n && o < cap; i++) {
        const token *t = &D.tok[i];
        o += (size_t)snprintf(out + o, cap - o, "[%.*s s%u", (int)(t->k1 - t->k0),
                              D.norm + t->k0, t->shape);
        for (size_t a = 0; a < t->n_an && o < cap; a++)
            o += (size_t)snprintf(out + o, cap - o, " %u/%u/%u/%u", t->an[a].koff,
                                  t->an[a].flags, t->an[a].boff, t->an[a].coff);
        if (o < cap)
            o += (size_t)snprintf(out + o, cap - o, "]");
    }
}

static void test_same_as_without(void)
{
    const char *s = "وبالمدينة قال الرئيسُ للصحفيين إن فرنسا ستساعدهم، Paris ٢٠٢١ «نعم» اشترى";
    char plain[2048], again[2048];
    memo *m = memo_new();
    CHECK("memo allocated", m != NULL);
    if (!m)
        return;
    memo_bind(m, 1);
    prepare(s, NULL);
    describe(plain, sizeof plain);
    size_t n = D.n;
    memo_store(m, &D, s);
    prepare(s, m);
    describe(again, sizeof again);
    int all_known = D.n == n;
    for (size_t i = 0; i < D.n; i++)
        all_known &= D.tok[i].known;
    CHECK("every form of a text seen before comes from the memo", all_known);
    CHECK("from the memo: the same keys, shapes and analyses", !strcmp(plain, again));
    memo_bind(m, 2);
    prepare(s, m);
    CHECK("bound to another lexicon, the memo is empty", D.n && !D.tok[0].known);
    memo_free(m);
}

/* Forms "wN" whose slots fall in one set: the first `want` found. */
static size_t same_set(char forms[][16], size_t want)
{
    size_t n = 0;
    uint32_t set = 0;
    for (int i = 0; n < want && i < 1000000; i++) {
        char f[16];
        int len = snprintf(f, sizeof f, "w%d", i);
        uint32_t s = text_hash(f, (size_t)len) & (MEMO_SETS - 1);
        if (n == 0)
            set = s;
        if (s == set)
            memcpy(forms[n++], f, sizeof f);
    }
    return n;
}

static void test_frequent_forms_stay(void)
{
    char forms[MEMO_WAYS + 2][16];
    memo *m = memo_new();
    if (!m || same_set(forms, MEMO_WAYS + 2) != MEMO_WAYS + 2) {
        CHECK("forms of one set found", 0);
        memo_free(m);
        return;
    }
    memo_bind(m, 1);
    prepare(forms[0], NULL);
    memo_store(m, &D, forms[0]);
    for (int i = 0; i < 20; i++)
        prepare(forms[0], m);                 /* a frequent form */
    for (size_t k = 1; k < MEMO_WAYS + 2; k++) {   /* more rare ones than fit */
        prepare(forms[k], NULL);
        memo_store(m, &D, forms[k]);
    }
    prepare(forms[0], m);
    CHECK("a frequent form outlives rare ones in its set", D.tok[0].known);
    prepare(forms[MEMO_WAYS + 1], m);
    CHECK("the newest form is there", D.tok[0].known);
    size_t gone = 0;
    for (size_t k = 1; k <= MEMO_WAYS; k++) {
        prepare(forms[k], m);
        gone += !D.tok[0].known;
    }
    CHECK("a set holds MEMO_WAYS forms: two rare forms made room", gone == 2);
    memo_free(m);
}

static int has_person(alam_model *model, const char *s)
{
    alam_result *r = NULL;
    int found = 0;
    if (alam_annotate(model, s, strlen(s), NULL, &r) != ALAM_OK)
        return -1;
    for (size_t i = 0; i < r->count; i++)
        found |= r->entities[i].label == ALAM_PERSON;
    alam_result_free(r);
    return found;
}

/* One thread, two models whose lists differ on a word: each call must see
 * its own model's lexicon, whatever the memo held from the other. */
static void test_two_models(void)
{
    const char *extra[] = {"tests/data/memo-extra.tsv"};
    alam_load_options a = {.data_dir = "tests/data/gaz"};
    alam_load_options b = a;
    b.extra_lists = extra;
    b.n_extra_lists = 1;
    alam_model *ma = NULL, *mb = NULL;
    alam_error err;
    if (alam_model_load(&a, &ma, &err) != ALAM_OK ||
        alam_model_load(&b, &mb, &err) != ALAM_OK) {
        CHECK("both models load", 0);
        alam_model_free(ma);
        alam_model_free(mb);
        return;
    }
    const char *s = "وصل زرياب فرناندو إلى المدينة";
    int ok = 1;
    for (int i = 0; i < 4; i++)
        ok &= has_person(ma, s) == 0 && has_person(mb, s) == 1;
    CHECK("alternating models in one thread: each sees its own lists", ok);
    alam_model_free(ma);
    alam_model_free(mb);
}

int main(void)
{
    doc_init(&D);
    test_same_as_without();
    test_frequent_forms_stay();
    test_two_models();
    doc_free(&D);
    CHECK_DONE();
}
