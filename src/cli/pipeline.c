/* pipeline.c - reading records in batches, annotating them on -j threads
 * with one shared model, writing them strictly in input order.
 *
 * A reader thread fills a ring of at most 2j+2 batches (so memory stays
 * bounded whatever the input size), workers take the oldest unclaimed
 * batch, and the main thread writes batch k only after batch k-1: output
 * bytes are the same for every -j.  With -j 1 the same three steps run in
 * one thread. */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_BYTES (1u << 20)
#define BATCH_LINES 2048

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

/* The reader's position: which input, which line. */
typedef struct {
    cli_input *in;
    size_t n_in, cur;
    FILE *f;
    size_t lineno;
    int started;               /* cur's first batch was made */
    char *line;                /* getline buffer */
    size_t line_cap;
    size_t open_failed;
} reader;

typedef struct {
    const alam_model *m;
    const cli_opts *o;
    reader rd;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    cli_batch **slot;
    int *state;
    size_t cap, n_read, n_taken, n_written;
    int read_done, stop;
} pipe_state;

/* The output side: the file being written and what went wrong. */
typedef struct {
    FILE *cur;                 /* stdout, or the target being written */
    int html_open;
    size_t failed, bad, warnings;
    int write_error, epipe;
    cli_progress *progress;
} writer;

static void batch_free(cli_batch *b)
{
    if (!b)
        return;
    free(b->buf);
    free(b->out);
    free(b->msg);
    free(b);
}

static int batch_append(cli_batch *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->buf, cap);
        if (!p)
            return -1;
        b->buf = p;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    return 0;
}

/* ---- reading ---- */

static int open_input(reader *r, const cli_opts *o)
{
    cli_input *in = &r->in[r->cur];
    r->f = strcmp(in->path, "-") ? fopen(in->path, "rb") : stdin;
    r->lineno = 0;
    r->started = 0;
    if (r->f)
        return 0;
    cli_message("error", "%s: %s", in->path, strerror(errno));
    r->open_failed++;
    (void)o;
    return -1;
}

static void close_input(reader *r)
{
    if (r->f && r->f != stdin)
        fclose(r->f);
    r->f = NULL;
    r->cur++;
}

/* The whole input as one document. */
static void read_document(reader *r, cli_batch *b)
{
    size_t len = 0;
    errno = 0;
    b->buf = cli_read_all(r->f, &len);
    b->len = len;
    b->cap = len;
    if (!b->buf)
        b->read_error = errno ? errno : EIO;
    b->last = 1;
}

/* Up to a batch of lines; every line stored with its '\n'. */
static void read_lines(reader *r, cli_batch *b)
{
    ssize_t got;
    size_t n = 0;
    b->first_line = r->lineno + 1;
    while (n < BATCH_LINES && b->len < BATCH_BYTES &&
           (got = getline(&r->line, &r->line_cap, r->f)) >= 0) {
        size_t len = (size_t)got;
        if (len && r->line[len - 1] == '\n')
            len--;
        if (batch_append(b, r->line, len) < 0 || batch_append(b, "\n", 1) < 0) {
            b->read_error = ENOMEM;
            break;
        }
        r->lineno++;
        n++;
    }
    if (ferror(r->f) && !b->read_error)
        b->read_error = errno ? errno : EIO;
    if (feof(r->f) || ferror(r->f) || b->read_error)
        b->last = 1;
}

/* The next batch, or NULL at the end of all inputs. */
static cli_batch *read_batch(reader *r, const cli_opts *o)
{
    while (r->cur < r->n_in && !r->f)
        if (open_input(r, o) < 0)
            r->cur++;
    if (r->cur >= r->n_in)
        return NULL;
    cli_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->in = &r->in[r->cur];
    b->first = !r->started;
    r->started = 1;
    if (o->mode == IN_DOCS)
        read_document(r, b);
    else
        read_lines(r, b);
    if (b->last)
        close_input(r);
    return b;
}

/* ---- writing ---- */

static void write_bytes(writer *w, FILE *f, const char *p, size_t n)
{
    if (!n || w->write_error)
        return;
    if (fwrite(p, 1, n, f) != n) {
        w->write_error = errno ? errno : EIO;
        w->epipe = errno == EPIPE;
    }
}

