/*
 * Process-wide cache of compiled PCRE2 programs (see regex_cache.h).
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/re2.h"
#include "runtime/builtins/regex_cache.h"

struct rg_regex {
    char *pattern;          /* owned Go pattern, the cache key */
    size_t len;
    pcre2_code *code;
    char *translated;       /* owned PCRE2 pattern, for the DFA matcher */
    size_t translated_len;
    uint32_t groups;
    int refs;               /* holders, the cache counting as one */
    bool cached;
};

/* Options of every program: Go's UTF-8 and "$" semantics.  The
 * backtracking program adds PCRE2_MATCH_INVALID_UTF, which the DFA
 * matcher does not support. */
#define REGEX_COMPILE_OPTIONS (PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | \
                               PCRE2_NEVER_BACKSLASH_C)

static pthread_mutex_t regex_lock = PTHREAD_MUTEX_INITIALIZER;
static rg_regex *regex_entries[RG_REGEX_CACHE_MAX];
static size_t regex_count;
static size_t regex_next_victim;
static bool regex_atexit_done;

static void regex_free(rg_regex *re)
{
    pcre2_code_free(re->code);
    free(re->translated);
    free(re->pattern);
    free(re);
}

/* Drop one reference; the caller holds regex_lock. */
static void regex_unref_locked(rg_regex *re)
{
    if (--re->refs == 0)
        regex_free(re);
}

void rg_regex_release(rg_regex *re)
{
    pthread_mutex_lock(&regex_lock);
    regex_unref_locked(re);
    pthread_mutex_unlock(&regex_lock);
}

void rg_regex_cache_clear(void)
{
    pthread_mutex_lock(&regex_lock);
    for (size_t i = 0; i < regex_count; i++) {
        regex_entries[i]->cached = false;
        regex_unref_locked(regex_entries[i]);
    }
    regex_count = 0;
    pthread_mutex_unlock(&regex_lock);
}

static rg_regex *regex_lookup_locked(const char *pat, size_t len)
{
    for (size_t i = 0; i < regex_count; i++) {
        rg_regex *re = regex_entries[i];
        if (re->len == len && memcmp(re->pattern, pat, len) == 0)
            return re;
    }
    return NULL;
}

/* Compile pat into a new entry holding one reference, or NULL. */
static rg_regex *regex_compile(const char *pat, size_t len,
                               rg_arena *arena, const char **err)
{
    rg_strbuf tr;
    rg_strbuf_init(&tr, arena);
    const char *why;
    if (!rg_re2_translate(pat, len, &tr, &why)) {
        *err = rg_arena_printf(arena, "error parsing regexp: %s", why);
        return NULL;
    }
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
    int code;
    PCRE2_SIZE at;
    uint32_t opts = REGEX_COMPILE_OPTIONS | PCRE2_MATCH_INVALID_UTF;
    pcre2_code *prog = pcre2_compile((PCRE2_SPTR)tr.data, tr.len, opts,
                                     &code, &at, cc);
    pcre2_compile_context_free(cc);
    if (!prog) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        *err = rg_arena_printf(arena, "error parsing regexp: %s: `%.*s`",
                               (const char *)msg, (int)len, pat);
        return NULL;
    }
    rg_regex *re = rg_xcalloc(1, sizeof *re);
    re->pattern = rg_xstrndup(pat, len);
    re->len = len;
    re->code = prog;
    re->translated = rg_xstrndup(tr.data, tr.len);
    re->translated_len = tr.len;
    pcre2_pattern_info(prog, PCRE2_INFO_CAPTURECOUNT, &re->groups);
    re->refs = 1;
    return re;
}

/* Put re in the cache, evicting in rotation when full; holds the lock. */
static void regex_insert_locked(rg_regex *re)
{
    if (!regex_atexit_done) {
        atexit(rg_regex_cache_clear);
        regex_atexit_done = true;
    }
    if (regex_count == RG_REGEX_CACHE_MAX) {
        size_t v = regex_next_victim++ % RG_REGEX_CACHE_MAX;
        regex_entries[v]->cached = false;
        regex_unref_locked(regex_entries[v]);
        regex_entries[v] = re;
    } else {
        regex_entries[regex_count++] = re;
    }
    re->cached = true;
    re->refs++;
}

