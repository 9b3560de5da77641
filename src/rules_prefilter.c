/* rules_prefilter.c - what the first tokens of every match of a rule must
 * be (its prefilter, rules.h), worked out by the parser beside the regex.
 *
 * Most tries of a rule fail (a title is mostly followed by no name), and a
 * try is a call of the regex (about 640 instructions, JIT-compiled).  The
 * trigger and the second token's classes keep a rule from most tokens; the
 * prefilter goes on up to PRE_TOKENS tokens and keeps apart the ways a
 * match can begin (after a title: a nationality adjective, then a name; or
 * a name at once), up to PRE_PATHS of them.
 *
 * Why it never refuses a start where the regex matches.  Let L(P) be the
 * token sequences pattern P can match, possessive repeats read as greedy
 * ones (that only takes matches away).  A match the regex finds anchored
 * at token i is tokens i..i+n-1 for some w in L(P) of n tokens (each token
 * test of the regex is RULE_WIDTH bytes, and a match starts on a token),
 * followed by the rest of the line, s = w r: the subject ends at the line
 * end, so lookaheads read no further.  A path p covers (w, s) when
 *   closed: p.len == |w| and w[j] passes p.t[j] for every j < p.len, or
 *   open:   p.len <= |s| and s[j] passes p.t[j] for every j < p.len.
 * Either way s's first p.len tokens exist before the line end and pass p's
 * tests, which is all that pre_set_fits() asks.  Claim: whenever P matches
 * w with s after its start, a path of the set S(P) the parser makes covers
 * (w, s).  By induction over the pattern:
 *   one token of test E: S = {closed [t]}, t a consequence of E
 *     (rules_parse.c: from each case of E's disjunctive form, the words it
 *     requires or, per clause, one bit it requires; and the bits that every
 *     case forbids);
 *   an empty sequence, a lookbehind, a negative lookahead: S = {closed []},
 *     covering (empty, s) (a lookaround's condition is dropped: that only
 *     lets more through);
 *   a lookahead (?= Q): Q matches some u that begins s; a path of S(Q)
 *     covers (u, s), so it covers (empty, s) once open: S = S(Q), all open;
 *   A | B: the union covers what either covers;
 *   A B, w = u v: if an open a covers (u, s), a covers (w, s); if a closed
 *     a covers (u, s) (a.len = |u|) and b covers (v, s minus u), a then b
 *     covers (w, s): closed when b is, else open;
 *   A{lo,hi}: A A ... (A?) ... (A?), A? = A | empty, through the
 *     concatenation above, for N = min(hi, PRE_TOKENS + 1) steps.  A match
 *     of more than N non-empty parts (hi > N) has more than PRE_TOKENS
 *     tokens in its first N parts, which a path of the N steps covers: not
 *     closed (a closed path has its match's length, at most PRE_TOKENS), so
 *     open, and it covers the whole match too.  One of at most N non-empty
 *     parts is a match of the N steps (empty parts fill the rest: A? takes
 *     them; A takes them when A can match nothing).
 * Bounding keeps the claim: a path cut to PRE_TOKENS tests is open and
 * covers what it covered; two paths p, q merged into one of min(p.len,
 * q.len) tests, test j the union of p.t[j] and q.t[j] (whatever passes
 * either passes it), closed only when p and q are closed and of one length,
 * covers what p or q covered.  tests/unit/test_prefilter.c tries every
 * rule's regex at every token of test sentences and of random tokens, and
 * finds no match that the prefilter refuses. */
#include "rules.h"

#include <string.h>

/* ---- tests ---- */

static int lits_equal(const uint8_t *a, const uint8_t *b)
{
    return !memcmp(a, b, RULE_WORD_BYTES);
}

static int test_equal(const pre_test *a, const pre_test *b)
{
    if (a->forb != b->forb || a->n_clauses != b->n_clauses ||
        !lits_equal(a->lit, b->lit))
        return 0;
    for (int k = 0; k < a->n_clauses; k++)
        if (a->any[k] != b->any[k])
            return 0;
    return 1;
}

