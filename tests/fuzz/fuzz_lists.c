/* libFuzzer target: the gazetteer list (TSV) loader on arbitrary bytes:
 * it loads or reports file:line, and what loads can be matched against. */
#include "lexicon.h"
#include "normalize.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    lexicon *lx = lexicon_new();
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    alam_error err = {0};
    if (!lx || !f)
        abort();
    alam_status st = lexicon_load_stream(lx, size ? f : stdin, "fuzz.tsv", 0,
                                         &err);
    if (st != ALAM_OK && strncmp(err.message, "fuzz.tsv:", 9))
        abort();
    /* Match the loaded names against themselves. */
    doc d;
    doc_init(&d);
    size_t c, n = size < 4096 ? size : 4096;
    if (doc_tokenize(&d, (const char *)data, 0, n, 0, &c) == 0 &&
        doc_normalize(&d, (const char *)data, NULL) == 0) {
        lexicon_lookup(lx, &d);
        for (size_t i = 0; i < d.n; i++) {
            lex_match m;
            if (lexicon_match(lx, &d, i, &m) && i + m.ntok > d.n)
                abort();
        }
    }
    doc_free(&d);
    fclose(f);
    lexicon_free(lx);
    return 0;
}
