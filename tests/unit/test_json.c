/* Unit tests: the compact JSON writer (write_json.c) writes byte for byte
 * what cJSON prints for the same result (json_via_cjson()), on random
 * entities whose texts and strings hold quotes, backslashes, controls,
 * NUL, invalid and valid UTF-8, and offsets up to SIZE_MAX. */
#include "check.h"
#include "write_json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static unsigned next_rand(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Pieces of text: every kind of byte the writer treats apart. */
static const char *const PIECES[] = {
    "a", "Z", " ", "\"", "\\", "/", "\x7f", "\x01", "\x1f", "\b", "\f",
    "\n", "\r", "\t", "\x0b", "\x80", "\xc0", "\xc3", "\xc3\xa9", "\xe2\x82",
    "\xe2\x82\xac", "\xed\xa0\x80", "\xef\xbf\xbd", "\xf0\x9f\x98\x80",
    "\xf4\x90\x80\x80", "\xf5", "\xff", "\xd9\x85\xd8\xa7",
};
#define N_PIECES (sizeof PIECES / sizeof *PIECES)

/* Random bytes into buf (at most cap - 1), a NUL among them when nul. */
static size_t random_bytes(char *buf, size_t cap, int nul)
{
    size_t n = 0, k = next_rand(12);
    for (size_t i = 0; i < k; i++) {
        const char *p = PIECES[next_rand(N_PIECES)];
        size_t m = strlen(p);
        if (nul && next_rand(8) == 0)
            p = "", m = 1;          /* the NUL byte itself */
        if (n + m >= cap)
            break;
        memcpy(buf + n, p, m);
        n += m;
    }
    buf[n] = '\0';
    return n;
}

static size_t random_size(void)
{
    switch (next_rand(4)) {
    case 0: return next_rand(10);
    case 1: return SIZE_MAX - next_rand(3);
    default: return next_rand(1000000);
    }
}

static char STR[8][6][64];

/* A string of the model, or NULL. */
static const char *random_str(size_t e, size_t k)
{
    if (next_rand(3) == 0)
        return NULL;
    random_bytes(STR[e][k], sizeof STR[e][k], 0);
    return STR[e][k];
}

static void random_entity(alam_entity *x, size_t e, char *text, size_t cap)
{
    memset(x, 0, sizeof *x);
    x->label = (alam_label)next_rand(ALAM_DATE + 2);    /* one past: NULL */
    x->source = (alam_source)next_rand(ALAM_SOURCE_DATE + 2);
    x->start = random_size();
    x->end = random_size();
    x->byte_start = random_size();
    x->byte_end = random_size();
    x->text_len = random_bytes(text, cap, 1);
    x->text = text;
    x->iso = random_str(e, 0);
    x->canonical = random_str(e, 1);
    x->value = random_str(e, 2);
    x->source_id = random_str(e, 3);
    x->calendar = random_str(e, 4);
    x->country = random_str(e, 5);
}

/* Does the direct writer give what cJSON prints, with flags? */
static int same_as_cjson(const alam_result *r, unsigned flags)
{
    char *a = NULL, *b = NULL;
    int ok = alam_result_json(r, flags, &a) == ALAM_OK &&
             json_via_cjson(r, flags, &b) == ALAM_OK && !strcmp(a, b);
    if (!ok)
        printf("# direct: %s\n# cJSON:  %s\n", a ? a : "(none)", b ? b : "(none)");
    alam_free(a);
    free(b);
    return ok;
}

int main(void)
{
    alam_entity ents[8];
    char texts[8][200];
    int same = 1;
    long runs = 0;
    for (int i = 0; i < 20000 && same; i++, runs++) {
        alam_result r = {ents, next_rand(9), 0, 0, 0};
        for (size_t e = 0; e < r.count; e++)
            random_entity(&ents[e], e, texts[e], sizeof texts[e]);
        same = same_as_cjson(&r, 0) && same_as_cjson(&r, ALAM_JSON_BYTE_OFFSETS);
    }
    printf("# %ld random results\n", runs);
    CHECK("compact JSON is what cJSON prints, on random results", same);
    alam_result none = {NULL, 0, 0, 0, 0};
    CHECK("no entity", same_as_cjson(&none, 0));
    char big[3000];
    memset(big, '\x01', sizeof big);
    alam_entity one = {.label = ALAM_PERSON, .source = ALAM_SOURCE_RULE,
                       .text = big, .text_len = sizeof big,
                       .canonical = "\x01\x01\x01", .source_id = "\"\\"};
    alam_result r1 = {&one, 1, 0, 0, 0};
    CHECK("a text of controls past the stack buffer", same_as_cjson(&r1, 0));
    char *p = NULL;
    CHECK("indented JSON still comes from cJSON",
          alam_result_json(&r1, ALAM_JSON_PRETTY, &p) == ALAM_OK && strchr(p, '\t'));
    alam_free(p);
    CHECK_DONE();
}
