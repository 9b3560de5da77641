/* write_json.c - the JSON writer: {"entities": [...]} through cJSON.
 *
 * The writer is on the hot path of --lines, where a tree of malloc'd
 * nodes per entity cost more than some stages.  So the tree is built in
 * one array of nodes linked by hand (cJSON's struct is public API) and
 * borrows every string: constant keys, entity texts copied once into an
 * arena with invalid UTF-8 replaced, model strings, and offsets written as
 * raw JSON integers.  cJSON only prints it, escaping included, into one
 * buffer sized up front. */
#include "alam.h"
#include "text.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Nodes per entity: the object and at most 11 members. */
#define NODES_PER_ENTITY 12
/* Arena bytes per entity besides its text: two offsets and their NULs. */
#define DIGITS_PER_ENTITY 48

typedef struct {
    char *buf;                 /* entity texts and offsets, NUL-terminated */
    size_t len;
    cJSON *nodes;
    size_t n_nodes;
} tree;

static const char *arena_text(tree *t, const char *s, size_t n)
{
    char *dst = t->buf + t->len;
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
    t->len += o + 1;
    return dst;
}

/* An offset in decimal, as raw JSON: exact at any size, no snprintf. */
static const char *arena_size(tree *t, size_t v)
{
    char digits[24], *p = digits + sizeof digits;
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while (v /= 10);
    size_t n = (size_t)(digits + sizeof digits - p);
    char *dst = memcpy(t->buf + t->len, p, n);
    t->len += n;
    return dst;
}

static cJSON *new_node(tree *t, int type, const char *value)
{
    cJSON *c = &t->nodes[t->n_nodes++];
    *c = (cJSON){.type = type | cJSON_IsReference,
                 .valuestring = (char *)value};
    return c;
}

/* Appends child to parent's list (cJSON keeps the last item in the first
 * item's prev); a member gets its constant key. */
static void append(cJSON *parent, cJSON *child, const char *key)
{
    if (key) {
        child->string = (char *)key;
        child->type |= cJSON_StringIsConst;
    }
    cJSON *first = parent->child;
    if (!first) {
        parent->child = child;
    } else {
        first->prev->next = child;
        child->prev = first->prev;
    }
    parent->child->prev = child;
}

static void add_str(tree *t, cJSON *obj, const char *key, const char *s)
{
    if (s)
        append(obj, new_node(t, cJSON_String, s), key);
}

static cJSON *entity_json(tree *t, const alam_entity *e, unsigned flags)
{
    int bytes = (flags & ALAM_JSON_BYTE_OFFSETS) != 0;
    cJSON *obj = new_node(t, cJSON_Object, NULL);
    append(obj, new_node(t, cJSON_Raw, arena_size(t, bytes ? e->byte_start
                                                          : e->start)),
           "start");
    append(obj, new_node(t, cJSON_Raw, arena_size(t, bytes ? e->byte_end
                                                          : e->end)),
           "end");
    add_str(t, obj, "label", alam_label_name(e->label));
    add_str(t, obj, "text", arena_text(t, e->text, e->text_len));
    add_str(t, obj, "source", alam_source_name(e->source));
    add_str(t, obj, "iso", e->iso);
    add_str(t, obj, "canonical", e->canonical);
    add_str(t, obj, "value", e->value);
    add_str(t, obj, "calendar", e->calendar);
    add_str(t, obj, "id", e->source_id);
    add_str(t, obj, "country", e->country);
    return obj;
}

/* Prints into a buffer sized from the entities: no growing on the way.
 * A short result is printed on the stack and copied to a string of its
 * size: the bound, far above most results, would ask malloc() for a
 * large block (which makes it consolidate its free chunks). */
#define STACK_PRINT_BYTES 4096

static char *print(const cJSON *root, const alam_result *r, unsigned flags)
{
    if (flags & ALAM_JSON_PRETTY)
        return cJSON_Print(root);
    size_t cap = 32;
    for (size_t i = 0; i < r->count; i++)
        cap += 256 + 6 * r->entities[i].text_len;
    char local[STACK_PRINT_BYTES];
    if (cap <= sizeof local) {
        if (!cJSON_PrintPreallocated((cJSON *)root, local, (int)cap, 0))
            return cJSON_PrintUnformatted(root);
        size_t n = strlen(local) + 1;
        char *s = malloc(n);
        return s ? memcpy(s, local, n) : NULL;
    }
    char *buf = cap <= INT_MAX ? malloc(cap) : NULL;
    if (buf && cJSON_PrintPreallocated((cJSON *)root, buf, (int)cap, 0))
        return buf;
    free(buf);
    return cJSON_PrintUnformatted(root);
}

/* The tree of a result of a few entities (most documents of --lines) is
 * built on the stack: two allocations fewer per document, and no request
 * large enough to make malloc() consolidate its free chunks. */
#define STACK_TREE_BYTES (12 * 1024)

alam_status alam_result_json(const alam_result *r, unsigned flags, char **out)
{
    if (!r || !out)
        return ALAM_ERR_ARG;
    *out = NULL;
    size_t need = 1, count = r->count;
    for (size_t i = 0; i < count; i++)
        need += 3 * r->entities[i].text_len + 1 + DIGITS_PER_ENTITY;
    if (count > (SIZE_MAX / sizeof(cJSON) - 2) / NODES_PER_ENTITY)
        return ALAM_ERR_NOMEM;
    size_t nodes = (2 + count * NODES_PER_ENTITY) * sizeof(cJSON);
    cJSON stack[STACK_TREE_BYTES / sizeof(cJSON)];
    int on_stack = nodes + need <= sizeof stack;
    tree t = {on_stack ? (char *)stack + nodes : malloc(need), 0,
              on_stack ? stack : malloc(nodes), 0};
    if (t.buf && t.nodes) {
        cJSON *root = new_node(&t, cJSON_Object, NULL);
        cJSON *arr = new_node(&t, cJSON_Array, NULL);
        append(root, arr, "entities");
        for (size_t i = 0; i < count; i++)
            append(arr, entity_json(&t, &r->entities[i], flags), NULL);
        *out = print(root, r, flags);
    }
    if (!on_stack) {
        free(t.buf);
        free(t.nodes);
    }
    return *out ? ALAM_OK : ALAM_ERR_NOMEM;
}
