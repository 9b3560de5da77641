/* libFuzzer target: the command's JSONL record reader (records.c) on
 * arbitrary lines: one output line per input line, always valid JSON. */
#include "alam.h"
#include "cli/cli.h"

#include <cjson/cJSON.h>
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

/* Every output line parses as JSON; there is one per input line. */
static void check(const cli_batch *b, size_t lines)
{
    size_t n = 0;
    for (size_t p = 0; p < b->out_len; n++) {
        const char *nl = memchr(b->out + p, '\n', b->out_len - p);
        if (!nl)
            abort();
        cJSON *j = cJSON_ParseWithLength(b->out + p, (size_t)(nl - b->out - p));
        if (!j || !cJSON_IsObject(j))
            abort();
        cJSON_Delete(j);
        p = (size_t)(nl - b->out) + 1;
    }
    if (n != lines)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    cli_opts o = {0};
    cli_input in = {"fuzz", "fuzz", NULL, -1};
    cli_batch b = {0};
    o.mode = IN_JSONL;
    o.text_field = "text";
    o.quiet = 1;
    o.byte_offsets = size && (data[0] & 1);
    b.in = &in;
    b.first_line = 1;
    /* As the reader stores them: every line ends with '\n'. */
    b.buf = malloc(size + 1);
    memcpy(b.buf, data, size);
    b.len = size;
    if (!size || data[size - 1] != '\n')
        b.buf[b.len++] = '\n';
    size_t lines = 0;
    for (size_t i = 0; i < b.len; i++)
        lines += b.buf[i] == '\n';
    if (cli_process(model, &o, &b) != 0)
        abort();
    check(&b, lines);
    free(b.buf);
    free(b.out);
    free(b.msg);
    return 0;
}
