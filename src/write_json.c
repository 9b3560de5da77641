/* write_json.c - the JSON writer: {"entities": [...]}.
 *
 * The writer is on the hot path of --lines.  There a document's line is
 * written directly into one buffer sized up front, byte for byte what
 * cJSON_PrintUnformatted() gave for the tree below: cJSON's printing cost
 * about 3,500 instructions per entity (a pass to count escapes, another to
 * copy, per string, and a function call per value), as much as the
 * annotation of a sentence.
 *
 * Indented output (ALAM_JSON_PRETTY) goes through cJSON: the tree is built
 * in one array of nodes linked by hand (cJSON's struct is public API) and
 * borrows every string: constant keys, entity texts copied once into an
 * arena with invalid UTF-8 replaced, model strings, and offsets written as
 * raw JSON integers.  tests/unit/test_json.c compares the two writers. */
#include "write_json.h"
#include "text.h"

#include <cjson/cJSON.h>
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

/* The tree of a result of a few entities is built on the stack: two
 * allocations fewer per document. */
#define STACK_TREE_BYTES (12 * 1024)

alam_status json_via_cjson(const alam_result *r, unsigned flags, char **out)
{
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
        *out = flags & ALAM_JSON_PRETTY ? cJSON_Print(root)
                                        : cJSON_PrintUnformatted(root);
    }
    if (!on_stack) {
        free(t.buf);
        free(t.nodes);
    }
    return *out ? ALAM_OK : ALAM_ERR_NOMEM;
}

/* ---- compact output ---- */

/* Is byte c of a string written as it is?  cJSON escapes " and \ and
 * the controls (print_string_ptr()); any other byte, UTF-8 included, is
 * copied. */
static int plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

/* Byte c, not plain, escaped as cJSON does: a short form (\" \\ \b \f
 * \n \r \t) or \u00xx. */
static char *put_escape(char *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    static const char short_form[32] = {['\b'] = 'b', ['\f'] = 'f',
                                        ['\n'] = 'n', ['\r'] = 'r',
                                        ['\t'] = 't'};
    *o++ = '\\';
    if (c >= 0x20 || short_form[c]) {
        *o = c >= 0x20 ? (char)c : short_form[c];
        return o + 1;
    }
    memcpy(o, "u00", 3);
    o[3] = hex[c >> 4];
    o[4] = hex[c & 15];
    return o + 5;
}

/* A string of the model (a label, an id, a canonical name...), quoted. */
static char *put_str(char *o, const char *s)
{
    *o++ = '"';
    for (unsigned char c; (c = (unsigned char)*s); s++)
        if (plain(c))
            *o++ = (char)c;
        else
            o = put_escape(o, c);
    *o++ = '"';
    return o;
}

/* The text of an entity, quoted, as arena_text() copies it: invalid
 * UTF-8 and NUL become U+FFFD. */
static char *put_text(char *o, const char *s, size_t n)
{
    *o++ = '"';
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && plain(c)) {
            *o++ = (char)c;
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n &&
            ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            o[0] = (char)c;             /* two bytes: always valid */
            o[1] = s[i + 1];
            o += 2;
            i += 2;
            continue;
        }
        uint32_t cp;
        int valid;
        size_t len = text_decode((const unsigned char *)s + i, n - i, &cp,
                                 &valid);
        if (!valid || cp == 0)
            o += text_encode(TEXT_REPLACEMENT, o);
        else if (c < 0x80)
            o = put_escape(o, c);
        else
            for (size_t k = 0; k < len; k++)
                *o++ = s[i + k];
        i += len;
    }
    *o++ = '"';
    return o;
}

static char *put_size(char *o, size_t v)
{
    char digits[24], *p = digits + sizeof digits;
    do
        *--p = (char)('0' + v % 10);
    while (v /= 10);
    size_t n = (size_t)(digits + sizeof digits - p);
    memcpy(o, p, n);
    return o + n;
}

#define PUT(o, lit) (memcpy((o), (lit), sizeof(lit) - 1), (o) + sizeof(lit) - 1)

