/* alam.c - alam_annotate(): runs the stages in order; names and versions.
 *
 * Long texts are annotated in windows of at most WINDOW bytes cut at a line
 * break or a space, so per-call memory stays bounded whatever the text
 * size; only the entity list grows with the text.  Document-level state
 * (the people found so far) crosses windows. */
#include "alam.h"
#include "dates.h"
#include "lexicon.h"
#include "memo.h"
#include "model.h"
#include "normalize.h"
#include "coord.h"
#include "resolve.h"
#include "rules.h"
#include "tokenize.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW (64 * 1024)

const char *alam_version(void)
{
    return ALAM_VERSION_STRING;
}

const char *alam_strerror(alam_status status)
{
    switch (status) {
    case ALAM_OK: return "success";
    case ALAM_ERR_NOMEM: return "out of memory";
    case ALAM_ERR_IO: return "input/output error";
    case ALAM_ERR_DATA: return "malformed data file";
    case ALAM_ERR_ARG: return "invalid argument";
    case ALAM_ERR_REGEX: return "pattern error";
    case ALAM_ERR_LIMIT: return "input beyond a limit";
    }
    return "unknown status";
}

const char *alam_label_name(alam_label label)
{
    static const char *const names[] = {NULL, "PERSON", "ORG", "COUNTRY",
                                        "LOCATION", "DATE"};
    return label >= ALAM_PERSON && label <= ALAM_DATE ? names[label] : NULL;
}

const char *alam_source_name(alam_source source)
{
    static const char *const names[] = {NULL, "lexicon", "rule", "date"};
    return source >= ALAM_SOURCE_LEXICON && source <= ALAM_SOURCE_DATE
        ? names[source] : NULL;
}

/* ---- annotation ---- */

typedef struct {
    alam_result pub;
    alam_entity *ents;
    char (*values)[CAND_VALUE_MAX];
    size_t n, cap;
} result_impl;

/* Per-call state. */
typedef struct {
    const alam_model *model;
    const char *text;
    const alam_options *opts;
    doc d;
    cand_list cands;
    unsigned char *taken;
    size_t taken_cap;
    tok_info *ti;               /* per token of the window */
    size_t ti_cap;
    unsigned char *sig;         /* the window encoded for the rules */
    size_t sig_cap;
    name_set names;
    result_impl *res;
    memo *memo;                 /* this thread's, or NULL */
    pcre2_match_data *md_rules, *md_dates;   /* made when first needed */
    struct scratch *holder;     /* the thread's kept buffers came in it */
} call;

/* ---- window buffers and the memo, kept per thread ----
 *
 * --lines annotates one short document after another; fresh buffers for
 * each cost more in malloc and page faults than some stages.  Each thread
 * keeps the buffers of its last call and its memo of word forms (memo.h),
 * taken out while a call runs, so a nested call just allocates its own
 * buffers and works without a memo; they are freed when the thread exits.
 * Buffers grown past SCRATCH_KEEP bytes in all are freed at once instead:
 * one huge document must not pin its memory. */

#define SCRATCH_KEEP (4u << 20)

typedef struct scratch {
    doc d;
    cand_list cands;
    unsigned char *taken, *sig;
    size_t taken_cap, sig_cap;
    tok_info *ti;
    size_t ti_cap;
    memo *memo;
    pcre2_match_data *md_rules, *md_dates;
} scratch;

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static int scratch_ok;

/* Frees the buffers s holds (not its memo and match data). */
static void scratch_release(scratch *s)
{
    doc_free(&s->d);
    free(s->cands.v);
    free(s->taken);
    free(s->ti);
    free(s->sig);
}

/* Frees everything s holds, not s. */
static void scratch_free_all(scratch *s)
{
    scratch_release(s);
    memo_free(s->memo);
    pcre2_match_data_free(s->md_rules);
    pcre2_match_data_free(s->md_dates);
}

static void scratch_free(void *p)
{
    if (p)
        scratch_free_all(p);
    free(p);
}

static void scratch_init(void)
{
    scratch_ok = pthread_key_create(&scratch_key, scratch_free) == 0;
}

static size_t scratch_bytes(const call *k)
{
    return k->d.cap * sizeof *k->d.tok + k->d.norm_cap +
           k->cands.cap * sizeof *k->cands.v + k->taken_cap + k->sig_cap +
           k->ti_cap * sizeof *k->ti;
}

