/* records.c - what the records of one batch turn into: annotation, the
 * chosen output format, and the messages, all into the batch's buffers
 * (so that worker threads never touch the real output). */
#include "cli.h"
#include "../text.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where one batch writes. */
typedef struct {
    const alam_model *m;
    const cli_opts *o;
    cli_batch *b;
    FILE *out, *msg;
} ctx;

static void say(ctx *c, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(ctx *c, const char *kind, const char *fmt, ...)
{
    va_list ap;
    if (!strcmp(kind, "warning") && c->o->quiet)
        return;
    fprintf(c->msg, "alam: %s: ", kind);
    va_start(ap, fmt);
    vfprintf(c->msg, fmt, ap);
    va_end(ap);
    fputc('\n', c->msg);
}

static unsigned json_flags(const cli_opts *o)
{
    return (o->byte_offsets ? ALAM_JSON_BYTE_OFFSETS : 0) |
           (o->pretty && o->format == FMT_JSON ? ALAM_JSON_PRETTY : 0);
}

/* The name a document carries in its output: files named, whole files. */
static const char *doc_name(const ctx *c)
{
    return c->o->files_named && c->o->mode == IN_DOCS ? c->b->in->shown : NULL;
}

static int write_json(ctx *c, const alam_result *r, const char *name)
{
    char *json;
    if (alam_result_json(r, json_flags(c->o), &json) != ALAM_OK)
        return -1;
    char *q = name ? cli_json_string(name) : NULL;
    if (name && !q) {
        alam_free(json);
        return -1;
    }
    if (q)
        fprintf(c->out, "{\"file\":%s,%s\n", q, json + 1);
    else if (fputs(json, c->out) != EOF)
        putc('\n', c->out);
    free(q);
    alam_free(json);
    return 0;
}

static int write_result(ctx *c, const char *text, size_t len,
                        const alam_result *r)
{
    const char *name = doc_name(c);
    switch (c->o->format) {
    case FMT_TABLE:
        return cli_write_table(c->out, r, name, c->o->byte_offsets,
                               c->o->explain);
    case FMT_CONLL: return cli_write_conll(c->out, text, len, r);
    case FMT_BRAT: return cli_write_brat(c->out, r);
    case FMT_HTML: return cli_html_document(c->out, text, len, r, name);
    default: return write_json(c, r, name);
    }
}

/* What stands in the output for a document that could not be annotated:
 * the output keeps one record per input record. */
static void write_failed(ctx *c, const char *why)
{
    switch (c->o->format) {
    case FMT_CONLL: fputc('\n', c->out); break;
    case FMT_TABLE: fprintf(c->out, "(not annotated: %s)\n", why); break;
    case FMT_HTML: fprintf(c->out, "<p class=\"error\">%s</p>\n", why); break;
    case FMT_BRAT: break;
    default: cli_write_error(c->out, doc_name(c), why); break;
    }
}

/* What names a document in messages: the input, and its line unless the
 * whole input is the document (lineno 0).  Written only when a message
 * needs it: formatting it for every line cost more than some stages. */
typedef struct {
    char s[600];
} where_buf;

static const char *where(const ctx *c, size_t lineno, where_buf *w)
{
    if (!lineno)
        return c->b->in->shown;
    snprintf(w->s, sizeof w->s, "%s: line %zu", c->b->in->shown, lineno);
    return w->s;
}

/* Annotates one document (line lineno, 0: the whole input).  The result is
 * returned for the caller to write, or NULL after reporting a failure. */
static alam_result *annotate(ctx *c, const char *text, size_t len,
                             size_t lineno)
{
    alam_result *r;
    where_buf w;
    alam_status st = alam_annotate(c->m, text, len, &c->o->aopts, &r);
    if (st != ALAM_OK) {
        say(c, "error", "%s: %s", where(c, lineno, &w), alam_strerror(st));
        c->b->failed++;
        return NULL;
    }
    if (r->invalid_bytes) {
        c->b->warnings++;
        say(c, "warning", "%s: invalid UTF-8 at byte %zu (%zu bytes read as "
            "U+FFFD)", where(c, lineno, &w), r->first_invalid,
            r->invalid_bytes);
    }
    return r;
}

static void document(ctx *c, const char *text, size_t len, size_t lineno)
{
    where_buf w;
    alam_result *r = annotate(c, text, len, lineno);
    if (!r)
        write_failed(c, "could not be annotated");
    else if (write_result(c, text, len, r) < 0) {
        say(c, "error", "%s: out of memory", where(c, lineno, &w));
        c->b->failed++;
    }
    alam_result_free(r);
}

/* ---- JSONL records ---- */

static void bad_record(ctx *c, size_t lineno, const char *why)
{
    char *q = cli_json_string(why);
    fprintf(c->out, "{\"error\":%s,\"line\":%zu}\n", q ? q : "\"\"", lineno);
    free(q);
    say(c, "error", "%s: line %zu: %s", c->b->in->shown, lineno, why);
    c->b->bad++;
}

/* The object with "entities" (or "error") added: the original bytes are
 * kept, so every field keeps its value and order exactly; only an object
 * that already has such a field is rebuilt through cJSON. */
static void splice(ctx *c, const char *line, size_t n, cJSON *obj,
                   const char *key, const char *raw)
{
    if (cJSON_GetObjectItemCaseSensitive(obj, "entities") ||
        cJSON_GetObjectItemCaseSensitive(obj, "error")) {
        cJSON_DeleteItemFromObjectCaseSensitive(obj, "entities");
        cJSON_DeleteItemFromObjectCaseSensitive(obj, "error");
        cJSON_AddRawToObject(obj, key, raw);
        char *s = cJSON_PrintUnformatted(obj);
        fprintf(c->out, "%s\n", s ? s : "{}");
        free(s);
        return;
    }
    while (n && strchr(" \t\r\n", line[n - 1]))
        n--;
    size_t k = n - 1;                      /* the closing brace */
    int empty = 1;
    for (size_t i = 1; i < k; i++)
        if (!strchr(" \t\r\n", line[i]))
            empty = 0;
    fprintf(c->out, "%.*s%s\"%s\":%s}\n", (int)k, line, empty ? "" : ",", key,
            raw);
}

static void jsonl_entities(ctx *c, const char *line, size_t n, cJSON *obj,
                           const alam_result *r, size_t lineno)
{
    char *json;
    if (alam_result_json(r, c->o->byte_offsets ? ALAM_JSON_BYTE_OFFSETS : 0,
                         &json) != ALAM_OK) {
        bad_record(c, lineno, "out of memory");
        return;
    }
    /* {"entities":[...]} -> [...] */
    size_t len = strlen(json);
    json[len - 1] = '\0';
    splice(c, line, n, obj, "entities", json + strlen("{\"entities\":"));
    alam_free(json);
}

/* What cJSON would let through but JSON forbids, and the output would
 * carry on: control characters, invalid UTF-8, text after the value. */
static const char *not_json(const char *line, size_t n, cJSON **obj)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int valid;
        if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
            return "not valid JSON (a control character)";
        i += text_decode((const unsigned char *)line + i, n - i, &cp, &valid);
        if (!valid)
            return "not valid JSON (invalid UTF-8)";
    }
    const char *end = NULL;
    *obj = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (!*obj)
        return "not valid JSON";
    while (end < line + n && (*end == ' ' || *end == '\t'))
        end++;
    return end == line + n ? NULL : "not valid JSON (text after the value)";
}

