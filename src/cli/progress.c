/* progress.c - one line on stderr, rewritten at most 5 times a second:
 * records and MB done, rate, and for inputs of known size the percentage
 * and time left. */
#include "cli.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

struct cli_progress {
    long long total;          /* bytes, or -1 */
    size_t records;
    unsigned long long bytes;
    double start, shown;
};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

cli_progress *cli_progress_new(int enabled, long long total_bytes)
{
    if (enabled < 0)
        enabled = isatty(2);
    if (!enabled)
        return NULL;
    cli_progress *p = calloc(1, sizeof *p);
    if (p) {
        p->total = total_bytes;
        p->start = p->shown = now();
    }
    return p;
}

static void show(cli_progress *p, double t)
{
    double el = t - p->start, mb = (double)p->bytes / 1e6;
    double rate = el > 0 ? mb / el : 0;
    fprintf(stderr, "\ralam: %zu records, %.1f MB, %.1f MB/s", p->records, mb,
            rate);
    if (p->total > 0) {
        double done = (double)p->bytes / (double)p->total;
        double left = done > 0 ? el / done - el : 0;
        fprintf(stderr, ", %.0f%% (%d:%02d left)", done * 100,
                (int)left / 60, (int)left % 60);
    }
    fputs("   ", stderr);
    p->shown = t;
}

void cli_progress_add(cli_progress *p, size_t records, size_t bytes)
{
    if (!p)
        return;
    p->records += records;
    p->bytes += bytes;
    double t = now();
    if (t - p->shown >= 0.2)
        show(p, t);
}

void cli_progress_end(cli_progress *p)
{
    if (!p)
        return;
    show(p, now());
    fputc('\n', stderr);
    free(p);
}
