/* rules.h - context rules: PCRE2 patterns over token classes.
 *
 * Every token is described by a set of classes (TC_*: its shape, the list
 * classes of its words, the list entity it starts or continues, its
 * proclitics) and encoded as RULE_WIDTH bytes; a rule is a pattern over
 * these classes (gazetteers/rules/README.md), compiled to one PCRE2
 * pattern (JIT) over the encoded window.  The model holds the compiled
 * rules; everything per call lives in the call. */
#ifndef ALAM_RULES_H
#define ALAM_RULES_H

#include "alam.h"
#include "jit.h"
#include "lexicon.h"
#include "namelike.h"
#include "resolve.h"
#include "strbuf.h"
#include "tokenize.h"

#include <stdint.h>

/* Token classes: bit numbers of tok_info.bits.  The names rule files use
 * are in rules_parse.c. */
enum {
    TC_ARABIC, TC_LATIN, TC_NUMBER, TC_PUNCT, TC_SYMBOL,
    TC_QUOTE, TC_OPEN, TC_CLOSE, TC_END, TC_LINE,
    /* the lexicon's class bits, in their order (lexicon.h) */
    TC_DATE, TC_NISBA, TC_FIRST_NAME, TC_NAME_PARTICLE, TC_TITLE,
    TC_SPEECH_VERB, TC_ORG_HEAD, TC_LOC_HEAD, TC_STATE_HEAD, TC_COMMON,
    TC_CSTART,           /* starts a listed class phrase (or is one word) */
    TC_PERSON, TC_ORG, TC_COUNTRY, TC_LOCATION,  /* in a listed entity */
    TC_AMB,              /* ... whose entry is amb=1, or a class word
                            listed amb=1 */
    TC_ESTART,           /* starts a listed entity phrase */
    TC_CONJ, TC_PREP, TC_ART, /* و/ف, ب/ل/ك, ال in the reading used */
    TC_UNKNOWN,          /* an Arabic word no list knows */
    TC_WORD,             /* one of the rules' literal words */
    TC_MAQSURA,          /* written with a final ى (على، not علي) */
    TC_SUFFIXED,         /* ends, as written, in an attached pronoun, a
                            verb ending or tanween (ـها ـهم ـهما ـته ـوا،
                            ـه after a consonant, ـاً): a noun or a verb */
    TC_FINAL_YA,         /* ends, as written, in ي (a masculine nisba:
                            الفرنسي, not الفرنسية) */
    TC_PREPLIKE,         /* starts, as written, with ب or ل then one of
                            أ إ ت ح خ د ز س ص ض ع غ ف ق م: mostly a
                            preposition before a noun (بتمزق، لراديو) */
    TC_FINAL_IYA,        /* ends, as written, in ية (a feminine relational
                            adjective: أسبوعية، ثقافية) */
    TC_INITIAL,          /* an Arabic word of one letter (the initial of
                            جورج و. بوش) */
    TC_NAMELIKE,         /* UNKNOWN, and its letters look like a name's
                            (namelike.h: أينشتاين، فيرجسون) */
    TC_COUNT
};

/* Bytes per token: RULE_LIT_BASE + the literal code (0: none), above every
 * class byte, so that a match can only start at a token; the literal first,
 * so that a test of words fails on its first byte; then RULE_CLASS_BYTES
 * bytes of RULE_BITS class bits each.  Few bits a byte keep the patterns
 * short: a test of one bit is a class of at most 8 ranges.
 *
 * A literal code stands for a group of the rule files' quoted words: the
 * words that every test of words in the rules takes or leaves together
 * (the nine words of a class written once share one code).  So the files
 * may quote up to RULE_MAX_WORDS distinct words, in up to
 * RULE_MAX_LITERALS groups. */
#define RULE_BITS 4
#define RULE_CLASS_BYTES ((TC_COUNT + RULE_BITS - 1) / RULE_BITS)
#define RULE_WIDTH (RULE_CLASS_BYTES + 1)
#define RULE_LIT_BASE (1 << RULE_BITS)
#define RULE_MAX_LITERALS (255 - RULE_LIT_BASE)
#define RULE_MAX_LITERALS_TEXT "239"    /* for messages */
_Static_assert(RULE_MAX_LITERALS == 239, "RULE_MAX_LITERALS_TEXT");
#define RULE_LIT_BYTES ((RULE_MAX_LITERALS + 8) / 8)  /* a set of codes */
#define RULE_MAX_WORDS 511
#define RULE_MAX_WORDS_TEXT "511"       /* for messages */
/* A set of word numbers: 0 (no word), the words, and one bit past them
 * that stands for every number no word has (rules_parse_finish()). */