/* Moves this thread's kept buffers, if any, into k. */
static void scratch_take(call *k)
{
    pthread_once(&scratch_once, scratch_init);
    scratch *s = scratch_ok ? pthread_getspecific(scratch_key) : NULL;
    if (!s || pthread_setspecific(scratch_key, NULL) != 0)
        return;
    k->d = s->d;
    k->d.n = 0;
    k->d.norm_len = 0;
    k->d.invalid_bytes = k->d.first_invalid = 0;
    k->d.alloc_failed = 0;
    k->cands = s->cands;
    k->cands.n = 0;
    k->taken = s->taken;
    k->taken_cap = s->taken_cap;
    k->ti = s->ti;
    k->ti_cap = s->ti_cap;
    k->sig = s->sig;
    k->sig_cap = s->sig_cap;
    k->memo = s->memo;
    k->md_rules = s->md_rules;
    k->md_dates = s->md_dates;
    k->holder = s;                 /* given back by scratch_give() */
}

/* Keeps k's buffers (those within SCRATCH_KEEP) and memo for the
 * thread's next call, or frees them. */
static void scratch_give(call *k)
{
    scratch held = {k->d, k->cands, k->taken, k->sig, k->taken_cap,
                    k->sig_cap, k->ti, k->ti_cap, k->memo, k->md_rules,
                    k->md_dates};
    scratch *s = k->holder;
    if (scratch_ok && !pthread_getspecific(scratch_key) &&
        (s || (s = malloc(sizeof *s)))) {
        *s = held;
        if (scratch_bytes(k) > SCRATCH_KEEP) {
            scratch_release(&held);
            *s = (scratch){.memo = k->memo, .md_rules = k->md_rules,
                           .md_dates = k->md_dates};
        }
        if (pthread_setspecific(scratch_key, s) == 0)
            return;
        held = *s;
    }
    free(s);
    scratch_free_all(&held);
}

static int add_entity(call *k, const candidate *c)
{
    result_impl *r = k->res;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        alam_entity *e = realloc(r->ents, cap * sizeof *e);
        if (!e)
            return -1;
        r->ents = e;
        char (*v)[CAND_VALUE_MAX] = realloc(r->values, cap * sizeof *v);
        if (!v)
            return -1;
        r->values = v;
        r->cap = cap;
    }
    alam_entity *e = &r->ents[r->n];
    memset(e, 0, sizeof *e);
    e->label = (alam_label)c->label;
    e->source = (alam_source)c->source;
    e->start = c->c0;
    e->end = c->c1;
    e->byte_start = c->b0;
    e->byte_end = c->b1;
    e->text = k->text + c->b0;
    e->text_len = c->b1 - c->b0;
    e->iso = c->iso;
    e->canonical = c->canon;
    e->source_id = c->source_id;
    e->calendar = c->calendar;
    e->country = c->country;
    memcpy(r->values[r->n], c->value, CAND_VALUE_MAX);
    r->n++;
    return 0;
}

static int lexicon_candidates(call *k)
{
    const lexicon *lx = k->model->lex;
    for (size_t i = 0; i < k->d.n; i++) {
        const tok_info *x = &k->ti[i];
        /* An ambiguous key (amb=1, also a common word) needs support from
         * context, which the rules give; alone it is no entity. */
        if (!x->ent || x->ent->amb)
            continue;
        candidate c = {0};
        cand_span(&c, &k->d, i, x->ent_an, i + x->ent_ntok);
        c.label = x->ent->label;
        c.source = ALAM_SOURCE_LEXICON;
        c.priority = LIST_PRIORITY;
        c.iso = lexicon_str(lx, x->ent->iso);
        c.canon = lexicon_str(lx, x->ent->canon);
        c.source_id = lexicon_str(lx, x->ent->src);
        if (cand_push(&k->cands, &c) < 0)
            return -1;
    }
    return 0;
}

/* An organization ending on a nationality adjective belongs to its state
 * (وزارة الدفاع الفرنسية: FR). */
static void set_countries(call *k)
{
    for (size_t i = 0; i < k->cands.n; i++) {
        candidate *c = &k->cands.v[i];
        if (c->label == ALAM_ORG && c->t1 - c->t0 >= 2)
            c->country = rules_nisba_iso(k->model->lex, &k->d, k->ti,
                                         c->t1 - 1);
    }
}

static int grow_window_state(call *k, size_t n)
{
    if (n > k->taken_cap) {
        unsigned char *t = realloc(k->taken, n);
        if (!t)
            return -1;
        k->taken = t;
        k->taken_cap = n;
    }
    if (n > k->ti_cap) {
        tok_info *ti = realloc(k->ti, n * sizeof *ti);
        if (!ti)
            return -1;
        k->ti = ti;
        k->ti_cap = n;
    }
    return 0;
}