static int begin_output(writer *w, const cli_opts *o, const cli_batch *b)
{
    if (o->outdir) {
        if (!(w->cur = cli_target_open(b->in->target))) {
            cli_message("error", "%s: %s", b->in->target, strerror(errno));
            return -1;
        }
    } else {
        w->cur = stdout;
    }
    if (o->format == FMT_HTML && !w->html_open) {
        cli_html_begin(w->cur, o->outdir || o->files_named ? b->in->shown : "alam");
        w->html_open = 1;
    }
    return 0;
}

/* brat beside its text: NAME.ann and NAME.txt. */
static void write_brat_text(writer *w, const cli_batch *b)
{
    size_t n = strlen(b->in->target);
    char *txt = malloc(n + 1);
    if (!txt)
        return;
    memcpy(txt, b->in->target, n + 1);
    memcpy(txt + n - 4, ".txt", 4);
    FILE *f = cli_target_open(txt);
    if (!f || fwrite(b->buf, 1, b->len, f) != b->len ||
        cli_target_commit(f, txt) != 0) {
        cli_message("error", "%s: %s", txt, strerror(errno));
        w->failed++;
    }
    free(txt);
}

static void end_output(writer *w, const cli_opts *o, const cli_batch *b)
{
    if (o->format == FMT_HTML && o->outdir && w->html_open) {
        cli_html_end(w->cur);
        w->html_open = 0;
    }
    if (!o->outdir)
        return;
    if (w->write_error || b->read_error) {
        if (w->write_error) {
            cli_message("error", "%s: %s", b->in->target,
                        strerror(w->write_error));
            w->failed++;
        }
        cli_target_abort(w->cur);
        w->write_error = 0;        /* one bad file; the run goes on */
    } else if (cli_target_commit(w->cur, b->in->target) != 0) {
        cli_message("error", "%s: %s", b->in->target, strerror(errno));
        w->failed++;
    } else if (o->format == FMT_BRAT) {
        write_brat_text(w, b);
    }
    w->cur = NULL;
}

static void write_batch(writer *w, const cli_opts *o, cli_batch *b)
{
    if (b->first && begin_output(w, o, b) < 0) {
        w->failed++;
        w->write_error = EIO;
    }
    fwrite(b->msg, 1, b->msg_len, stderr);
    if (b->read_error) {
        cli_message("error", "%s: %s", b->in->shown, strerror(b->read_error));
        w->failed++;
    }
    if (b->oom) {
        cli_message("error", "%s: out of memory", b->in->shown);
        w->failed++;
    }
    if (w->cur)
        write_bytes(w, w->cur, b->out, b->out_len);
    w->failed += b->failed;
    w->bad += b->bad;
    w->warnings += b->warnings;
    cli_progress_add(w->progress, b->records, b->len);
    if (b->last && w->cur)
        end_output(w, o, b);
}

/* ---- the threads ---- */

static void *reader_main(void *arg)
{
    pipe_state *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->n_read - p->n_written >= p->cap)
            pthread_cond_wait(&p->cv, &p->mu);
        int stop = p->stop;
        pthread_mutex_unlock(&p->mu);
        cli_batch *b = stop ? NULL : read_batch(&p->rd, p->o);
        pthread_mutex_lock(&p->mu);
        if (b) {
            p->slot[p->n_read % p->cap] = b;
            p->state[p->n_read % p->cap] = SLOT_READY;
            p->n_read++;
        } else {
            p->read_done = 1;
        }
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (!b)
            return NULL;
    }
}

static void *worker_main(void *arg)
{
    pipe_state *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->n_taken == p->n_read && !p->read_done)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop || p->n_taken == p->n_read)
            break;
        size_t k = p->n_taken++ % p->cap;
        cli_batch *b = p->slot[k];
        p->state[k] = SLOT_BUSY;
        pthread_mutex_unlock(&p->mu);
        b->oom = cli_process(p->m, p->o, b) < 0;
        pthread_mutex_lock(&p->mu);
        p->state[k] = SLOT_DONE;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* The main thread writes batches in order until the end or a stop. */
