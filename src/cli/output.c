/* output.c - reading inputs and the command's own output formats. */
#include "cli.h"
#include "../text.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *cli_read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    errno = 0;
    for (;;) {
        if (n == cap) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

char *cli_json_string(const char *s)
{
    char *clean = text_sanitize(s, strlen(s));
    cJSON *str = clean ? cJSON_CreateString(clean) : NULL;
    char *out = str ? cJSON_PrintUnformatted(str) : NULL;
    cJSON_Delete(str);
    free(clean);
    return out;
}

void cli_write_error(FILE *out, const char *name, const char *msg)
{
    char *qn = name ? cli_json_string(name) : NULL;
    char *qm = cli_json_string(msg);
    if (qn)
        fprintf(out, "{\"file\":%s,\"entities\":[],\"error\":%s}\n", qn,
                qm ? qm : "\"\"");
    else
        fprintf(out, "{\"entities\":[],\"error\":%s}\n", qm ? qm : "\"\"");
    free(qn);
    free(qm);
}

int cli_write_table(FILE *out, const alam_result *r, const char *name,
                    int byte_offsets, int explain)
{
    if (name)
        fprintf(out, "== %s\n", name);
    fprintf(out, "%-9s %11s  %s\n", "LABEL", "OFFSETS", "TEXT");
    for (size_t i = 0; i < r->count; i++) {
        const alam_entity *e = &r->entities[i];
        char span[48];
        snprintf(span, sizeof span, "%zu-%zu",
                 byte_offsets ? e->byte_start : e->start,
                 byte_offsets ? e->byte_end : e->end);
        fprintf(out, "%-9s %11s  %.*s", alam_label_name(e->label), span,
                (int)e->text_len, e->text);
        if (e->iso)
            fprintf(out, "  [%s]", e->iso);
        if (e->value)
            fprintf(out, "  [%s]", e->value);
        if (e->country)
            fprintf(out, "  [country %s]", e->country);
        if (explain)
            fprintf(out, "  <- %s %s", alam_source_name(e->source),
                    e->source_id ? e->source_id : "");
        fputc('\n', out);
    }
    fprintf(out, "%zu entities\n", r->count);
    return 0;
}

static int is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* The IOB2 tag of the whitespace token [b, e): B- on the token where an
 * entity starts, I- on the tokens it goes on over. */
static const char *conll_tag(const alam_result *r, size_t *next, size_t b,
                             size_t e, int *inside)
{
    while (*next < r->count && r->entities[*next].byte_end <= b)
        (*next)++, *inside = 0;
    if (*next >= r->count || r->entities[*next].byte_start >= e) {
        *inside = 0;
        return NULL;
    }
    int first = !*inside;
    *inside = 1;
    return first ? "B-" : "I-";
}

int cli_write_conll(FILE *out, const char *text, size_t len,
                    const alam_result *r)
{
    size_t next = 0, b = 0;
    int inside = 0;
    while (b < len) {
        while (b < len && is_ascii_space(text[b]))
            b++;
        size_t e = b;
        while (e < len && !is_ascii_space(text[e]))
            e++;
        if (e == b)
            break;
        char *tok = text_sanitize(text + b, e - b);
        if (!tok)
            return -1;
        const char *io = conll_tag(r, &next, b, e, &inside);
        if (io)
            fprintf(out, "%s %s%s\n", tok, io,
                    alam_label_name(r->entities[next].label));
        else
            fprintf(out, "%s O\n", tok);
        free(tok);
        b = e;
    }
    fputc('\n', out);
    return 0;
}

/* brat standoff: T1<TAB>LABEL START END<TAB>TEXT, code-point offsets into
 * the .txt written beside it. */
int cli_write_brat(FILE *out, const alam_result *r)
{
    for (size_t i = 0; i < r->count; i++) {
        const alam_entity *e = &r->entities[i];
        char *t = text_sanitize(e->text, e->text_len);
        if (!t)
            return -1;
        fprintf(out, "T%zu\t%s %zu %zu\t%s\n", i + 1, alam_label_name(e->label),
                e->start, e->end, t);
        free(t);
    }
    return 0;
}
