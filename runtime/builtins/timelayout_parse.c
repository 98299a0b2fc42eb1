/*
 * Parsing a time with a Go layout, following Go's time.Parse: the same
 * element rules, range checks, default values and error messages
 * ("parsing time "V" as "L": cannot parse "X" as "Y"").  Zone
 * abbreviations other than UTC and GMT+N carry offset zero, as in Go
 * when the default location is UTC.
 */
#include "runtime/builtins/timelayout.h"

#include <string.h>

/* The fields collected while parsing, with Go's defaults. */
typedef struct parsed {
    int64_t year;
    int month, day, yday;       /* -1 when absent */
    int hour, minute, second;
    int32_t nsec;
    bool pm_set, am_set, utc;
    int zone_offset;            /* -1 when absent */
    const char *zone_name;
    size_t zone_name_len;
} parsed;

/* A failed parse: the element and remaining value, or a message. */
typedef struct parse_state {
    rg_arena *arena;
    const char *layout, *value;     /* the whole inputs */
    const char *rest;               /* value not yet consumed */
    size_t rest_len;
    const char *range_err;          /* "month" in "month out of range" */
} parse_state;

static const char *const short_months[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const long_months[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};
static const char *const short_days[7] = {
    "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const long_days[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday",
};

static bool is_digit_at(const char *s, size_t len, size_t i)
{
    return i < len && s[i] >= '0' && s[i] <= '9';
}

static void advance(parse_state *st, size_t n)
{
    st->rest += n;
    st->rest_len -= n;
}

/* One or two digits; exactly two when fixed. */
static bool getnum(parse_state *st, bool fixed, int *out)
{
    if (!is_digit_at(st->rest, st->rest_len, 0))
        return false;
    if (!is_digit_at(st->rest, st->rest_len, 1)) {
        if (fixed)
            return false;
        *out = st->rest[0] - '0';
        advance(st, 1);
        return true;
    }
    *out = (st->rest[0] - '0') * 10 + (st->rest[1] - '0');
    advance(st, 2);
    return true;
}

/* One to three digits; exactly three when fixed. */
static bool getnum3(parse_state *st, bool fixed, int *out)
{
    int n = 0;
    size_t i = 0;
    for (; i < 3 && is_digit_at(st->rest, st->rest_len, i); i++)
        n = n * 10 + (st->rest[i] - '0');
    if (i == 0 || (fixed && i != 3))
        return false;
    *out = n;
    advance(st, i);
    return true;
}

static bool lookup(parse_state *st, const char *const *tab, size_t n,
                   int *out)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(tab[i]);
        if (st->rest_len >= len && strncasecmp(st->rest, tab[i], len) == 0) {
            *out = (int)i;
            advance(st, len);
            return true;
        }
    }
    return false;
}

/* Go's atoi on a short field: optional sign, then only digits. */
static bool atoi_field(const char *s, size_t len, int64_t *out)
{
    bool neg = false;
    size_t i = 0;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == len)
        return false;
    int64_t v = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return true;
}

static bool comma_or_period(char c)
{
    return c == '.' || c == ',';
}

/* A fraction of nbytes bytes (separator included) at rest. */
static bool parse_nanos(parse_state *st, size_t nbytes, int32_t *out)
{
    if (!comma_or_period(st->rest[0]))
        return false;
    size_t n = nbytes > 10 ? 10 : nbytes;
    int64_t ns;
    if (!atoi_field(st->rest + 1, n - 1, &ns))
        return false;
    if (ns < 0) {
        st->range_err = "fractional second";
        return true;
    }
    for (size_t i = n; i < 10; i++)
        ns *= 10;
    *out = (int32_t)ns;
    advance(st, nbytes);
    return true;
}

/* ---- Zone elements ----------------------------------------------------- */

static size_t signed_offset_len(const char *s, size_t len)
{
    if (len == 0 || (s[0] != '-' && s[0] != '+'))
        return 0;
    size_t i = 1;
    uint64_t x = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        x = x * 10 + (uint64_t)(s[i] - '0');
        if (x > 1000)
            return 0;
        i++;
    }
    if (i == 1 || x > 12)
        return 0;
    return i;
}

