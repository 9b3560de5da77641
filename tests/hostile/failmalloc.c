/* failmalloc.c - an LD_PRELOAD shim that makes the Nth allocation fail
 * (ALAM_FAIL_AT=N; counting malloc, calloc and realloc from process start)
 * so that tests can check every error path answers cleanly. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static long count, fail_at = -1;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);

/* dlsym may itself call calloc: serve it from a small static buffer. */
static char boot[4096];
static size_t boot_used;

static void *boot_alloc(size_t n)
{
    void *p = boot + boot_used;
    boot_used += (n + 15) & ~(size_t)15;
    return boot_used <= sizeof boot ? p : NULL;
}

/* As a real allocator does, a failure sets errno to ENOMEM. */
static int should_fail(void)
{
    if (fail_at < 0) {
        const char *s = getenv("ALAM_FAIL_AT");
        fail_at = s ? atol(s) : 0;
    }
    if (++count != fail_at)
        return 0;
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t n)
{
    if (!real_malloc)
        real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    return should_fail() ? NULL : real_malloc(n);
}

void *calloc(size_t k, size_t n)
{
    if (!real_calloc) {
        static int in_dlsym;
        if (in_dlsym)
            return boot_alloc(k * n);
        in_dlsym = 1;
        real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
        in_dlsym = 0;
    }
    return should_fail() ? NULL : real_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
    if (!real_realloc)
        real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    return should_fail() ? NULL : real_realloc(p, n);
}

void free(void *p)
{
    static void (*real_free)(void *);
    if ((char *)p >= boot && (char *)p < boot + sizeof boot)
        return;
    if (!real_free)
        real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    real_free(p);
}

/* The number of allocations so far, printed at exit when asked. */
__attribute__((destructor)) static void report(void)
{
    if (getenv("ALAM_COUNT_ALLOCS")) {
        char buf[32];
        int n = 0;
        long c = count;
        char tmp[32];
        do tmp[n++] = (char)('0' + c % 10); while ((c /= 10) && n < 30);
        for (int i = 0; i < n; i++)
            buf[i] = tmp[n - 1 - i];
        buf[n++] = '\n';
        (void)!write(2, buf, (size_t)n);
    }
}
