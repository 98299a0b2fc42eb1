/*
 * The time.* builtins: now_ns, parse_ns, parse_rfc3339_ns,
 * parse_duration_ns, format, date, clock, weekday, add_date and diff.
 * Timestamps are int64 nanoseconds since the Unix epoch; results outside
 * that range fail with "time outside of valid range" as in OPA.  Zones
 * come from the system zoneinfo (runtime/builtins/timezone.c), layouts
 * follow Go's rules (runtime/builtins/timelayout*.c).
 */
#include <math.h>
#include <string.h>

#include "runtime/builtins/civil.h"
#include "runtime/builtins/extargs.h"
#include "runtime/builtins/timelayout.h"
#include "runtime/builtins/timezone.h"

#define NS_PER_SEC 1000000000LL
/* The int64 nanosecond range in seconds and nanoseconds:
 * 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z. */
#define MIN_SEC (-9223372037LL)
#define MIN_NSEC 145224192
#define MAX_SEC 9223372036LL
#define MAX_NSEC 854775807
/* Largest magnitude of a time.add_date operand; larger ones would
 * overflow the day arithmetic and always leave the valid range. */
#define ADD_DATE_MAX 100000000000LL

static const char *const weekday_names[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday",
};

/* A timestamp operand: nanoseconds, zone and optional layout. */
typedef struct tz_time {
    int64_t ns;
    const rg_tz *tz;
    const char *layout;     /* NULL when not given */
} tz_time;

static const char *const tz_time_want =
    "either number (ns) or [number (ns), string (tz)]";

static rg_bstatus timestamp_of(rg_bctx *ctx, const rg_value *n, int64_t *ns)
{
    if (rg_number_int64(n, ns))
        return RG_BUILTIN_OK;
    double d = rg_number_double(n);
    if (rg_number_is_integer(n) && fabs(d) < 9.2e18) {
        *ns = (int64_t)d;
        return RG_BUILTIN_OK;
    }
    return rg_extargs_fail(ctx, "timestamp too big");
}