/* Length of a zone abbreviation at s, or 0 (Go's parseTimeZone). */
static size_t zone_name_len(const char *s, size_t len)
{
    if (len < 3)
        return 0;
    if (len >= 4 && (memcmp(s, "ChST", 4) == 0 || memcmp(s, "MeST", 4) == 0))
        return 4;
    if (memcmp(s, "GMT", 3) == 0)
        return 3 + signed_offset_len(s + 3, len - 3);
    if (s[0] == '+' || s[0] == '-')
        return signed_offset_len(s, len);
    size_t upper = 0;
    while (upper < 6 && upper < len && s[upper] >= 'A' && s[upper] <= 'Z')
        upper++;
    if (upper == 3)
        return 3;
    if (upper == 4 && (s[3] == 'T' || memcmp(s, "WITA", 4) == 0))
        return 4;
    if (upper == 5 && s[4] == 'T')
        return 5;
    return 0;
}

typedef struct zone_shape {
    size_t need;            /* bytes consumed */
    int min_at, sec_at;     /* positions of minutes, seconds or -1 */
    int colon1, colon2;     /* positions that must be ':' or -1 */
} zone_shape;

static zone_shape shape_of(rg_layout_elem e)
{
    switch (e) {
    case RG_LAYOUT_ISO_COLON_TZ:
    case RG_LAYOUT_NUM_COLON_TZ:
        return (zone_shape){ 6, 4, -1, 3, -1 };
    case RG_LAYOUT_ISO_SHORT_TZ:
    case RG_LAYOUT_NUM_SHORT_TZ:
        return (zone_shape){ 3, -1, -1, -1, -1 };
    case RG_LAYOUT_ISO_COLON_SECONDS_TZ:
    case RG_LAYOUT_NUM_COLON_SECONDS_TZ:
        return (zone_shape){ 9, 4, 7, 3, 6 };
    case RG_LAYOUT_ISO_SECONDS_TZ:
    case RG_LAYOUT_NUM_SECONDS_TZ:
        return (zone_shape){ 7, 3, 5, -1, -1 };
    default:
        return (zone_shape){ 5, 3, -1, -1, -1 };
    }
}

static bool two_digits(const char *s, int *out)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return false;
    *out = (s[0] - '0') * 10 + (s[1] - '0');
    return true;
}

static bool parse_num_zone(parse_state *st, rg_layout_elem e, parsed *p)
{
    zone_shape sh = shape_of(e);
    const char *s = st->rest;
    if (st->rest_len < sh.need)
        return false;
    if ((sh.colon1 >= 0 && s[sh.colon1] != ':') ||
        (sh.colon2 >= 0 && s[sh.colon2] != ':'))
        return false;
    int hr, mm = 0, ss = 0;
    if (!two_digits(s + 1, &hr))
        return false;
    if (sh.min_at >= 0 && !two_digits(s + sh.min_at, &mm))
        return false;
    if (sh.sec_at >= 0 && !two_digits(s + sh.sec_at, &ss))
        return false;
    advance(st, sh.need);
    /* Go allows 24 hours, 60 minutes and 60 seconds in an offset. */
    if (hr > 24)
        st->range_err = "time zone offset hour";
    if (mm > 60)
        st->range_err = "time zone offset minute";
    if (ss > 60)
        st->range_err = "time zone offset second";
    p->zone_offset = (hr * 60 + mm) * 60 + ss;
    if (s[0] == '-')
        p->zone_offset = -p->zone_offset;
    else if (s[0] != '+')
        return false;
    return true;
}

