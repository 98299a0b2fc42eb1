/*
 * Compiled regular expressions shared by all evaluations: a process-wide
 * cache of PCRE2 programs keyed by Go-syntax pattern, bounded by
 * RG_REGEX_CACHE_MAX entries and guarded by a mutex.  Entries are
 * reference-counted, so one evicted while another thread matches with it
 * is freed only when released.  rg_regex_cache_clear frees everything
 * unused (tests call it so leak checkers see no leaks).
 *
 * Matching applies PCRE2 match and depth limits, so a pattern that
 * backtracks catastrophically fails with an error instead of running
 * for minutes; a yes-or-no test (rg_regex_test) then asks PCRE2's DFA
 * matcher instead.
 */
#ifndef RG_REGEX_CACHE_H
#define RG_REGEX_CACHE_H

#include "runtime/arena.h"

/* Patterns kept compiled at once, as OPA's regex cache. */
#define RG_REGEX_CACHE_MAX 100

/* Backtracking steps one match attempt may take: a 50 KB subject with a
 * catastrophic pattern hits it in well under a second, while ordinary
 * patterns need far fewer steps. */
#define RG_REGEX_MATCH_LIMIT 5000000
/* Nested backtracking points: a repeated group on a long subject needs
 * one per repetition, so this is generous and memory is bounded by the
 * heap limit instead. */
#define RG_REGEX_DEPTH_LIMIT 10000000
/* KiB of backtracking memory per match attempt. */
#define RG_REGEX_HEAP_LIMIT (64 * 1024)

typedef struct rg_regex rg_regex;

/* The compiled form of Go pattern pat[0..len): a new reference the
 * caller releases with rg_regex_release, or NULL with *err set to Go's
 * message ("error parsing regexp: ...", living in arena). */
rg_regex *rg_regex_get(const char *pat, size_t len, rg_arena *arena,
                       const char **err);

/* Give back a reference from rg_regex_get. */
void rg_regex_release(rg_regex *re);

/* Capture groups of re, not counting the whole match. */
size_t rg_regex_groups(const rg_regex *re);

/* The number of the capture group called name[0..len), or -1. */
int rg_regex_group_named(const rg_regex *re, const char *name, size_t len);

typedef enum rg_regex_result {
    RG_REGEX_MATCH,
    RG_REGEX_NOMATCH,
    RG_REGEX_LIMIT       /* match or depth limit reached */
} rg_regex_result;

/* Search s[0..len) from byte offset start.  On a match, spans receives
 * 2 * (groups + 1) offsets, (size_t)-1 for a group that did not take
 * part. */
rg_regex_result rg_regex_exec(rg_regex *re, const char *s, size_t len,
                              size_t start, size_t *spans);

/* Whether re matches anywhere in s[0..len).  When backtracking reaches
 * a limit, PCRE2's DFA matcher decides instead, so a pattern such as
 * ^(a|a)*$ gets the answer RE2 gives in linear time; RG_REGEX_LIMIT
 * only when that fails too. */
rg_regex_result rg_regex_test(rg_regex *re, const char *s, size_t len);

/* Free every cached program no evaluation holds. */
void rg_regex_cache_clear(void);

#endif
