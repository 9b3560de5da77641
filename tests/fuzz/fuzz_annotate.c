/* libFuzzer target: alam_annotate() on arbitrary bytes.  The first byte
 * picks options (offsets mode of the JSON, a reference date); the rest is
 * the text.  Checks what every result must satisfy. */
#include "alam.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static alam_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    alam_load_options lo = {0};
    alam_error err;
    (void)argc;
    (void)argv;
    lo.data_dir = getenv("ALAM_FUZZ_DATA") ? getenv("ALAM_FUZZ_DATA")
                                           : "gazetteers";
    if (alam_model_load(&lo, &model, &err) != ALAM_OK)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20)
        return 0;
    alam_options o = {0};
    unsigned flags = data[0] & 1 ? ALAM_JSON_BYTE_OFFSETS : 0;
    if (data[0] & 2) {
        o.ref_year = 2021;
        o.ref_month = 1 + (data[0] >> 4) % 12;
        o.ref_day = 1 + (data[0] >> 2) % 28;
    }
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    alam_result *r = NULL;
    if (alam_annotate(model, text, len, &o, &r) != ALAM_OK)
        abort();
    size_t last = 0;
    for (size_t i = 0; i < r->count; i++) {
        const alam_entity *e = &r->entities[i];
        if (e->byte_start >= e->byte_end || e->byte_end > len ||
            e->start >= e->end || e->end > r->chars || e->byte_start < last ||
            e->text != text + e->byte_start ||
            e->text_len != e->byte_end - e->byte_start)
            abort();
        last = e->byte_end;
    }
    char *json = NULL;
    if (alam_result_json(r, flags, &json) != ALAM_OK)
        abort();
    alam_free(json);
    alam_result_free(r);
    return 0;
}
