/* test_jit.c - lazily JIT-compiled patterns: the same answers before and
 * after the switch, from several threads at once, and never a compile
 * under ALAM_NO_JIT; patterns compiled at their first use, by threads
 * that race to it, and an error (not a silent miss) when that fails. */
#include "check.h"
#include "jit.h"

#include <pthread.h>
#include <stdlib.h>

#define THREADS 4
#define ROUNDS 500

static pcre2_code *compile(const char *pat)
{
    int code;
    PCRE2_SIZE off;
    return pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                         PCRE2_ANCHORED, &code, &off, NULL);
}

/* Matches three subjects ROUNDS times; counts the wrong answers. */
static void *worker(void *arg)
{
    jit_re *r = arg;
    static const char *const subj[] = {"12-345 x", "12 345", "7-8"};
    static const int want[] = {3, -1, 3};
    static const size_t want_end[] = {6, 0, 3};
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    size_t wrong = md ? 0 : 1;
    for (int i = 0; md && i < ROUNDS; i++) {
        int k = i % 3;
        int rc = jit_re_match(r, (const unsigned char *)subj[k],
                              strlen(subj[k]), 0, 0, md);
        if (rc != want[k] ||
            (rc > 0 && pcre2_get_ovector_pointer(md)[1] != want_end[k]))
            wrong++;
    }
    pcre2_match_data_free(md);
    return (void *)wrong;
}

static size_t run_threads(jit_re *r)
{
    pthread_t t[THREADS];
    size_t wrong = 0;
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, worker, r) != 0)
            return 1;
    for (int i = 0; i < THREADS; i++) {
        void *w;
        pthread_join(t[i], &w);
        wrong += (size_t)w;
    }
    return wrong;
}

int main(void)
{
    uint32_t have_jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);

    jit_re *r = jit_re_new(compile("([0-9]+)-([0-9]+)"));
    CHECK("jit: pattern made", r != NULL);
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    for (int i = 0; i < JIT_AFTER; i++)
        jit_re_match(r, (const unsigned char *)"1-2", 3, 0, 0, md);
    CHECK("jit: interpreted until its JIT_AFTER-th use", !jit_re_compiled(r));
    pcre2_match_data_free(md);
    CHECK("jit: same answers from 4 threads across the switch",
          run_threads(r) == 0);
    CHECK("jit: compiled once busy (when PCRE2 has JIT)",
          jit_re_compiled(r) == (have_jit != 0));
    CHECK("jit: the interpreted pattern stays available",
          jit_re_code(r) != NULL);
    jit_re_free(r);

    r = jit_re_new_lazy("([0-9]+)-([0-9]+)", PCRE2_ANCHORED);
    CHECK("lazy: pattern made", r != NULL);
    CHECK("lazy: same answers from 4 threads racing to compile it",
          r && run_threads(r) == 0);
    CHECK("lazy: the compiled pattern is available",
          r && jit_re_code(r) != NULL);
    jit_re_free(r);
    r = jit_re_new_lazy("([0-9]+)-([0-9]+)", PCRE2_ANCHORED);
    CHECK("lazy: pattern info compiles it first",
          r && jit_re_code(r) != NULL && run_threads(r) == 0);
    jit_re_free(r);
    r = jit_re_new_lazy("(unclosed", 0);
    md = pcre2_match_data_create(4, NULL);
    CHECK("lazy: a source that fails to compile is an error, not a miss",
          r && md && jit_re_match(r, (const unsigned char *)"x", 1, 0, 0, md) ==
                         PCRE2_ERROR_NOMEMORY && jit_re_code(r) == NULL);
    pcre2_match_data_free(md);
    jit_re_free(r);

    setenv("ALAM_NO_JIT", "1", 1);
    r = jit_re_new(compile("([0-9]+)-([0-9]+)"));
    CHECK("jit: ALAM_NO_JIT answers the same", r && run_threads(r) == 0);
    CHECK("jit: ALAM_NO_JIT never compiles", r && !jit_re_compiled(r));
    jit_re_free(r);
    jit_re_free(NULL);
    CHECK_DONE();
}
