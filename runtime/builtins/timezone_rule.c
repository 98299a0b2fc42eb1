/*
 * POSIX TZ rule parsing and evaluation: standard and daylight names and
 * offsets, with the start and end dates in the J, plain-day and M forms.
 * Offsets in the text count west of UTC; this file stores them east.
 */
#include "runtime/builtins/timezone_rule.h"

#include <string.h>

#include "runtime/builtins/civil.h"

static bool parse_name(const char **p, char *out)
{
    const char *s = *p;
    size_t n = 0;
    if (*s == '<') {
        s++;
        while (*s && *s != '>') {
            if (n + 1 >= RG_TIMEZONE_ABBR_MAX)
                return false;
            out[n++] = *s++;
        }
        if (*s != '>')
            return false;
        s++;
    } else {
        while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
            if (n + 1 >= RG_TIMEZONE_ABBR_MAX)
                return false;
            out[n++] = *s++;
        }
    }
    out[n] = '\0';
    *p = s;
    return n >= 3;
}

static bool parse_num(const char **p, int max, int *out)
{
    const char *s = *p;
    int v = 0;
    if (*s < '0' || *s > '9')
        return false;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (*s++ - '0');
        if (v > max)
            return false;
    }
    *out = v;
    *p = s;
    return true;
}

/* [+-]hh[:mm[:ss]] as seconds, sign as written. */
static bool parse_hms(const char **p, int32_t *out)
{
    const char *s = *p;
    int sign = 1;
    if (*s == '+' || *s == '-') {
        sign = *s == '-' ? -1 : 1;
        s++;
    }
    int h, m = 0, sec = 0;
    if (!parse_num(&s, 167, &h))
        return false;
    if (*s == ':') {
        s++;
        if (!parse_num(&s, 59, &m))
            return false;
        if (*s == ':') {
            s++;
            if (!parse_num(&s, 59, &sec))
                return false;
        }
    }
    *out = sign * (h * 3600 + m * 60 + sec);
    *p = s;
    return true;
}

static bool parse_date(const char **p, rg_timezone_date *d)
{
    const char *s = *p;
    d->time = 2 * 3600;
    if (*s == 'J') {
        s++;
        d->kind = 'J';
        if (!parse_num(&s, 365, &d->day) || d->day < 1)
            return false;
    } else if (*s == 'M') {
        s++;
        d->kind = 'M';
        if (!parse_num(&s, 12, &d->month) || d->month < 1 || *s++ != '.')
            return false;
        if (!parse_num(&s, 5, &d->week) || d->week < 1 || *s++ != '.')
            return false;
        if (!parse_num(&s, 6, &d->day))
            return false;
    } else {
        d->kind = 'N';
        if (!parse_num(&s, 365, &d->day))
            return false;
    }
    if (*s == '/') {
        s++;
        if (!parse_hms(&s, &d->time))
            return false;
    }
    *p = s;
    return true;
}

bool rg_timezone_rule_parse(const char *text, rg_timezone_rule *rule)
{
    memset(rule, 0, sizeof *rule);
    const char *s = text;
    int32_t off;
    if (!parse_name(&s, rule->std_abbr) || !parse_hms(&s, &off))
        return false;
    rule->std_offset = -off;
    if (*s == '\0')
        return true;
    if (!parse_name(&s, rule->dst_abbr))
        return false;
    rule->has_dst = true;
    rule->dst_offset = rule->std_offset + 3600;
    if (*s != ',' && *s != '\0') {
        if (!parse_hms(&s, &off))
            return false;
        rule->dst_offset = -off;
    }
    if (*s == '\0') {
        /* US rules are the POSIX default when none are given. */
        rule->start = (rg_timezone_date){ 'M', 0, 2, 3, 7200 };
        rule->end = (rg_timezone_date){ 'M', 0, 1, 11, 7200 };
        return true;
    }
    if (*s++ != ',' || !parse_date(&s, &rule->start) || *s++ != ',')
        return false;
    return parse_date(&s, &rule->end) && *s == '\0';
}

/* Seconds from the start of year to date d's local wall time. */
static int64_t date_seconds(int64_t year, const rg_timezone_date *d)
{
    int64_t yday;
    if (d->kind == 'J') {
        yday = d->day - 1;
        if (rg_civil_is_leap(year) && d->day >= 60)
            yday++;
    } else if (d->kind == 'N') {
        yday = d->day;
    } else {
        int64_t first = rg_civil_days(year, d->month, 1);
        int wday = (int)rg_civil_floormod(first + 4, 7);
        int mday = 1 + (d->day - wday + 7) % 7 + (d->week - 1) * 7;
        int mdays = rg_civil_month_days(year, d->month);
        while (mday > mdays)
            mday -= 7;
        yday = first + mday - 1 - rg_civil_days(year, 1, 1);
    }
    return yday * RG_CIVIL_SECS_PER_DAY + d->time;
}

int rg_timezone_rule_offset(const rg_timezone_rule *rule, int64_t t,
                            const char **abbr)
{
    if (!rule->has_dst) {
        if (abbr)
            *abbr = rule->std_abbr;
        return rule->std_offset;
    }
    rg_civil c;
    rg_civil_from_seconds(t + rule->std_offset, &c);
    int64_t year_start = rg_civil_days(c.year, 1, 1) * RG_CIVIL_SECS_PER_DAY;
    /* Start is given in standard time, end in daylight time. */
    int64_t start = year_start + date_seconds(c.year, &rule->start) -
                    rule->std_offset;
    int64_t end = year_start + date_seconds(c.year, &rule->end) -
                  rule->dst_offset;
    bool dst = start < end ? (t >= start && t < end)
                           : !(t >= end && t < start);
    if (abbr)
        *abbr = dst ? rule->dst_abbr : rule->std_abbr;
    return dst ? rule->dst_offset : rule->std_offset;
}
