/* jit.c - lazily compiled PCRE2 patterns (see jit.h). */
#include "jit.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct jit_re {
    _Atomic(pcre2_code *) re;      /* interpreted; once made, never changed */
    _Atomic(pcre2_code *) fast;    /* its JIT-compiled copy, once made */
    atomic_uint uses;
    int jit;                       /* 0: never compile (ALAM_NO_JIT) */
    char *src;                     /* lazy: the source, until re is made */
    uint32_t options;
};

jit_re *jit_re_new(pcre2_code *re)
{
    jit_re *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    atomic_init(&r->re, re);
    atomic_init(&r->fast, NULL);
    atomic_init(&r->uses, 0);
    r->jit = getenv("ALAM_NO_JIT") == NULL;
    return r;
}

jit_re *jit_re_new_lazy(const char *src, uint32_t options)
{
    jit_re *r = jit_re_new(NULL);
    if (!r || !(r->src = strdup(src))) {
        free(r);
        return NULL;
    }
    r->options = options;
    return r;
}

void jit_re_free(jit_re *r)
{
    if (!r)
        return;
    pcre2_code_free(atomic_load(&r->fast));
    pcre2_code_free(atomic_load(&r->re));
    free(r->src);
    free(r);
}

/* Publishes code c in *slot unless another thread was first; returns the
 * code in the slot. */
static pcre2_code *publish(_Atomic(pcre2_code *) *slot, pcre2_code *c)
{
    pcre2_code *none = NULL;
    if (!c || atomic_compare_exchange_strong(slot, &none, c))
        return c;
    pcre2_code_free(c);            /* another thread made it first */
    return none;
}

/* The interpreted pattern, compiled now from the source if lazy. */
static pcre2_code *interpreted(jit_re *r)
{
    pcre2_code *re = atomic_load_explicit(&r->re, memory_order_acquire);
    if (re || !r->src)
        return re;
    int code;
    PCRE2_SIZE off;
    return publish(&r->re, pcre2_compile((PCRE2_SPTR)r->src,
                                         PCRE2_ZERO_TERMINATED, r->options,
                                         &code, &off, NULL));
}

const pcre2_code *jit_re_code(jit_re *r)
{
    return interpreted(r);
}

int jit_re_compiled(const jit_re *r)
{
    return atomic_load((_Atomic(pcre2_code *) *)&r->fast) != NULL;
}

/* Makes and publishes the compiled copy; on failure (no JIT support, out
 * of memory) the interpreter goes on serving. */
static pcre2_code *compile_copy(jit_re *r, const pcre2_code *re)
{
    pcre2_code *c = pcre2_code_copy(re);
    if (!c || pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(c);
        return NULL;
    }
    return publish(&r->fast, c);
}

int jit_re_match(jit_re *r, const unsigned char *s, size_t len, size_t start,
                 uint32_t options, pcre2_match_data *md)
{
    pcre2_code *fast = atomic_load_explicit(&r->fast, memory_order_acquire);
    if (fast)
        return pcre2_jit_match(fast, s, len, start, options, md, NULL);
    pcre2_code *re = interpreted(r);
    if (!re)
        return PCRE2_ERROR_NOMEMORY;
    if (r->jit && atomic_fetch_add_explicit(&r->uses, 1, memory_order_relaxed) ==
                      JIT_AFTER &&
        (fast = compile_copy(r, re)))
        return pcre2_jit_match(fast, s, len, start, options, md, NULL);
    return pcre2_match(re, s, len, start, options, md, NULL);
}