/* a := a test whatever passes a or b passes. */
static void test_union(pre_test *a, const pre_test *b)
{
    a->forb &= b->forb;
    if (!b->n_clauses) {
        memset(a->any, 0, sizeof a->any);
        memset(a->lit, 0, sizeof a->lit);
        a->n_clauses = 0;
    }
    for (int k = 0; k < a->n_clauses; k++)
        a->any[k] |= b->any[k];
    for (int i = 0; a->n_clauses && i < RULE_WORD_BYTES; i++)
        a->lit[i] |= b->lit[i];
}

/* ---- paths ---- */

static int path_equal(const pre_path *a, const pre_path *b)
{
    if (a->len != b->len || a->open != b->open)
        return 0;
    for (int j = 0; j < a->len; j++)
        if (!test_equal(&a->t[j], &b->t[j]))
            return 0;
    return 1;
}

/* The tests a and b share from the first on. */
static int common_prefix(const pre_path *a, const pre_path *b)
{
    int j = 0;
    while (j < a->len && j < b->len && test_equal(&a->t[j], &b->t[j]))
        j++;
    return j;
}

/* a := a path covering what a or b covers. */
static void path_merge(pre_path *a, const pre_path *b)
{
    int closed = !a->open && !b->open && a->len == b->len;
    if (b->len < a->len)
        a->len = b->len;
    for (int j = 0; j < a->len; j++)
        test_union(&a->t[j], &b->t[j]);
    a->open = (uint8_t)!closed;
}

/* Adds path q to s; when s is full, merges the two paths (q among them)
 * that share the most leading tests, so that the ways a match begins stay
 * apart longest. */
static void set_add(pre_set *s, const pre_path *q)
{
    for (int i = 0; i < s->n; i++)
        if (path_equal(&s->p[i], q))
            return;
    if (s->n < PRE_PATHS) {
        s->p[s->n++] = *q;
        return;
    }
    int bi = 0, bj = -1, best = -1;     /* bj < 0: q itself */
    for (int i = 0; i < s->n; i++) {
        int c = common_prefix(&s->p[i], q);
        if (c > best)
            best = c, bi = i, bj = -1;
        for (int j = i + 1; j < s->n; j++)
            if ((c = common_prefix(&s->p[i], &s->p[j])) > best)
                best = c, bi = i, bj = j;
    }
    if (bj < 0) {
        path_merge(&s->p[bi], q);
        return;
    }
    path_merge(&s->p[bi], &s->p[bj]);
    s->p[bj] = *q;
}

/* a then b, cut to PRE_TOKENS tests; a is closed. */
static void path_join(const pre_path *a, const pre_path *b, pre_path *out)
{
    *out = *a;
    int n = a->len + b->len;
    int keep = n < PRE_TOKENS ? n : PRE_TOKENS;
    for (int j = a->len; j < keep; j++)
        out->t[j] = b->t[j - a->len];
    out->len = (uint8_t)keep;
    out->open = (uint8_t)(b->open || n > PRE_TOKENS);
}

/* ---- sets ---- */

void pre_set_empty(pre_set *s)
{
    memset(s, 0, sizeof *s);
    s->n = 1;                   /* closed, no test */
}

void pre_set_token(pre_set *s, const pre_test *t)
{
    memset(s, 0, sizeof *s);
    s->n = 1;
    s->p[0].len = 1;
    s->p[0].t[0] = *t;
}

void pre_set_union(pre_set *a, const pre_set *b)
{
    for (int i = 0; i < b->n; i++)
        set_add(a, &b->p[i]);
}

void pre_set_concat(pre_set *a, const pre_set *b)
{
    pre_set out = {0};
    pre_path q;
    for (int i = 0; i < a->n; i++) {
        const pre_path *x = &a->p[i];
        if (x->open || x->len == PRE_TOKENS) {
            q = *x;
            q.open = 1;
            set_add(&out, &q);
            continue;
        }
        for (int j = 0; j < b->n; j++) {
            path_join(x, &b->p[j], &q);
            set_add(&out, &q);
        }
    }
    *a = out;
}

void pre_set_open(pre_set *s)
{
    for (int i = 0; i < s->n; i++)
        s->p[i].open = 1;
}

