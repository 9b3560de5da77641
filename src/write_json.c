/* write_json.c - the JSON writer: {"entities": [...]} through cJSON. */
#include "alam.h"
#include "text.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static int add_string(cJSON *o, const char *key, const char *s, size_t n)
{
    char *clean = text_sanitize(s, n);
    if (!clean)
        return -1;
    cJSON *v = cJSON_AddStringToObject(o, key, clean);
    free(clean);
    return v ? 0 : -1;
}

static int add_opt(cJSON *o, const char *key, const char *s)
{
    return s ? add_string(o, key, s, strlen(s)) : 0;
}

static cJSON *entity_json(const alam_entity *e, unsigned flags)
{
    int bytes = (flags & ALAM_JSON_BYTE_OFFSETS) != 0;
    cJSON *o = cJSON_CreateObject();
    if (!o ||
        !cJSON_AddNumberToObject(o, "start",
                                 (double)(bytes ? e->byte_start : e->start)) ||
        !cJSON_AddNumberToObject(o, "end",
                                 (double)(bytes ? e->byte_end : e->end)) ||
        !cJSON_AddStringToObject(o, "label", alam_label_name(e->label)) ||
        add_string(o, "text", e->text, e->text_len) < 0 ||
        !cJSON_AddStringToObject(o, "source", alam_source_name(e->source)) ||
        add_opt(o, "iso", e->iso) < 0 || add_opt(o, "canonical", e->canonical) < 0 ||
        add_opt(o, "value", e->value) < 0 || add_opt(o, "id", e->source_id) < 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

alam_status alam_result_json(const alam_result *r, unsigned flags, char **out)
{
    if (!r || !out)
        return ALAM_ERR_ARG;
    *out = NULL;
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = root ? cJSON_AddArrayToObject(root, "entities") : NULL;
    for (size_t i = 0; arr && i < r->count; i++) {
        cJSON *e = entity_json(&r->entities[i], flags);
        if (!e || !cJSON_AddItemToArray(arr, e)) {
            cJSON_Delete(e);
            arr = NULL;
        }
    }
    if (arr)
        *out = (flags & ALAM_JSON_PRETTY) ? cJSON_Print(root)
                                          : cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return *out ? ALAM_OK : ALAM_ERR_NOMEM;
}
