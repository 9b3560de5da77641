/* check.h - a tiny test harness: one line per check, "ok" or "not ok".
 * tests/run.sh counts the lines; a binary exits 1 when a check failed. */
#ifndef ALAM_CHECK_H
#define ALAM_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(name, cond)                                                     \
    do {                                                                      \
        if (cond) {                                                           \
            printf("ok %s\n", (name));                                        \
        } else {                                                              \
            printf("not ok %s (%s:%d: %s)\n", (name), __FILE__, __LINE__,     \
                   #cond);                                                    \
            check_failed = 1;                                                 \
        }                                                                     \
    } while (0)

/* Compares a counted byte range with a C string. */
static inline int span_is(const char *p, size_t n, const char *want)
{
    return strlen(want) == n && memcmp(p, want, n) == 0;
}

/* Copies the file from to the file to (a test's fixture). */
static inline void copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    int c;
    while (a && b && (c = fgetc(a)) != EOF)
        fputc(c, b);
    if (a)
        fclose(a);
    if (b)
        fclose(b);
}

#define CHECK_DONE() return check_failed

#endif