/* Runs every stage over text[b, end); the window starts at code point c. */
static int run_window(call *k, size_t b, size_t end, size_t c, size_t *c_end)
{
    doc *d = &k->d;
    k->cands.n = 0;
    if (doc_tokenize(d, k->text, b, end, c, c_end) < 0 ||
        doc_normalize(d, k->text, k->memo) < 0)
        return -1;
    if (grow_window_state(k, d->n) < 0)
        return -1;
    lexicon_lookup(k->model->lex, d);
    rules_classify(k->model->lex, k->model->names, d, k->ti);
    if (k->memo)
        memo_store(k->memo, d, k->text);
    if (lexicon_candidates(k) < 0 ||
        rules_scan(k->model->rules, k->model->lex, d, k->ti, &k->sig,
                   &k->sig_cap, &k->md_rules, &k->cands) < 0 ||
        dates_scan(k->model->dates, d, k->text, k->opts, &k->md_dates,
                   &k->cands) < 0)
        return -1;
    resolve(&k->cands, d, k->taken);
    set_countries(k);
    if (coordinate(&k->cands, d, k->ti, k->taken) < 0 ||
        propagate(&k->cands, d, k->taken, &k->names) < 0)
        return -1;
    for (size_t i = 0; i < k->cands.n; i++)
        if (add_entity(k, &k->cands.v[i]) < 0)
            return -1;
    return 0;
}

static int is_lead_byte(unsigned char ch)
{
    return (ch & 0xC0) != 0x80;
}

/* Does a sentence end just before the space at s[p - 1]? */
static int sentence_break(const char *s, size_t p)
{
    unsigned char a = (unsigned char)s[p - 2], b = (unsigned char)s[p - 3];
    return s[p - 1] == ' ' &&
           (a == '.' || a == '!' || a == '?' || (b == 0xD8 && a == 0x9F));
}

/* Where the window starting at b ends, at most WINDOW bytes on: a line
 * break, else a sentence end, else a space, else a code point boundary.
 * Entities never cross the first two. */
static size_t window_end(const char *s, size_t b, size_t len)
{
    if (len - b <= WINDOW)
        return len;
    size_t lim = b + WINDOW, low = b + WINDOW / 2, p;
    for (p = lim; p > low; p--)
        if (s[p - 1] == '\n')
            return p;
    for (p = lim; p > low; p--)
        if (sentence_break(s, p))
            return p;
    for (p = lim; p > low; p--)
        if (s[p - 1] == ' ')
            return p;
    for (p = lim; p > b + 1 && !is_lead_byte((unsigned char)s[p]); p--)
        ;
    return p;
}

static void finish_result(result_impl *r, const doc *d, size_t chars)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->values[i][0])
            r->ents[i].value = r->values[i];
    r->pub.entities = r->ents;
    r->pub.count = r->n;
    r->pub.invalid_bytes = d->invalid_bytes;
    r->pub.first_invalid = d->first_invalid;
    r->pub.chars = chars;
}

alam_status alam_annotate(const alam_model *model, const char *text,
                          size_t len, const alam_options *opts,
                          alam_result **out)
{
    if (!out)
        return ALAM_ERR_ARG;
    *out = NULL;
    if (!model || (!text && len))
        return ALAM_ERR_ARG;
    call k = {.model = model, .text = text, .opts = opts};
    doc_init(&k.d);
    scratch_take(&k);
    if (!k.memo)
        k.memo = memo_new();        /* without one, only slower */
    if (k.memo)
        memo_bind(k.memo, lexicon_serial(model->lex));
    k.d.memo = k.memo;
    k.res = calloc(1, sizeof *k.res);
    int rc = k.res ? 0 : -1;
    size_t b = 0, c = 0;
    while (rc == 0 && b < len) {
        size_t end = window_end(text, b, len);
        rc = run_window(&k, b, end, c, &c);
        b = end;
    }
    if (rc == 0)
        finish_result(k.res, &k.d, c);
    scratch_give(&k);
    name_set_free(&k.names);
    if (rc != 0) {
        alam_result_free(k.res ? &k.res->pub : NULL);
        return ALAM_ERR_NOMEM;
    }
    *out = &k.res->pub;
    return ALAM_OK;
}

void alam_result_free(alam_result *result)
{
    result_impl *r = (result_impl *)result;
    if (!r)
        return;
    free(r->ents);
    free(r->values);
    free(r);
}

void alam_free(void *p)
{
    free(p);
}