#define RULE_WORD_BYTES ((RULE_MAX_WORDS + 2 + 7) / 8)
_Static_assert(RULE_WORD_BYTES >= RULE_LIT_BYTES, "a code set fits a word set");

/* What is known about one token of a window. */
typedef struct {
    uint64_t bits;            /* 1 << TC_* */
    const lex_entry *ent;     /* the list entity starting here, or NULL */
    uint32_t ent_ntok;
    uint8_t ent_an;           /* the analysis it starts from */
    uint8_t start_an;         /* where a name starting here begins */
    uint8_t literal;          /* rule literal code, 0 = none */
    uint8_t nisba_an;         /* the analysis read as a NISBA, if any */
} tok_info;

typedef struct rules rules;
typedef struct rule_set_src rule_set_src;     /* parsed rules, below */

/* Compiles the parsed rules of set (rules_parse_dir(), or the image's:
 * rules_image_get()).  Literal words are interned in lx (looked up when lx
 * is a mapped image: a missing one is an error, the image being stale).
 * Errors name file:line:col.  With lazy set, each pattern is compiled at
 * its first use instead (jit.h): only for rules that compiled before, as
 * those of a sound image did. */
alam_status rules_build(rules **out, lexicon *lx, const rule_set_src *set,
                        int lazy, alam_error *err);
void rules_free(rules *r);
size_t rules_count(const rules *r);

/* Describes every token of d (normalized and looked up), its letters
 * weighed by nl (NULL: no word is NAMELIKE); keeps in a token seen alone
 * what its form is alone (token.alone), or reads it there. */
void rules_classify(const lexicon *lx, const namelike *nl, doc *d,
                    tok_info *ti);

/* Runs every rule over the window; appends candidates.  *sig and *cap are
 * the caller's reusable encoding buffer, *md its match data for rules
 * (made here when NULL; free it with pcre2_match_data_free()).  Returns 0,
 * or -1 when memory ran out. */
int rules_scan(const rules *r, const lexicon *lx, const doc *d,
               const tok_info *ti, unsigned char **sig, size_t *cap,
               pcre2_match_data **md, cand_list *out);

/* For tests: tries anchored rule k at token i of the n tokens ti (encoded
 * into *sig, as rules_scan() does) with its regex alone, as if every
 * pre-check let it through; sets *fits to whether its prefilter does.
 * Returns 1 (a match), 0 (none) or -1 (no such anchored rule, or out of
 * memory). */
int rules_try(const rules *r, size_t k, const tok_info *ti, size_t n,
              size_t i, unsigned char **sig, size_t *cap,
              pcre2_match_data *md, int *fits);

/* The country of the NISBA token i, or NULL. */
const char *rules_nisba_iso(const lexicon *lx, const doc *d,
                            const tok_info *ti, size_t i);

/* ---- internal: the prefilter of a rule (rules_prefilter.c) ---- */

/* What the first tokens of every match of a rule must be, worked out by
 * the parser from the rule's pattern: a set of paths, each a test of up to
 * PRE_TOKENS tokens.  A start where no path passes starts no match, and
 * the rule's regex is not tried there (the proof is in rules_prefilter.c).
 * Bounded: a set holds at most PRE_PATHS paths (more are merged into
 * fewer, weaker ones). */
#define PRE_TOKENS 4
#define PRE_PATHS 8
#define PRE_CLAUSES 2

/* A test of one token: it has none of the bits forb and, for each of its
 * n_clauses clauses (0: any token), one of the bits any[k] or one of the
 * words lit (word numbers, literal codes after rules_parse_finish()): a
 * case of a token test that needs a word gives its words to every clause.
 * While the parser works on them, n_clauses is 0 or PRE_CLAUSES; a
 * finished set drops a twin clause (pre_set_finish()). */
typedef struct {
    uint64_t forb;
    uint64_t any[PRE_CLAUSES];
    uint8_t lit[RULE_WORD_BYTES];
    uint8_t n_clauses;
} pre_test;

/* Tokens 0..len-1 of a match pass t[0..len-1].  closed: the match is
 * exactly these len tokens; open: it may go on (only the parser uses the
 * difference). */
typedef struct {
    uint8_t len;
    uint8_t open;
    pre_test t[PRE_TOKENS];
} pre_path;

