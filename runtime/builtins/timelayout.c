/*
 * Go time layouts: recognising reference-time elements ("2006", "Jan",
 * "Z07:00", ".000"...) in a layout, the named layout constants, and the
 * quoting Go uses in time error messages.
 */
#include "runtime/builtins/timelayout.h"

#include <string.h>

typedef struct named_layout {
    const char *name;
    const char *layout;
} named_layout;

static const named_layout named[] = {
    { "ANSIC", "Mon Jan _2 15:04:05 2006" },
    { "UnixDate", "Mon Jan _2 15:04:05 MST 2006" },
    { "RubyDate", "Mon Jan 02 15:04:05 -0700 2006" },
    { "RFC822", "02 Jan 06 15:04 MST" },
    { "RFC822Z", "02 Jan 06 15:04 -0700" },
    { "RFC850", "Monday, 02-Jan-06 15:04:05 MST" },
    { "RFC1123", "Mon, 02 Jan 2006 15:04:05 MST" },
    { "RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700" },
    { "RFC3339", "2006-01-02T15:04:05Z07:00" },
    { "RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00" },
};

const char *rg_timelayout_named(const char *name)
{
    for (size_t i = 0; i < RG_ARRAY_LEN(named); i++)
        if (strcmp(named[i].name, name) == 0)
            return named[i].layout;
    return name;
}

static bool has(const char *s, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return len - i >= n && memcmp(s + i, lit, n) == 0;
}

static bool lower_at(const char *s, size_t len, size_t i)
{
    return i < len && s[i] >= 'a' && s[i] <= 'z';
}

static bool digit_at(const char *s, size_t len, size_t i)
{
    return i < len && s[i] >= '0' && s[i] <= '9';
}

typedef struct elem_text {
    const char *text;
    rg_layout_elem elem;
} elem_text;

/* Longest first, so "-07:00:00" wins over "-07:00". */
static const elem_text zone_elems[] = {
    { "Z07:00:00", RG_LAYOUT_ISO_COLON_SECONDS_TZ },
    { "Z070000", RG_LAYOUT_ISO_SECONDS_TZ },
    { "Z07:00", RG_LAYOUT_ISO_COLON_TZ },
    { "Z0700", RG_LAYOUT_ISO_TZ },
    { "Z07", RG_LAYOUT_ISO_SHORT_TZ },
    { "-07:00:00", RG_LAYOUT_NUM_COLON_SECONDS_TZ },
    { "-070000", RG_LAYOUT_NUM_SECONDS_TZ },
    { "-07:00", RG_LAYOUT_NUM_COLON_TZ },
    { "-0700", RG_LAYOUT_NUM_TZ },
    { "-07", RG_LAYOUT_NUM_SHORT_TZ },
};

static size_t match_zone(const char *s, size_t len, size_t i,
                         rg_layout_elem *e)
{
    for (size_t k = 0; k < RG_ARRAY_LEN(zone_elems); k++)
        if (has(s, len, i, zone_elems[k].text)) {
            *e = zone_elems[k].elem;
            return strlen(zone_elems[k].text);
        }
    return 0;
}

static size_t match_letter(const char *s, size_t len, size_t i,
                           rg_layout_elem *e)
{
    if (has(s, len, i, "January")) {
        *e = RG_LAYOUT_LONG_MONTH;
        return 7;
    }
    if (has(s, len, i, "Jan") && !lower_at(s, len, i + 3)) {
        *e = RG_LAYOUT_MONTH;
        return 3;
    }
    if (has(s, len, i, "Monday")) {
        *e = RG_LAYOUT_LONG_WEEKDAY;
        return 6;
    }
    if (has(s, len, i, "Mon") && !lower_at(s, len, i + 3)) {
        *e = RG_LAYOUT_WEEKDAY;
        return 3;
    }
    if (has(s, len, i, "MST")) {
        *e = RG_LAYOUT_TZ;
        return 3;
    }
    if (has(s, len, i, "PM")) {
        *e = RG_LAYOUT_PM;
        return 2;
    }
    if (has(s, len, i, "pm")) {
        *e = RG_LAYOUT_LOWER_PM;
        return 2;
    }
    return 0;
}

