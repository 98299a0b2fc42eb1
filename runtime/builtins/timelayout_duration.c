/*
 * Go duration strings ("300ms", "-1.5h", "2h45m"): a signed sequence of
 * decimal numbers with units ns, us (or µs, μs), ms, s, m, h, and OPA's
 * extra units d, w and y, parsed with Go's time.ParseDuration rules and
 * error messages.
 */
#include "runtime/builtins/timelayout.h"

#include <string.h>

/* 2^63: the magnitude limit Go checks durations against. */
#define DURATION_LIMIT ((uint64_t)1 << 63)

typedef struct duration_unit {
    const char *name;
    uint64_t ns;
} duration_unit;

static const duration_unit units[] = {
    { "ns", 1 },
    { "us", 1000 },
    { "\xc2\xb5s", 1000 },      /* U+00B5 micro sign */
    { "\xce\xbcs", 1000 },      /* U+03BC Greek small mu */
    { "ms", 1000000 },
    { "s", 1000000000 },
    { "m", 60ull * 1000000000 },
    { "h", 3600ull * 1000000000 },
    /* OPA adds days, weeks and 365-day years to Go's units. */
    { "d", 86400ull * 1000000000 },
    { "w", 7 * 86400ull * 1000000000 },
    { "y", 365 * 86400ull * 1000000000 },
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Leading integer; false on overflow. */
static bool leading_int(const char **s, const char *end, uint64_t *out)
{
    uint64_t x = 0;
    const char *p = *s;
    for (; p < end && is_digit(*p); p++) {
        if (x > DURATION_LIMIT / 10)
            return false;
        x = x * 10 + (uint64_t)(*p - '0');
        if (x > DURATION_LIMIT)
            return false;
    }
    *s = p;
    *out = x;
    return true;
}

/* Digits after the point: the value and its scale, ignoring digits that
 * would overflow. */
static void leading_fraction(const char **s, const char *end, uint64_t *f,
                             double *scale)
{
    uint64_t x = 0;
    double sc = 1;
    bool overflow = false;
    const char *p = *s;
    for (; p < end && is_digit(*p); p++) {
        if (overflow)
            continue;
        if (x > (DURATION_LIMIT - 1) / 10) {
            overflow = true;
            continue;
        }
        uint64_t y = x * 10 + (uint64_t)(*p - '0');
        if (y > DURATION_LIMIT) {
            overflow = true;
            continue;
        }
        x = y;
        sc *= 10;
    }
    *s = p;
    *f = x;
    *scale = sc;
}

static const duration_unit *find_unit(const char *u, size_t n)
{
    for (size_t i = 0; i < RG_ARRAY_LEN(units); i++)
        if (strlen(units[i].name) == n && memcmp(units[i].name, u, n) == 0)
            return &units[i];
    return NULL;
}

typedef struct dur_err {
    rg_arena *arena;
    const char *orig;
    const char **err;
} dur_err;

static bool invalid(dur_err *e)
{
    *e->err = rg_arena_printf(e->arena, "time: invalid duration %s",
        rg_timelayout_quote(e->arena, e->orig, strlen(e->orig)));
    return false;
}

/* One "number unit" term added to *total. */
static bool parse_term(dur_err *e, const char **sp, const char *end,
                       uint64_t *total)
{
    const char *s = *sp;
    if (!(*s == '.' || is_digit(*s)))
        return invalid(e);
    const char *start = s;
    uint64_t v, f = 0;
    double scale = 1;
    if (!leading_int(&s, end, &v))
        return invalid(e);
    bool pre = s != start, post = false;
    if (s < end && *s == '.') {
        s++;
        const char *fs = s;
        leading_fraction(&s, end, &f, &scale);
        post = s != fs;
    }
    if (!pre && !post)
        return invalid(e);
    const char *u = s;
    while (s < end && *s != '.' && !is_digit(*s))
        s++;
    if (s == u) {
        *e->err = rg_arena_printf(e->arena,
            "time: missing unit in duration %s",
            rg_timelayout_quote(e->arena, e->orig, strlen(e->orig)));
        return false;
    }
    const duration_unit *unit = find_unit(u, (size_t)(s - u));
    if (!unit) {
        *e->err = rg_arena_printf(e->arena,
            "time: unknown unit %s in duration %s",
            rg_timelayout_quote(e->arena, u, (size_t)(s - u)),
            rg_timelayout_quote(e->arena, e->orig, strlen(e->orig)));
        return false;
    }
    if (v > DURATION_LIMIT / unit->ns)
        return invalid(e);
    v *= unit->ns;
    if (f > 0) {
        v += (uint64_t)((double)f * ((double)unit->ns / scale));
        if (v > DURATION_LIMIT)
            return invalid(e);
    }
    *total += v;
    if (*total > DURATION_LIMIT)
        return invalid(e);
    *sp = s;
    return true;
}

bool rg_timelayout_duration(rg_arena *arena, const char *text,
                            int64_t *ns, const char **err)
{
    dur_err e = { arena, text, err };
    const char *s = text, *end = text + strlen(text);
    bool neg = false;
    if (s < end && (*s == '-' || *s == '+')) {
        neg = *s == '-';
        s++;
    }
    if (end - s == 1 && *s == '0') {
        *ns = 0;
        return true;
    }
    if (s == end)
        return invalid(&e);
    uint64_t total = 0;
    while (s < end)
        if (!parse_term(&e, &s, end, &total))
            return false;
    if (neg) {
        *ns = total == DURATION_LIMIT ? INT64_MIN : -(int64_t)total;
        return true;
    }
    if (total > DURATION_LIMIT - 1)
        return invalid(&e);
    *ns = (int64_t)total;
    return true;
}