typedef struct {
    uint8_t n;
    pre_path p[PRE_PATHS];
} pre_set;

/* The set of the empty match (a lookaround, an empty sequence). */
void pre_set_empty(pre_set *s);
/* The set of one token passing t. */
void pre_set_token(pre_set *s, const pre_test *t);
/* a := a then b; a := a or b; a := a{lo,hi} (hi < 0: no bound). */
void pre_set_concat(pre_set *a, const pre_set *b);
void pre_set_union(pre_set *a, const pre_set *b);
void pre_set_repeat(pre_set *a, int lo, int hi);
/* s := s then anything (what a lookahead (?= ) reads). */
void pre_set_open(pre_set *s);
/* Once the rule is parsed: drops a clause equal to the one before, and
 * orders the paths so that those sharing leading tests are together. */
void pre_set_finish(pre_set *s);

/* How to walk the paths of a finished set as a tree: how many leading
 * tests each path shares with the one before, and past a failed test d of
 * path k, the next path that may pass (jump[k][d]). */
typedef struct {
    uint8_t share[PRE_PATHS];
    uint8_t jump[PRE_PATHS][PRE_TOKENS];
} pre_index;
void pre_set_index(const pre_set *s, pre_index *x);

/* Do the tokens ti[i, e) pass a path of the finished set s? */
int pre_set_fits(const pre_set *s, const pre_index *x, const tok_info *ti,
                 size_t i, size_t e);

/* ---- internal: the parser's output, compiled by rules.c ---- */

typedef struct {
    char *id;
    int label;          /* alam_label, or 0 for NONE (a veto) */
    int priority;
    char *regex;        /* PCRE2 source; the entity is group "e" */
    uint64_t trigger;   /* a match starts on a token with one of these */
    uint8_t trigger_lit[RULE_WORD_BYTES]; /* ... or on one of these words
                           (word numbers, literal codes after
                           rules_parse_finish()) */
    uint64_t reject;    /* ... and never on a token with one of these */
    int anchored;       /* 1: tried at trigger tokens; 0: searched */
    int has_second;     /* 1: every match has a second token, with one */
    uint64_t second;    /* of these bits */
    uint8_t second_lit[RULE_WORD_BYTES]; /* or one of these words (ditto) */
    pre_set pre;        /* anchored: its prefilter */
    char where[320];    /* file:line:col of the rule, for messages */
} rule_src;

struct rule_set_src {
    rule_src *v;
    size_t n, cap;
    char (*lit)[64];          /* quoted words, word number = index + 1 */
    char (*lit_where)[128];   /* where each was first quoted (NULL when
                                 read from the image) */
    uint8_t *lit_code;        /* the literal code of each, by
                                 rules_parse_finish() */
    size_t n_lit;
    uint8_t (*wsets)[RULE_WORD_BYTES]; /* the sets of words the regexes
                                 test, each once; a regex refers to set k
                                 as the 5 bytes \x01 and k in 4 hex digits */
    size_t n_wsets, wsets_cap;
};

/* Parses every dir/ *.rules (in name order) into set, then finishes it
 * (rules_parse_finish()); a missing directory gives no rules.  Errors
 * name file:line:col. */
alam_status rules_parse_dir(const char *dir, rule_set_src *set,
                            alam_error *err);

/* Parses one rule file into set; fills err (file:line:col: what). */
alam_status rules_parse_file(const char *path, const char *shown,
                             rule_set_src *set, alam_error *err);

/* Once every file is parsed: groups the words into literal codes and
 * writes the tests of words in the rules' regexes and trigger sets with
 * them; fills err when the groups are too many. */
alam_status rules_parse_finish(rule_set_src *set, alam_error *err);
void rule_set_src_free(rule_set_src *set);

/* ---- internal: the parsed rules in the compiled image (rules_image.c) ---- */

/* Appends the finished set to out as the image keeps it; the places of
 * the rules parsed from dir (dir/FILE:line:col) are kept relative to it.
 * Returns 0, or -1 when out of memory. */
int rules_image_put(const rule_set_src *set, const char *dir, strbuf *out);

/* Reads what rules_image_put() wrote, p[0, n), into the empty set, with
 * every count, length, string end and value checked; the places are put
 * under dir again.  Returns NULL, or why the bytes were refused (set left
 * empty). */
const char *rules_image_get(const void *p, size_t n, const char *dir,
                            rule_set_src *set);

#endif
