/* jit.h - PCRE2 patterns compiled when first used, and to machine code
 * once they have proved busy.
 *
 * JIT compilation of the rule and date patterns is most of the model's
 * load time, yet a short document tries few of them, and the interpreter
 * matches those few well enough.  A jit_re matches with the interpreter
 * until its JIT_AFTER-th use, then with a JIT-compiled copy, made once by
 * the thread that reached that use and published atomically: the shared
 * pattern is never changed, so any number of threads may match at once.
 *
 * A lazy jit_re keeps its source and is compiled at its first use (the
 * rules of a model loaded from a sound image, which `alam compile`
 * compiled once already): a short document pays only for the rules it
 * tries.  Threads racing to compile publish one result the same way.
 * Internal. */
#ifndef ALAM_JIT_H
#define ALAM_JIT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#define JIT_AFTER 64

typedef struct jit_re jit_re;

/* Takes ownership of re; NULL (re untouched) when out of memory.  With
 * ALAM_NO_JIT set in the environment (for valgrind, which cannot follow
 * JIT code's reads) the pattern is only ever interpreted. */
jit_re *jit_re_new(pcre2_code *re);

/* A pattern compiled from src (copied) with options at its first use;
 * NULL when out of memory.  src must compile: it is not checked here. */
jit_re *jit_re_new_lazy(const char *src, uint32_t options);

/* Frees the pattern and its compiled copy; NULL is fine. */
void jit_re_free(jit_re *r);

/* The interpreted pattern, for pcre2_pattern_info() and the like (made
 * now if lazy); NULL when a lazy pattern failed to compile. */
const pcre2_code *jit_re_code(jit_re *r);

/* Whether the JIT-compiled copy is in use (for tests). */
int jit_re_compiled(const jit_re *r);

/* pcre2_match() of the pattern over s[0, len) from start;
 * PCRE2_ERROR_NOMEMORY when a lazy pattern failed to compile. */
int jit_re_match(jit_re *r, const unsigned char *s, size_t len, size_t start,
                 uint32_t options, pcre2_match_data *md);

#endif