static void jsonl_record(ctx *c, const char *line, size_t n, size_t lineno)
{
    char why_field[300];
    cJSON *obj = NULL;
    const char *why = not_json(line, n, &obj);
    const cJSON *t = obj ? cJSON_GetObjectItemCaseSensitive(
                               obj, c->o->text_field) : NULL;
    if (why)
        bad_record(c, lineno, why);
    else if (!cJSON_IsObject(obj))
        bad_record(c, lineno, "not a JSON object");
    else if (!cJSON_IsString(t)) {
        snprintf(why_field, sizeof why_field, "no string field \"%.200s\"",
                 c->o->text_field);
        bad_record(c, lineno, why_field);
    }
    else {
        alam_result *r = annotate(c, t->valuestring, strlen(t->valuestring),
                                  lineno);
        if (r)
            jsonl_entities(c, line, n, obj, r, lineno);
        else
            splice(c, line, n, obj, "error", "\"could not be annotated\"");
        alam_result_free(r);
    }
    cJSON_Delete(obj);
}

/* ---- a batch ---- */

static void each_line(ctx *c)
{
    size_t lineno = c->b->first_line;
    for (size_t p = 0; p < c->b->len; lineno++) {
        const char *line = c->b->buf + p;
        const char *nl = memchr(line, '\n', c->b->len - p);
        size_t n = nl ? (size_t)(nl - line) : c->b->len - p;
        p += n + 1;
        if (n && line[n - 1] == '\r')
            n--;
        c->b->records++;
        if (c->o->mode == IN_JSONL) {
            jsonl_record(c, line, n, lineno);
        } else {
            document(c, line, n, lineno);
        }
    }
}

int cli_process(const alam_model *m, const cli_opts *o, cli_batch *b)
{
    ctx c = {m, o, b, NULL, NULL};
    c.out = open_memstream(&b->out, &b->out_len);
    c.msg = open_memstream(&b->msg, &b->msg_len);
    if (!c.out || !c.msg) {
        if (c.out)
            fclose(c.out);
        if (c.msg)
            fclose(c.msg);
        return -1;
    }
    if (o->mode == IN_DOCS) {
        if (!b->read_error) {
            b->records++;
            document(&c, b->buf, b->len, 0);
        }
    } else {
        each_line(&c);
    }
    int bad = ferror(c.out) || ferror(c.msg);
    bad |= fclose(c.out) != 0;
    bad |= fclose(c.msg) != 0;
    return bad ? -1 : 0;
}
