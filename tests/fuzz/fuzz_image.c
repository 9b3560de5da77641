/* libFuzzer target: the compiled-image loader.  The input is an image
 * (seeds are real ones); the target writes the right checksum and uses the
 * image's own stamp, so that the structural checks are what gets fuzzed:
 * a corrupt image must be rejected, never read out of bounds.  So are the
 * parts other modules read: the parsed rules and the date patterns, which
 * then run over the probe. */
#include "dates.h"
#include "lexicon.h"
#include "lexicon_image.h"
#include "normalize.h"
#include "rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *probe =
    "قالت الولايات المتحدة وفرنسا للأمم المتحدة في باريس إن بيني غانتس زار";

/* The stamp section's text, found the way the loader finds it; NULL if
 * the layout is too broken to say. */
static const char *own_stamp(const unsigned char *p, size_t n)
{
    const size_t header = 40, sec = 24, stamp_id = 7;
    if (n < header + stamp_id * sec)
        return NULL;
    uint64_t off, count;
    memcpy(&off, p + header + (stamp_id - 1) * sec + 8, 8);
    memcpy(&count, p + header + (stamp_id - 1) * sec + 16, 8);
    if (off > n || count == 0 || count > n - off || p[off + count - 1])
        return NULL;
    return (const char *)p + off;
}

/* The image's rules, date patterns and name-like letters, read and run
 * over d. */
static void run_parts(lexicon *lx, doc *d)
{
    rule_set_src set = {0};
    rules *r = NULL;
    dates *dt = NULL;
    namelike *nl = NULL;
    alam_error err;
    size_t n, n_dates, n_names;
    const void *p = lexicon_image_part(lx, IMAGE_RULES, &n);
    const void *kept = lexicon_image_part(lx, IMAGE_DATES, &n_dates);
    const void *names = lexicon_image_part(lx, IMAGE_NAMES, &n_names);
    if (names)
        namelike_from_image(names, n_names, &nl);
    if (!rules_image_get(p, n, "rules", &set) &&
        rules_build(&r, lx, &set, 1, &err) == ALAM_OK && d->n <= 64) {
        tok_info ti[64];
        unsigned char *sig = NULL;
        size_t cap = 0;
        pcre2_match_data *md = NULL;
        cand_list out = {0};
        rules_classify(lx, nl, d, ti);
        rules_scan(r, lx, d, ti, &sig, &cap, &md, &out);
        free(sig);
        free(out.v);
        pcre2_match_data_free(md);
    }
    if (n_dates && dates_new(&dt, lx, 1, kept, n_dates, &err) == ALAM_OK) {
        pcre2_match_data *md = NULL;
        cand_list out = {0};
        dates_scan(dt, d, probe, NULL, &md, &out);
        free(out.v);
        pcre2_match_data_free(md);
    }
    rules_free(r);
    dates_free(dt);
    namelike_free(nl);
    rule_set_src_free(&set);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 64 || size > 1 << 22)
        return 0;
    unsigned char *img = malloc(size);
    memcpy(img, data, size);
    uint64_t sum = lexicon_image_checksum(img, size);
    memcpy(img + 24, &sum, 8);      /* header: magic 8, 2 x u32, size 8 */
    const char *stamp = own_stamp(img, size);
    lexicon *lx = lexicon_new();
    if (stamp && !lexicon_use_image(lx, img, size, stamp)) {
        doc d;
        size_t c;
        doc_init(&d);
        doc_tokenize(&d, probe, 0, strlen(probe), 0, &c);
        doc_normalize(&d, probe, NULL);
        lexicon_lookup(lx, &d);
        for (size_t i = 0; i < d.n; i++) {
            lex_match m;
            if (lexicon_match(lx, &d, i, &m)) {
                volatile const char *s = lexicon_str(lx, m.entry->src);
                (void)s;
            }
        }
        run_parts(lx, &d);
        doc_free(&d);
    }
    lexicon_free(lx);
    free(img);
    return 0;
}