static bool parse_zone_elem(parse_state *st, rg_layout_elem e, parsed *p)
{
    if (e == RG_LAYOUT_TZ) {
        if (st->rest_len >= 3 && memcmp(st->rest, "UTC", 3) == 0) {
            p->utc = true;
            advance(st, 3);
            return true;
        }
        size_t n = zone_name_len(st->rest, st->rest_len);
        if (n == 0)
            return false;
        p->zone_name = st->rest;
        p->zone_name_len = n;
        advance(st, n);
        return true;
    }
    if (e >= RG_LAYOUT_ISO_TZ && e <= RG_LAYOUT_ISO_COLON_SECONDS_TZ &&
        st->rest_len >= 1 && st->rest[0] == 'Z') {
        p->utc = true;
        advance(st, 1);
        return true;
    }
    return parse_num_zone(st, e, p);
}

/* ---- Date and clock elements ------------------------------------------- */

static bool parse_year(parse_state *st, rg_layout_elem e, parsed *p)
{
    size_t n = e == RG_LAYOUT_YEAR ? 2 : 4;
    if (st->rest_len < n)
        return false;
    if (e == RG_LAYOUT_LONG_YEAR && !is_digit_at(st->rest, st->rest_len, 0))
        return false;
    if (!atoi_field(st->rest, n, &p->year))
        return false;
    advance(st, n);
    if (e == RG_LAYOUT_YEAR)
        p->year += p->year >= 69 ? 1900 : 2000;
    return true;
}

static bool parse_date_elem(parse_state *st, rg_layout_elem e, parsed *p)
{
    int ignored;
    switch (e) {
    case RG_LAYOUT_YEAR:
    case RG_LAYOUT_LONG_YEAR:
        return parse_year(st, e, p);
    case RG_LAYOUT_MONTH:
        if (!lookup(st, short_months, 12, &p->month))
            return false;
        p->month++;
        return true;
    case RG_LAYOUT_LONG_MONTH:
        if (!lookup(st, long_months, 12, &p->month))
            return false;
        p->month++;
        return true;
    case RG_LAYOUT_NUM_MONTH:
    case RG_LAYOUT_ZERO_MONTH:
        if (!getnum(st, e == RG_LAYOUT_ZERO_MONTH, &p->month))
            return false;
        if (p->month <= 0 || p->month > 12)
            st->range_err = "month";
        return true;
    case RG_LAYOUT_WEEKDAY:
        return lookup(st, short_days, 7, &ignored);
    case RG_LAYOUT_LONG_WEEKDAY:
        return lookup(st, long_days, 7, &ignored);
    case RG_LAYOUT_UNDER_DAY:
        if (st->rest_len > 0 && st->rest[0] == ' ')
            advance(st, 1);
        return getnum(st, false, &p->day);
    case RG_LAYOUT_DAY:
    case RG_LAYOUT_ZERO_DAY:
        return getnum(st, e == RG_LAYOUT_ZERO_DAY, &p->day);
    default:
        for (int i = 0; i < 2 && e == RG_LAYOUT_UNDER_YEARDAY; i++)
            if (st->rest_len > 0 && st->rest[0] == ' ')
                advance(st, 1);
        return getnum3(st, e == RG_LAYOUT_ZERO_YEARDAY, &p->yday);
    }
}

/* A fraction after the seconds that the layout does not mention. */
static bool parse_extra_frac(parse_state *st, const char *layout,
                             size_t len, parsed *p)
{
    if (st->rest_len < 2 || !comma_or_period(st->rest[0]) ||
        !is_digit_at(st->rest, st->rest_len, 1))
        return true;
    rg_layout_chunk next;
    rg_timelayout_next(layout, len, &next);
    if (next.elem == RG_LAYOUT_FRAC0 || next.elem == RG_LAYOUT_FRAC9)
        return true;
    size_t n = 2;
    while (is_digit_at(st->rest, st->rest_len, n))
        n++;
    return parse_nanos(st, n, &p->nsec);
}

