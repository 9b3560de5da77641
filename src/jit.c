/* jit.c - lazily JIT-compiled PCRE2 patterns (see jit.h). */
#include "jit.h"

#include <stdatomic.h>
#include <stdlib.h>

struct jit_re {
    pcre2_code *re;                /* interpreted; never changed */
    _Atomic(pcre2_code *) fast;    /* its JIT-compiled copy, once made */
    atomic_uint uses;
    int jit;                       /* 0: never compile (ALAM_NO_JIT) */
};

jit_re *jit_re_new(pcre2_code *re)
{
    jit_re *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->re = re;
    atomic_init(&r->fast, NULL);
    atomic_init(&r->uses, 0);
    r->jit = getenv("ALAM_NO_JIT") == NULL;
    return r;
}

void jit_re_free(jit_re *r)
{
    if (!r)
        return;
    pcre2_code_free(atomic_load(&r->fast));
    pcre2_code_free(r->re);
    free(r);
}

const pcre2_code *jit_re_code(const jit_re *r)
{
    return r->re;
}

int jit_re_compiled(const jit_re *r)
{
    return atomic_load((_Atomic(pcre2_code *) *)&r->fast) != NULL;
}

/* Makes and publishes the compiled copy; on failure (no JIT support, out
 * of memory) the interpreter goes on serving. */
static pcre2_code *compile_copy(jit_re *r)
{
    pcre2_code *c = pcre2_code_copy(r->re);
    if (!c || pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(c);
        return NULL;
    }
    pcre2_code *none = NULL;
    if (!atomic_compare_exchange_strong(&r->fast, &none, c)) {
        pcre2_code_free(c);        /* cannot happen: one thread compiles */
        return none;
    }
    return c;
}

int jit_re_match(jit_re *r, const unsigned char *s, size_t len, size_t start,
                 uint32_t options, pcre2_match_data *md)
{
    pcre2_code *fast = atomic_load_explicit(&r->fast, memory_order_acquire);
    if (!fast && r->jit &&
        atomic_fetch_add_explicit(&r->uses, 1, memory_order_relaxed) ==
            JIT_AFTER)
        fast = compile_copy(r);
    if (fast)
        return pcre2_jit_match(fast, s, len, start, options, md, NULL);
    return pcre2_match(r->re, s, len, start, options, md, NULL);
}