/* ,"key":"s" when s is set (the key's length a constant: no call). */
#define MEMBER(o, key, s)                                                     \
    do {                                                                      \
        const char *s_ = (s);                                                 \
        if (s_)                                                               \
            (o) = put_str(PUT((o), ",\"" key "\":"), s_);                     \
    } while (0)

static char *put_entity(char *o, const alam_entity *e, int bytes)
{
    o = PUT(o, "{\"start\":");
    o = put_size(o, bytes ? e->byte_start : e->start);
    o = PUT(o, ",\"end\":");
    o = put_size(o, bytes ? e->byte_end : e->end);
    MEMBER(o, "label", alam_label_name(e->label));
    o = PUT(o, ",\"text\":");
    o = put_text(o, e->text, e->text_len);
    MEMBER(o, "source", alam_source_name(e->source));
    MEMBER(o, "iso", e->iso);
    MEMBER(o, "canonical", e->canonical);
    MEMBER(o, "value", e->value);
    MEMBER(o, "calendar", e->calendar);
    MEMBER(o, "id", e->source_id);
    MEMBER(o, "country", e->country);
    *o++ = '}';
    return o;
}

static size_t len_or_0(const char *s)
{
    return s ? strlen(s) : 0;
}

/* At most the bytes put_entity() writes: the keys, braces, commas and
 * quotes (11 keys: 101 bytes with their quotes, colons and commas, 9
 * values' quotes, a brace), two offsets of at most 20 digits, and six
 * bytes for each byte of a string (\u00xx). */
#define ENTITY_FIXED_BYTES (101 + 18 + 1 + 2 * 20)
static size_t entity_bound(const alam_entity *e)
{
    return ENTITY_FIXED_BYTES +
           6 * (e->text_len + len_or_0(alam_label_name(e->label)) +
                len_or_0(alam_source_name(e->source)) + len_or_0(e->iso) +
                len_or_0(e->canonical) + len_or_0(e->value) +
                len_or_0(e->calendar) + len_or_0(e->source_id) +
                len_or_0(e->country));
}

/* Writes the result into buf, NUL-terminated; returns its length. */
static size_t put_result(char *buf, const alam_result *r, int bytes)
{
    char *o = PUT(buf, "{\"entities\":[");
    for (size_t i = 0; i < r->count; i++) {
        if (i)
            *o++ = ',';
        o = put_entity(o, &r->entities[i], bytes);
    }
    o = PUT(o, "]}");
    *o = '\0';
    return (size_t)(o - buf);
}

/* A short result is written on the stack and copied to a string of its
 * size: the bound, far above most results, would ask malloc() for a
 * large block (which makes it consolidate its free chunks). */
#define STACK_PRINT_BYTES 4096

static alam_status compact_json(const alam_result *r, unsigned flags,
                                char **out)
{
    int bytes = (flags & ALAM_JSON_BYTE_OFFSETS) != 0;
    size_t cap = 32;
    for (size_t i = 0; i < r->count; i++) {
        size_t b = entity_bound(&r->entities[i]);
        if (b > SIZE_MAX - cap - 1)
            return ALAM_ERR_NOMEM;
        cap += b + 1;
    }
    char local[STACK_PRINT_BYTES];
    char *buf = cap <= sizeof local ? local : malloc(cap);
    if (!buf)
        return ALAM_ERR_NOMEM;
    size_t n = put_result(buf, r, bytes);
    if (buf != local) {
        *out = buf;
        return ALAM_OK;
    }
    if (!(*out = malloc(n + 1)))
        return ALAM_ERR_NOMEM;
    memcpy(*out, local, n + 1);
    return ALAM_OK;
}

alam_status alam_result_json(const alam_result *r, unsigned flags, char **out)
{
    if (!r || !out)
        return ALAM_ERR_ARG;
    *out = NULL;
    return flags & ALAM_JSON_PRETTY ? json_via_cjson(r, flags, out)
                                    : compact_json(r, flags, out);
}