static bool parse_clock_elem(parse_state *st, rg_layout_elem e, parsed *p,
                             const char *layout, size_t len)
{
    switch (e) {
    case RG_LAYOUT_HOUR:
        if (!getnum(st, false, &p->hour))
            return false;
        if (p->hour >= 24)
            st->range_err = "hour";
        return true;
    case RG_LAYOUT_HOUR12:
    case RG_LAYOUT_ZERO_HOUR12:
        if (!getnum(st, e == RG_LAYOUT_ZERO_HOUR12, &p->hour))
            return false;
        if (p->hour > 12)
            st->range_err = "hour";
        return true;
    case RG_LAYOUT_MINUTE:
    case RG_LAYOUT_ZERO_MINUTE:
        if (!getnum(st, e == RG_LAYOUT_ZERO_MINUTE, &p->minute))
            return false;
        if (p->minute >= 60)
            st->range_err = "minute";
        return true;
    default:
        if (!getnum(st, e == RG_LAYOUT_ZERO_SECOND, &p->second))
            return false;
        if (p->second >= 60) {
            st->range_err = "second";
            return true;
        }
        return parse_extra_frac(st, layout, len, p);
    }
}

static bool parse_pm(parse_state *st, bool lower, parsed *p)
{
    if (st->rest_len < 2)
        return false;
    const char *s = st->rest;
    bool pm = memcmp(s, lower ? "pm" : "PM", 2) == 0;
    bool am = memcmp(s, lower ? "am" : "AM", 2) == 0;
    if (!pm && !am)
        return false;
    p->pm_set = p->pm_set || pm;
    p->am_set = p->am_set || am;
    advance(st, 2);
    return true;
}

static bool parse_frac_elem(parse_state *st, const rg_layout_chunk *ch,
                            parsed *p)
{
    if (ch->elem == RG_LAYOUT_FRAC0) {
        size_t n = 1 + (size_t)ch->frac_digits;
        if (st->rest_len < n)
            return false;
        return parse_nanos(st, n, &p->nsec);
    }
    if (st->rest_len < 2 || !comma_or_period(st->rest[0]) ||
        !is_digit_at(st->rest, st->rest_len, 1))
        return true;
    size_t i = 0;
    while (is_digit_at(st->rest, st->rest_len, i + 1))
        i++;
    return parse_nanos(st, 1 + i, &p->nsec);
}

static bool parse_elem(parse_state *st, const rg_layout_chunk *ch,
                       parsed *p, const char *layout, size_t len)
{
    rg_layout_elem e = ch->elem;
    if (e == RG_LAYOUT_FRAC0 || e == RG_LAYOUT_FRAC9)
        return parse_frac_elem(st, ch, p);
    if (e == RG_LAYOUT_PM || e == RG_LAYOUT_LOWER_PM)
        return parse_pm(st, e == RG_LAYOUT_LOWER_PM, p);
    if (e >= RG_LAYOUT_TZ)
        return parse_zone_elem(st, e, p);
    if (e >= RG_LAYOUT_HOUR && e <= RG_LAYOUT_ZERO_SECOND)
        return parse_clock_elem(st, e, p, layout, len);
    return parse_date_elem(st, e, p);
}

/* ---- Driver ------------------------------------------------------------ */

static const char *fail_elem(parse_state *st, const char *layout_elem,
                             size_t layout_len, const char *value_elem,
                             size_t value_len)
{
    rg_arena *a = st->arena;
    return rg_arena_printf(
        a, "parsing time %s as %s: cannot parse %s as %s",
        rg_timelayout_quote(a, st->value, strlen(st->value)),
        rg_timelayout_quote(a, st->layout, strlen(st->layout)),
        rg_timelayout_quote(a, value_elem, value_len),
        rg_timelayout_quote(a, layout_elem, layout_len));
}

static const char *fail_msg(parse_state *st, const char *msg)
{
    return rg_arena_printf(
        st->arena, "parsing time %s%s",
        rg_timelayout_quote(st->arena, st->value, strlen(st->value)), msg);
}

/* Match the literal prefix; spaces match any run of spaces. */
static bool skip_prefix(parse_state *st, const char *prefix, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (prefix[i] == ' ') {
            if (st->rest_len > 0 && st->rest[0] != ' ')
                return false;
            while (i < n && prefix[i] == ' ')
                i++;
            while (st->rest_len > 0 && st->rest[0] == ' ')
                advance(st, 1);
            continue;
        }
        if (st->rest_len == 0 || st->rest[0] != prefix[i])
            return false;
        i++;
        advance(st, 1);
    }
    return true;
}