static void write_all(pipe_state *p, writer *w)
{
    pthread_mutex_lock(&p->mu);
    for (;;) {
        size_t k = p->n_written % p->cap;
        while (p->state[k] != SLOT_DONE &&
               !(p->read_done && p->n_written == p->n_read))
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->state[k] != SLOT_DONE)
            break;
        cli_batch *b = p->slot[k];
        pthread_mutex_unlock(&p->mu);
        write_batch(w, p->o, b);
        batch_free(b);
        pthread_mutex_lock(&p->mu);
        p->state[k] = SLOT_FREE;
        p->n_written++;
        if (w->epipe || (w->write_error && !p->o->outdir))
            p->stop = 1;
        pthread_cond_broadcast(&p->cv);
        if (p->stop)
            break;
    }
    pthread_mutex_unlock(&p->mu);
}

static void run_threads(pipe_state *p, writer *w)
{
    int n = p->o->jobs;
    pthread_t rd, *th = calloc((size_t)n, sizeof *th);
    int started = 0;
    if (th && pthread_create(&rd, NULL, reader_main, p) == 0) {
        for (; started < n; started++)
            if (pthread_create(&th[started], NULL, worker_main, p) != 0)
                break;
        if (started == 0) {
            cli_message("error", "cannot start threads");
            w->failed++;
            pthread_mutex_lock(&p->mu);
            p->stop = 1;
            pthread_cond_broadcast(&p->cv);
            pthread_mutex_unlock(&p->mu);
        } else {
            write_all(p, w);
        }
        pthread_mutex_lock(&p->mu);
        p->stop = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        for (int i = 0; i < started; i++)
            pthread_join(th[i], NULL);
        pthread_join(rd, NULL);
    } else {
        cli_message("error", "cannot start threads");
        w->failed++;
    }
    for (size_t i = p->n_written; i < p->n_read; i++)
        batch_free(p->slot[i % p->cap]);
    free(th);
}

static void run_inline(pipe_state *p, writer *w)
{
    cli_batch *b;
    while (!w->epipe && !(w->write_error && !p->o->outdir) &&
           (b = read_batch(&p->rd, p->o))) {
        b->oom = cli_process(p->m, p->o, b) < 0;
        write_batch(w, p->o, b);
        batch_free(b);
    }
}

static long long total_size(const cli_input *in, size_t n)
{
    long long t = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i].size < 0)
            return -1;
        t += in[i].size;
    }
    return t;
}

/* Flushes stdout; a closed pipe ends quietly, any other error is one. */
static int finish(writer *w, const cli_opts *o, size_t open_failed)
{
    if (!w->epipe && fflush(stdout) != 0) {
        w->epipe = errno == EPIPE;
        if (!w->epipe)
            w->write_error = errno;
    }
    if (w->epipe)
        return 0;
    if (w->write_error && !o->outdir) {
        cli_message("error", "writing output: %s", strerror(w->write_error));
        return 1;
    }
    if (w->bad)
        cli_message("error", "%zu bad records (error records written in their "
                    "place)", w->bad);
    if (w->warnings > 0 && !o->quiet && w->warnings > 1)
        cli_message("warning", "%zu documents had invalid UTF-8", w->warnings);
    return w->failed || w->bad || open_failed ? 1 : 0;
}

int cli_pipeline(const alam_model *m, const cli_opts *o, cli_input *in,
                 size_t n_in)
{
    pipe_state p;
    writer w = {0};
    memset(&p, 0, sizeof p);
    p.m = m;
    p.o = o;
    p.rd.in = in;
    p.rd.n_in = n_in;
    p.cap = (size_t)o->jobs * 2 + 2;
    p.slot = calloc(p.cap, sizeof *p.slot);
    p.state = calloc(p.cap, sizeof *p.state);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    w.progress = cli_progress_new(o->progress, total_size(in, n_in));
    if (!p.slot || !p.state) {
        cli_message("error", "out of memory");
        w.failed++;
    } else if (o->jobs > 1) {
        run_threads(&p, &w);
    } else {
        run_inline(&p, &w);
    }
    if (!o->outdir && w.html_open && !w.epipe) {
        cli_html_end(stdout);
        w.html_open = 0;
    }
    cli_progress_end(w.progress);
    int rc = finish(&w, o, p.rd.open_failed);
    if (p.rd.f && p.rd.f != stdin)
        fclose(p.rd.f);
    free(p.rd.line);
    free(p.slot);
    free(p.state);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    return rc;
}