rg_regex *rg_regex_get(const char *pat, size_t len, rg_arena *arena,
                       const char **err)
{
    pthread_mutex_lock(&regex_lock);
    rg_regex *re = regex_lookup_locked(pat, len);
    if (re)
        re->refs++;
    pthread_mutex_unlock(&regex_lock);
    if (re)
        return re;
    re = regex_compile(pat, len, arena, err);
    if (!re)
        return NULL;
    pthread_mutex_lock(&regex_lock);
    rg_regex *other = regex_lookup_locked(pat, len);
    if (other) {
        other->refs++;
        regex_unref_locked(re);
        re = other;
    } else {
        regex_insert_locked(re);
    }
    pthread_mutex_unlock(&regex_lock);
    return re;
}

size_t rg_regex_groups(const rg_regex *re)
{
    return re->groups;
}

/* Longest group name looked up; longer names match no group. */
#define REGEX_NAME_MAX 128

int rg_regex_group_named(const rg_regex *re, const char *name, size_t len)
{
    char buf[REGEX_NAME_MAX + 1];
    if (len > REGEX_NAME_MAX)
        return -1;
    memcpy(buf, name, len);
    buf[len] = '\0';
    int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)buf);
    return n > 0 ? n : -1;
}

rg_regex_result rg_regex_exec(rg_regex *re, const char *s, size_t len,
                              size_t start, size_t *spans)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code,
                                                                NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mc, RG_REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(mc, RG_REGEX_DEPTH_LIMIT);
    pcre2_set_heap_limit(mc, RG_REGEX_HEAP_LIMIT);
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, 0, md, mc);
    rg_regex_result res = RG_REGEX_NOMATCH;
    if (rc >= 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        for (size_t i = 0; i < 2 * ((size_t)re->groups + 1); i++)
            spans[i] = ov[i] == PCRE2_UNSET ? (size_t)-1 : ov[i];
        res = RG_REGEX_MATCH;
    } else if (rc == PCRE2_ERROR_MATCHLIMIT ||
               rc == PCRE2_ERROR_DEPTHLIMIT ||
               rc == PCRE2_ERROR_HEAPLIMIT) {
        res = RG_REGEX_LIMIT;
    }
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    return res;
}

/* Workspace ints for the DFA matcher: PCRE2 needs a few per state kept
 * alive at once; patterns Go accepts need far fewer than this. */
#define REGEX_DFA_WORKSPACE 20000

/* Whether s matches, by PCRE2's DFA matcher: its time grows with the
 * subject times the pattern's states, not with backtracking.  The
 * program is compiled here, as this path is rare: only patterns that
 * already hit the backtracking limit reach it. */
static rg_regex_result dfa_test(rg_regex *re, const char *s, size_t len)
{
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
    int code;
    PCRE2_SIZE at;
    pcre2_code *prog = pcre2_compile((PCRE2_SPTR)re->translated,
                                     re->translated_len,
                                     REGEX_COMPILE_OPTIONS, &code, &at, cc);
    pcre2_compile_context_free(cc);
    if (prog == NULL)
        return RG_REGEX_LIMIT;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mc, RG_REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(mc, RG_REGEX_DEPTH_LIMIT);
    int *ws = rg_xmalloc(REGEX_DFA_WORKSPACE * sizeof *ws);
    int rc = pcre2_dfa_match(prog, (PCRE2_SPTR)s, len, 0,
                             PCRE2_DFA_SHORTEST, md, mc, ws,
                             REGEX_DFA_WORKSPACE);
    free(ws);
    pcre2_code_free(prog);
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    if (rc >= 0)
        return RG_REGEX_MATCH;
    return rc == PCRE2_ERROR_NOMATCH ? RG_REGEX_NOMATCH : RG_REGEX_LIMIT;
}

rg_regex_result rg_regex_test(rg_regex *re, const char *s, size_t len)
{
    size_t *spans = rg_xmalloc(2 * (re->groups + 1) * sizeof *spans);
    rg_regex_result r = rg_regex_exec(re, s, len, 0, spans);
    free(spans);
    return r == RG_REGEX_LIMIT ? dfa_test(re, s, len) : r;
}