static rg_bstatus zone_of(rg_bctx *ctx, const rg_value *v, tz_time *t)
{
    const char *name;
    if (rg_extargs_string(ctx, v, 1, &name, NULL) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    char err[256];
    t->tz = rg_timezone_load(name, err, sizeof err);
    if (!t->tz)
        return rg_extargs_fail(ctx, err);
    return RG_BUILTIN_OK;
}

static rg_bstatus tz_time_of(rg_bctx *ctx, const rg_value *v, tz_time *t)
{
    t->tz = rg_timezone_utc();
    t->layout = NULL;
    const rg_value *n = v;
    if (rg_value_kind(v) == RG_ARRAY) {
        size_t len = rg_len(v);
        if (len == 0)
            return rg_bctx_type_error(ctx, 1, tz_time_want, v);
        n = rg_array_at(v, 0);
        if (rg_value_kind(n) != RG_NUMBER)
            return rg_bctx_type_error(ctx, 1, "number", n);
        if (len > 1 && zone_of(ctx, rg_array_at(v, 1), t) != RG_BUILTIN_OK)
            return RG_BUILTIN_ERROR;
        if (len > 2 && rg_extargs_string(ctx, rg_array_at(v, 2), 1,
                                         &t->layout, NULL) != RG_BUILTIN_OK)
            return RG_BUILTIN_ERROR;
    } else if (rg_value_kind(v) != RG_NUMBER) {
        return rg_bctx_type_error(ctx, 1, tz_time_want, v);
    }
    return timestamp_of(ctx, n, &t->ns);
}

static void civil_of(int64_t ns, const rg_tz *tz, rg_civil *c)
{
    int64_t sec = rg_civil_floordiv(ns, NS_PER_SEC);
    c->offset = rg_timezone_offset(tz, sec, &c->abbr);
    rg_civil_from_seconds(sec + c->offset, c);
    c->nsec = (int32_t)rg_civil_floormod(ns, NS_PER_SEC);
}

/* The result for Unix time sec + nsec, or OPA's range error. */
static rg_bstatus unix_result(rg_bctx *ctx, int64_t sec, int32_t nsec,
                              const rg_value **out)
{
    if (sec < MIN_SEC || sec > MAX_SEC ||
        (sec == MIN_SEC && nsec < MIN_NSEC) ||
        (sec == MAX_SEC && nsec > MAX_NSEC))
        return rg_extargs_fail(ctx, "time outside of valid range");
    int64_t ns;
    if (sec < 0)
        ns = (sec + 1) * NS_PER_SEC + (nsec - NS_PER_SEC);
    else
        ns = sec * NS_PER_SEC + nsec;
    *out = rg_int(rg_bctx_arena(ctx), ns);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_now_ns(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(args);
    RG_UNUSED(nargs);
    *out = rg_int(rg_bctx_arena(ctx), rg_bctx_now_ns(ctx));
    return RG_BUILTIN_OK;
}

static rg_bstatus parse_with(rg_bctx *ctx, const char *layout,
                             const char *value, const rg_value **out)
{
    int64_t sec;
    int32_t nsec;
    const char *err;
    if (!rg_timelayout_parse(rg_bctx_arena(ctx), layout, value, &sec, &nsec,
                             &err))
        return rg_extargs_fail(ctx, err);
    return unix_result(ctx, sec, nsec, out);
}

static rg_bstatus bi_parse_ns(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *layout, *value;
    if (rg_extargs_string(ctx, args[0], 1, &layout, NULL) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, args[1], 2, &value, NULL) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    return parse_with(ctx, rg_timelayout_named(layout), value, out);
}

static rg_bstatus bi_parse_rfc3339_ns(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *value;
    if (rg_extargs_string(ctx, args[0], 1, &value, NULL) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    return parse_with(ctx, rg_timelayout_named("RFC3339"), value, out);
}

static rg_bstatus bi_parse_duration_ns(rg_bctx *ctx,
                                       const rg_value *const *args,
                                       size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *text, *err;
    if (rg_extargs_string(ctx, args[0], 1, &text, NULL) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    int64_t ns;
    if (!rg_timelayout_duration(rg_bctx_arena(ctx), text, &ns, &err))
        return rg_extargs_fail(ctx, err);
    *out = rg_int(rg_bctx_arena(ctx), ns);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_format(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    tz_time t;
    if (tz_time_of(ctx, args[0], &t) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    const char *layout = t.layout && t.layout[0]
                             ? rg_timelayout_named(t.layout)
                             : rg_timelayout_named("RFC3339Nano");
    rg_civil c;
    civil_of(t.ns, t.tz, &c);
    const char *s = rg_timelayout_format(rg_bctx_arena(ctx), layout, &c);
    *out = rg_extargs_str(ctx, s, strlen(s));
    return RG_BUILTIN_OK;
}

static const rg_value *int_triple(rg_bctx *ctx, int64_t a, int64_t b,
                                  int64_t c)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *items[3] = { rg_int(arena, a), rg_int(arena, b),
                                 rg_int(arena, c) };
    return rg_array(arena, items, 3);
}

static rg_bstatus bi_date(rg_bctx *ctx, const rg_value *const *args,
                          size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    tz_time t;
    if (tz_time_of(ctx, args[0], &t) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_civil c;
    civil_of(t.ns, t.tz, &c);
    *out = int_triple(ctx, c.year, c.month, c.day);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_clock(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    tz_time t;
    if (tz_time_of(ctx, args[0], &t) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_civil c;
    civil_of(t.ns, t.tz, &c);
    *out = int_triple(ctx, c.hour, c.minute, c.second);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_weekday(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    tz_time t;
    if (tz_time_of(ctx, args[0], &t) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_civil c;
    civil_of(t.ns, t.tz, &c);
    const char *name = weekday_names[c.wday];
    *out = rg_extargs_str(ctx, name, strlen(name));
    return RG_BUILTIN_OK;
}

/* Unix seconds of a local wall time in tz, resolving gaps and overlaps
 * as Go's time.Date does. */
static int64_t local_to_unix(const rg_tz *tz, int64_t local)
{
    int off = rg_timezone_offset(tz, local, NULL);
    int off2 = rg_timezone_offset(tz, local - off, NULL);
    return local - off2;
}

static bool too_large(int64_t v)
{
    return v > ADD_DATE_MAX || v < -ADD_DATE_MAX;
}

static rg_bstatus bi_add_date(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    tz_time t;
    int64_t years, months, days;
    if (tz_time_of(ctx, args[0], &t) != RG_BUILTIN_OK ||
        rg_extargs_int(ctx, args[1], 2, &years) != RG_BUILTIN_OK ||
        rg_extargs_int(ctx, args[2], 3, &months) != RG_BUILTIN_OK ||
        rg_extargs_int(ctx, args[3], 4, &days) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (too_large(years) || too_large(months) || too_large(days))
        return rg_extargs_fail(ctx, "time outside of valid range");
    rg_civil c;
    civil_of(t.ns, t.tz, &c);
    int64_t day_count = rg_civil_days(c.year + years, c.month + months,
                                      c.day + days);
    int64_t local = day_count * RG_CIVIL_SECS_PER_DAY + c.hour * 3600 +
                    c.minute * 60 + c.second;
    return unix_result(ctx, local_to_unix(t.tz, local), c.nsec, out);
}

/* The calendar difference between two times, both read in a's zone:
 * years, months, days, hours, minutes, seconds. */
static const rg_value *calendar_diff(rg_bctx *ctx, const rg_civil *a,
                                     const rg_civil *b)
{
    int64_t d[6] = { b->year - a->year, b->month - a->month,
                     b->day - a->day, b->hour - a->hour,
                     b->minute - a->minute, b->second - a->second };
    static const int carry[6] = { 0, 12, 0, 24, 60, 60 };
    for (int i = 5; i > 0; i--) {
        if (d[i] >= 0)
            continue;
        if (i == 2) {
            /* Borrow the length of the earlier time's month. */
            d[i] += rg_civil_month_days(a->year, a->month);
        } else {
            d[i] += carry[i];
        }
        d[i - 1]--;
    }
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *items[6];
    for (int i = 0; i < 6; i++)
        items[i] = rg_int(arena, d[i]);
    return rg_array(arena, items, 6);
}

static rg_bstatus bi_diff(rg_bctx *ctx, const rg_value *const *args,
                          size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    tz_time t1, t2;
    if (tz_time_of(ctx, args[0], &t1) != RG_BUILTIN_OK ||
        tz_time_of(ctx, args[1], &t2) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (t1.ns > t2.ns) {
        int64_t tmp = t1.ns;
        t1.ns = t2.ns;
        t2.ns = tmp;
    }
    rg_civil a, b;
    civil_of(t1.ns, t1.tz, &a);
    civil_of(t2.ns, t1.tz, &b);
    *out = calendar_diff(ctx, &a, &b);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_time[] = {
    { "time.now_ns", 0, bi_now_ns, false, true },
    { "time.parse_ns", 2, bi_parse_ns, false, false },
    { "time.parse_rfc3339_ns", 1, bi_parse_rfc3339_ns, false, false },
    { "time.parse_duration_ns", 1, bi_parse_duration_ns, false, false },
    { "time.format", 1, bi_format, false, false },
    { "time.date", 1, bi_date, false, false },
    { "time.clock", 1, bi_clock, false, false },
    { "time.weekday", 1, bi_weekday, false, false },
    { "time.add_date", 4, bi_add_date, false, false },
    { "time.diff", 2, bi_diff, false, false },
    { NULL, 0, NULL, false, false },
};
