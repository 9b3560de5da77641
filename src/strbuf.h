/* strbuf.h - a growable NUL-terminated string for building patterns. */
#ifndef ALAM_STRBUF_H
#define ALAM_STRBUF_H

#include <stddef.h>

typedef struct {
    char *s;
    size_t n, cap;
    int failed;        /* an allocation failed: the string is incomplete */
} strbuf;

/* Appends s[0, n); a NULL s (a fragment lost to an allocation failure)
 * fails the buffer too. */
void strbuf_put(strbuf *b, const char *s, size_t n);

#endif
