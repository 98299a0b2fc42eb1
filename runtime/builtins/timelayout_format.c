/*
 * Formatting a broken-down time with a Go layout, following the rules
 * of Go's time.Time.Format.
 */
#include "runtime/builtins/timelayout.h"

#include <stdio.h>
#include <string.h>

/* Longest formatted element: a zone abbreviation or a 20-digit year. */
#define FORMAT_ELEM_MAX 64

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

static const char *const day_names[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday",
};

typedef struct out_buf {
    rg_arena *arena;
    char *data;
    size_t len, cap;
} out_buf;

static void put(out_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap + n + 1) * 2;
        char *data = rg_arena_alloc(b->arena, cap);
        if (b->len)
            memcpy(data, b->data, b->len);
        b->data = data;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Go's appendInt: a '-' for negatives, then zero-padded to width. */
static void put_int(out_buf *b, int64_t x, int width)
{
    char tmp[32];
    int n;
    if (x < 0)
        n = snprintf(tmp, sizeof tmp, "-%0*llu", width,
                     (unsigned long long)(-(x + 1)) + 1);
    else
        n = snprintf(tmp, sizeof tmp, "%0*lld", width, (long long)x);
    put(b, tmp, (size_t)n);
}

static void put_frac(out_buf *b, const rg_layout_chunk *ch, int32_t nsec)
{
    char digits[10];
    snprintf(digits, sizeof digits, "%09d", (int)nsec);
    int n = ch->frac_digits > 9 ? 9 : ch->frac_digits;
    if (ch->elem == RG_LAYOUT_FRAC9) {
        while (n > 0 && digits[n - 1] == '0')
            n--;
        if (n == 0)
            return;
    }
    put(b, &ch->frac_sep, 1);
    put(b, digits, (size_t)n);
}

static bool zone_has_seconds(rg_layout_elem e)
{
    return e == RG_LAYOUT_ISO_SECONDS_TZ ||
           e == RG_LAYOUT_ISO_COLON_SECONDS_TZ ||
           e == RG_LAYOUT_NUM_SECONDS_TZ ||
           e == RG_LAYOUT_NUM_COLON_SECONDS_TZ;
}

static bool zone_has_colon(rg_layout_elem e)
{
    return e == RG_LAYOUT_ISO_COLON_TZ ||
           e == RG_LAYOUT_ISO_COLON_SECONDS_TZ ||
           e == RG_LAYOUT_NUM_COLON_TZ ||
           e == RG_LAYOUT_NUM_COLON_SECONDS_TZ;
}

static bool zone_is_iso(rg_layout_elem e)
{
    return e >= RG_LAYOUT_ISO_TZ && e <= RG_LAYOUT_ISO_COLON_SECONDS_TZ;
}

static void put_zone(out_buf *b, rg_layout_elem e, int offset)
{
    if (zone_is_iso(e) && offset == 0) {
        put(b, "Z", 1);
        return;
    }
    int zone = offset / 60;
    int abs_offset = offset < 0 ? -offset : offset;
    put(b, zone < 0 ? "-" : "+", 1);
    if (zone < 0)
        zone = -zone;
    put_int(b, zone / 60, 2);
    if (zone_has_colon(e))
        put(b, ":", 1);
    if (e != RG_LAYOUT_NUM_SHORT_TZ && e != RG_LAYOUT_ISO_SHORT_TZ)
        put_int(b, zone % 60, 2);
    if (zone_has_seconds(e)) {
        if (zone_has_colon(e))
            put(b, ":", 1);
        put_int(b, abs_offset % 60, 2);
    }
}

static void put_abbr(out_buf *b, const rg_civil *c)
{
    if (c->abbr && c->abbr[0]) {
        put(b, c->abbr, strlen(c->abbr));
        return;
    }
    int zone = c->offset / 60;
    put(b, zone < 0 ? "-" : "+", 1);
    if (zone < 0)
        zone = -zone;
    put_int(b, zone / 60, 2);
    put_int(b, zone % 60, 2);
}

