/* write_json.c - the JSON writer: {"entities": [...]} through cJSON.
 *
 * The tree borrows its strings (constant keys, entity texts that are
 * already valid UTF-8) instead of copying them, and prints into one
 * buffer sized up front: the writer is on the hot path of --lines. */
#include "alam.h"
#include "text.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* One buffer holding every entity text NUL-terminated (and invalid UTF-8
 * replaced), for the tree to borrow until it is printed. */
typedef struct {
    char *buf;
    size_t len;
} arena;

static const char *arena_text(arena *a, const char *s, size_t n)
{
    char *dst = a->buf + a->len;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int valid;
        size_t len = text_decode((const unsigned char *)s + i, n - i, &cp,
                                 &valid);
        if (!valid || cp == 0)
            o += text_encode(TEXT_REPLACEMENT, dst + o);
        else
            memcpy(dst + o, s + i, len), o += len;
        i += len;
    }
    dst[o] = '\0';
    a->len += o + 1;
    return dst;
}

static int add_str(cJSON *obj, const char *key, const char *s)
{
    cJSON *v = cJSON_CreateStringReference(s);
    if (!v)
        return -1;
    cJSON_AddItemToObjectCS(obj, key, v);
    return 0;
}

/* Offsets as raw JSON integers: exact at any size, and far cheaper than
 * cJSON's number printing (sprintf and localeconv() per number), or than
 * snprintf. */
static int add_size(cJSON *obj, const char *key, size_t v)
{
    char buf[24], *p = buf + sizeof buf;
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while (v /= 10);
    cJSON *n = cJSON_CreateRaw(p);
    if (!n)
        return -1;
    cJSON_AddItemToObjectCS(obj, key, n);
    return 0;
}

/* Model strings (lists are checked for valid UTF-8 at load) and values. */
static int add_opt(cJSON *obj, const char *key, const char *s)
{
    return s ? add_str(obj, key, s) : 0;
}

static cJSON *entity_json(const alam_entity *e, unsigned flags, arena *a)
{
    int bytes = (flags & ALAM_JSON_BYTE_OFFSETS) != 0;
    const char *text = arena_text(a, e->text, e->text_len);
    cJSON *obj = cJSON_CreateObject();
    if (!obj ||
        add_size(obj, "start", bytes ? e->byte_start : e->start) < 0 ||
        add_size(obj, "end", bytes ? e->byte_end : e->end) < 0 ||
        add_str(obj, "label", alam_label_name(e->label)) < 0 ||
        add_str(obj, "text", text) < 0 ||
        add_str(obj, "source", alam_source_name(e->source)) < 0 ||
        add_opt(obj, "iso", e->iso) < 0 ||
        add_opt(obj, "canonical", e->canonical) < 0 ||
        add_opt(obj, "value", e->value) < 0 ||
        add_opt(obj, "calendar", e->calendar) < 0 ||
        add_opt(obj, "id", e->source_id) < 0 ||
        add_opt(obj, "country", e->country) < 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* Prints into a buffer sized from the entities: no growing on the way. */
static char *print(const cJSON *root, const alam_result *r, unsigned flags)
{
    if (flags & ALAM_JSON_PRETTY)
        return cJSON_Print(root);
    size_t cap = 32;
    for (size_t i = 0; i < r->count; i++)
        cap += 256 + 6 * r->entities[i].text_len;
    char *buf = cap <= INT_MAX ? malloc(cap) : NULL;
    if (buf && cJSON_PrintPreallocated((cJSON *)root, buf, (int)cap, 0))
        return buf;
    free(buf);
    return cJSON_PrintUnformatted(root);
}

alam_status alam_result_json(const alam_result *r, unsigned flags, char **out)
{
    if (!r || !out)
        return ALAM_ERR_ARG;
    *out = NULL;
    size_t need = 1;
    for (size_t i = 0; i < r->count; i++)
        need += 3 * r->entities[i].text_len + 1;
    arena a = {malloc(need), 0};
    cJSON *root = a.buf ? cJSON_CreateObject() : NULL;
    cJSON *arr = root ? cJSON_AddArrayToObject(root, "entities") : NULL;
    for (size_t i = 0; arr && i < r->count; i++) {
        cJSON *e = entity_json(&r->entities[i], flags, &a);
        if (!e || !cJSON_AddItemToArray(arr, e)) {
            cJSON_Delete(e);
            arr = NULL;
        }
    }
    if (arr)
        *out = print(root, r, flags);
    cJSON_Delete(root);
    free(a.buf);
    return *out ? ALAM_OK : ALAM_ERR_NOMEM;
}