static int all_open(const pre_set *s)
{
    for (int i = 0; i < s->n; i++)
        if (!s->p[i].open)
            return 0;
    return 1;
}

void pre_set_repeat(pre_set *a, int lo, int hi)
{
    pre_set one = *a, opt = *a, cur, none;
    pre_set_empty(&none);
    pre_set_union(&opt, &none);
    pre_set_empty(&cur);
    for (int step = 0; (hi < 0 || step < hi) && step <= PRE_TOKENS &&
                       !all_open(&cur); step++)
        pre_set_concat(&cur, step < lo ? &one : &opt);
    *a = cur;
}

/* Orders tests and paths alike everywhere (for sorting). */
static int test_cmp(const pre_test *a, const pre_test *b)
{
    if (a->forb != b->forb)
        return a->forb < b->forb ? -1 : 1;
    if (a->n_clauses != b->n_clauses)
        return a->n_clauses < b->n_clauses ? -1 : 1;
    for (int k = 0; k < a->n_clauses; k++)
        if (a->any[k] != b->any[k])
            return a->any[k] < b->any[k] ? -1 : 1;
    return memcmp(a->lit, b->lit, RULE_WORD_BYTES);
}

static int path_cmp(const pre_path *a, const pre_path *b)
{
    for (int j = 0; j < a->len && j < b->len; j++) {
        int c = test_cmp(&a->t[j], &b->t[j]);
        if (c)
            return c;
    }
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return (int)a->open - (int)b->open;
}

/* A second clause equal to the first is dropped: one test less. */
static void drop_twin(pre_test *t)
{
    if (t->n_clauses == 2 && t->any[0] == t->any[1]) {
        t->any[1] = 0;
        t->n_clauses = 1;
    }
}

void pre_set_finish(pre_set *s)
{
    _Static_assert(PRE_CLAUSES == 2, "drop_twin() knows two clauses");
    for (int i = 0; i < s->n; i++)
        for (int j = 0; j < s->p[i].len; j++)
            drop_twin(&s->p[i].t[j]);
    for (int i = 1; i < s->n; i++)          /* insertion: a few paths */
        for (int j = i; j > 0 && path_cmp(&s->p[j - 1], &s->p[j]) > 0; j--) {
            pre_path t = s->p[j];
            s->p[j] = s->p[j - 1];
            s->p[j - 1] = t;
        }
}

void pre_set_index(const pre_set *s, pre_index *x)
{
    memset(x, 0, sizeof *x);
    for (int k = 1; k < s->n; k++)
        x->share[k] = (uint8_t)common_prefix(&s->p[k - 1], &s->p[k]);
    for (int k = 0; k < s->n; k++)
        for (int d = 0; d < PRE_TOKENS; d++) {
            int next = k + 1;
            while (next < s->n && x->share[next] > d)
                next++;
            x->jump[k][d] = (uint8_t)next;
        }
}

/* ---- running ---- */

static int test_passes(const pre_test *t, const tok_info *x)
{
    if (x->bits & t->forb)
        return 0;
    for (int k = 0; k < t->n_clauses; k++)
        if (!(x->bits & t->any[k]) &&
            !(x->literal && (t->lit[x->literal / 8] >> (x->literal % 8) & 1)))
            return 0;
    return 1;
}

/* The sorted paths are walked as a tree: each test is run once for all
 * the paths that share it, and a failed test skips them all.  pass: the
 * leading tests of path k known to pass.  The paths between k and the
 * jump past a failed test d all share k's first d + 1 tests; the one
 * jumped to shares its first share[] tests with k. */
int pre_set_fits(const pre_set *s, const pre_index *x, const tok_info *ti,
                 size_t i, size_t e)
{
    int k = 0, pass = 0;
    while (k < s->n) {
        const pre_path *p = &s->p[k];
        if (p->len > e - i) {       /* the line ends before it does */
            if (++k < s->n && pass > x->share[k])
                pass = x->share[k];
            continue;
        }
        while (pass < p->len && test_passes(&p->t[pass], &ti[i + pass]))
            pass++;
        if (pass == p->len)
            return 1;
        k = x->jump[k][pass];
        if (k < s->n && pass > x->share[k])
            pass = x->share[k];
    }
    return 0;
}