static int hour12(int hour)
{
    int h = hour % 12;
    return h == 0 ? 12 : h;
}

static void put_padded(out_buf *b, int64_t v, int width)
{
    char tmp[8];
    int n = snprintf(tmp, sizeof tmp, "%*d", width, (int)v);
    put(b, tmp, (size_t)n);
}

static void put_date_elem(out_buf *b, rg_layout_elem e, const rg_civil *c)
{
    switch (e) {
    case RG_LAYOUT_YEAR: put_int(b, c->year % 100, 2); break;
    case RG_LAYOUT_LONG_YEAR: put_int(b, c->year, 4); break;
    case RG_LAYOUT_MONTH: put(b, month_names[c->month - 1], 3); break;
    case RG_LAYOUT_LONG_MONTH: {
        const char *m = month_names[c->month - 1];
        put(b, m, strlen(m));
        break;
    }
    case RG_LAYOUT_NUM_MONTH: put_int(b, c->month, 0); break;
    case RG_LAYOUT_ZERO_MONTH: put_int(b, c->month, 2); break;
    case RG_LAYOUT_WEEKDAY: put(b, day_names[c->wday], 3); break;
    case RG_LAYOUT_LONG_WEEKDAY: {
        const char *d = day_names[c->wday];
        put(b, d, strlen(d));
        break;
    }
    case RG_LAYOUT_DAY: put_int(b, c->day, 0); break;
    case RG_LAYOUT_UNDER_DAY: put_padded(b, c->day, 2); break;
    case RG_LAYOUT_ZERO_DAY: put_int(b, c->day, 2); break;
    case RG_LAYOUT_UNDER_YEARDAY: put_padded(b, c->yday, 3); break;
    case RG_LAYOUT_ZERO_YEARDAY: put_int(b, c->yday, 3); break;
    default: break;
    }
}

static void put_clock_elem(out_buf *b, rg_layout_elem e, const rg_civil *c)
{
    switch (e) {
    case RG_LAYOUT_HOUR: put_int(b, c->hour, 2); break;
    case RG_LAYOUT_HOUR12: put_int(b, hour12(c->hour), 0); break;
    case RG_LAYOUT_ZERO_HOUR12: put_int(b, hour12(c->hour), 2); break;
    case RG_LAYOUT_MINUTE: put_int(b, c->minute, 0); break;
    case RG_LAYOUT_ZERO_MINUTE: put_int(b, c->minute, 2); break;
    case RG_LAYOUT_SECOND: put_int(b, c->second, 0); break;
    case RG_LAYOUT_ZERO_SECOND: put_int(b, c->second, 2); break;
    case RG_LAYOUT_PM: put(b, c->hour >= 12 ? "PM" : "AM", 2); break;
    case RG_LAYOUT_LOWER_PM: put(b, c->hour >= 12 ? "pm" : "am", 2); break;
    case RG_LAYOUT_TZ: put_abbr(b, c); break;
    default: put_zone(b, e, c->offset); break;
    }
}

char *rg_timelayout_format(rg_arena *arena, const char *layout,
                           const rg_civil *c)
{
    out_buf b = { arena, NULL, 0, 0 };
    put(&b, "", 0);
    size_t len = strlen(layout);
    while (len > 0) {
        rg_layout_chunk ch;
        rg_timelayout_next(layout, len, &ch);
        put(&b, layout, ch.prefix_len);
        if (ch.elem == RG_LAYOUT_NONE)
            break;
        if (ch.elem == RG_LAYOUT_FRAC0 || ch.elem == RG_LAYOUT_FRAC9)
            put_frac(&b, &ch, c->nsec);
        else if (ch.elem <= RG_LAYOUT_ZERO_YEARDAY ||
                 ch.elem == RG_LAYOUT_LONG_YEAR || ch.elem == RG_LAYOUT_YEAR)
            put_date_elem(&b, ch.elem, c);
        else
            put_clock_elem(&b, ch.elem, c);
        layout += ch.prefix_len + ch.elem_len;
        len -= ch.prefix_len + ch.elem_len;
    }
    return b.data;
}