static const char *walk_layout(parse_state *st, parsed *p)
{
    const char *layout = st->layout;
    size_t len = strlen(layout);
    for (;;) {
        rg_layout_chunk ch;
        rg_timelayout_next(layout, len, &ch);
        if (!skip_prefix(st, layout, ch.prefix_len))
            return fail_elem(st, layout, ch.prefix_len, st->rest,
                             st->rest_len);
        if (ch.elem == RG_LAYOUT_NONE) {
            if (st->rest_len == 0)
                return NULL;
            return fail_msg(st, rg_arena_printf(st->arena,
                ": extra text: %s",
                rg_timelayout_quote(st->arena, st->rest, st->rest_len)));
        }
        const char *elem = layout + ch.prefix_len;
        layout = elem + ch.elem_len;
        len -= ch.prefix_len + ch.elem_len;
        const char *hold = st->rest;
        size_t hold_len = st->rest_len;
        bool ok = parse_elem(st, &ch, p, layout, len);
        if (st->range_err)
            return fail_msg(st, rg_arena_printf(st->arena,
                ": %s out of range", st->range_err));
        if (!ok)
            return fail_elem(st, elem, ch.elem_len, hold, hold_len);
    }
}

static const char *resolve_yday(parse_state *st, parsed *p)
{
    int yday = p->yday, m = 0, d = 0;
    static const int before[13] = { 0, 31, 59, 90, 120, 151, 181, 212,
                                    243, 273, 304, 334, 365 };
    if (rg_civil_is_leap(p->year)) {
        if (yday == 31 + 29) {
            m = 2;
            d = 29;
        } else if (yday > 31 + 29) {
            yday--;
        }
    }
    if (yday < 1 || yday > 365)
        return fail_msg(st, ": day-of-year out of range");
    if (m == 0) {
        m = (yday - 1) / 31 + 1;
        if (before[m] < yday)
            m++;
        d = yday - before[m - 1];
    }
    if (p->month >= 0 && p->month != m)
        return fail_msg(st, ": day-of-year does not match month");
    if (p->day >= 0 && p->day != d)
        return fail_msg(st, ": day-of-year does not match day");
    p->month = m;
    p->day = d;
    return NULL;
}

static int64_t zone_shift(const parsed *p)
{
    if (p->utc)
        return 0;
    if (p->zone_offset != -1)
        return p->zone_offset;
    if (p->zone_name_len > 3 && memcmp(p->zone_name, "GMT", 3) == 0) {
        int64_t h = 0;
        atoi_field(p->zone_name + 3, p->zone_name_len - 3, &h);
        return h * 3600;
    }
    return 0;
}

bool rg_timelayout_parse(rg_arena *arena, const char *layout,
                         const char *value, int64_t *sec, int32_t *nsec,
                         const char **err)
{
    parse_state st = { arena, layout, value, value, strlen(value), NULL };
    parsed p = { .month = -1, .day = -1, .yday = -1, .zone_offset = -1 };
    *err = walk_layout(&st, &p);
    if (*err)
        return false;
    if (p.pm_set && p.hour < 12)
        p.hour += 12;
    else if (p.am_set && p.hour == 12)
        p.hour = 0;
    if (p.yday >= 0) {
        *err = resolve_yday(&st, &p);
        if (*err)
            return false;
    } else {
        if (p.month < 0)
            p.month = 1;
        if (p.day < 0)
            p.day = 1;
    }
    if (p.day < 1 || p.day > rg_civil_month_days(p.year, p.month)) {
        *err = fail_msg(&st, ": day out of range");
        return false;
    }
    int64_t days = rg_civil_days(p.year, p.month, p.day);
    *sec = days * RG_CIVIL_SECS_PER_DAY + p.hour * 3600 + p.minute * 60 +
           p.second - zone_shift(&p);
    *nsec = p.nsec;
    return true;
}