static size_t match_digit(const char *s, size_t len, size_t i,
                          rg_layout_elem *e)
{
    static const rg_layout_elem zero_x[6] = {
        RG_LAYOUT_ZERO_MONTH, RG_LAYOUT_ZERO_DAY, RG_LAYOUT_ZERO_HOUR12,
        RG_LAYOUT_ZERO_MINUTE, RG_LAYOUT_ZERO_SECOND, RG_LAYOUT_YEAR,
    };
    switch (s[i]) {
    case '0':
        if (i + 1 < len && s[i + 1] >= '1' && s[i + 1] <= '6') {
            *e = zero_x[s[i + 1] - '1'];
            return 2;
        }
        if (has(s, len, i, "002")) {
            *e = RG_LAYOUT_ZERO_YEARDAY;
            return 3;
        }
        return 0;
    case '1':
        *e = has(s, len, i, "15") ? RG_LAYOUT_HOUR : RG_LAYOUT_NUM_MONTH;
        return *e == RG_LAYOUT_HOUR ? 2 : 1;
    case '2':
        *e = has(s, len, i, "2006") ? RG_LAYOUT_LONG_YEAR : RG_LAYOUT_DAY;
        return *e == RG_LAYOUT_LONG_YEAR ? 4 : 1;
    case '3':
        *e = RG_LAYOUT_HOUR12;
        return 1;
    case '4':
        *e = RG_LAYOUT_MINUTE;
        return 1;
    case '5':
        *e = RG_LAYOUT_SECOND;
        return 1;
    default:
        return 0;
    }
}

/* "_2" is a space-padded day, but "_2006" is a literal '_' then a year. */
static size_t match_under(const char *s, size_t len, size_t i,
                          rg_layout_elem *e)
{
    if (has(s, len, i, "_2") && !has(s, len, i, "_2006")) {
        *e = RG_LAYOUT_UNDER_DAY;
        return 2;
    }
    if (has(s, len, i, "__2")) {
        *e = RG_LAYOUT_UNDER_YEARDAY;
        return 3;
    }
    return 0;
}

/* A run of '0' or '9' after '.' or ',' is a fraction when no other digit
 * follows it. */
static size_t match_frac(const char *s, size_t len, size_t i,
                         rg_layout_chunk *c)
{
    if (i + 1 >= len || (s[i + 1] != '0' && s[i + 1] != '9'))
        return 0;
    char ch = s[i + 1];
    size_t j = i + 1;
    while (j < len && s[j] == ch)
        j++;
    if (digit_at(s, len, j))
        return 0;
    c->elem = ch == '0' ? RG_LAYOUT_FRAC0 : RG_LAYOUT_FRAC9;
    c->frac_digits = (int)(j - i - 1);
    c->frac_sep = s[i];
    return j - i;
}

static size_t match_at(const char *s, size_t len, size_t i,
                       rg_layout_chunk *c)
{
    rg_layout_elem e = RG_LAYOUT_NONE;
    size_t n = 0;
    char ch = s[i];
    if (ch == 'Z' || ch == '-')
        n = match_zone(s, len, i, &e);
    else if (ch == '.' || ch == ',')
        return match_frac(s, len, i, c);
    else if (ch == '_')
        n = match_under(s, len, i, &e);
    else if (ch >= '0' && ch <= '9')
        n = match_digit(s, len, i, &e);
    else
        n = match_letter(s, len, i, &e);
    c->elem = e;
    return n;
}

void rg_timelayout_next(const char *layout, size_t len, rg_layout_chunk *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < len; i++) {
        size_t n = match_at(layout, len, i, c);
        if (n > 0) {
            c->prefix_len = i;
            c->elem_len = n;
            return;
        }
        c->elem = RG_LAYOUT_NONE;
    }
    c->prefix_len = len;
}

char *rg_timelayout_quote(rg_arena *arena, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    char *out = rg_arena_alloc(arena, len * 4 + 3);
    size_t n = 0;
    out[n++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x20 || b >= 0x80) {
            out[n++] = '\\';
            out[n++] = 'x';
            out[n++] = hex[b >> 4];
            out[n++] = hex[b & 15];
            continue;
        }
        if (b == '"' || b == '\\')
            out[n++] = '\\';
        out[n++] = (char)b;
    }
    out[n++] = '"';
    out[n] = '\0';
    return out;
}
