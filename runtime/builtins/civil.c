/*
 * Proleptic Gregorian calendar arithmetic: conversions between civil
 * dates and day counts use the 400-year era method, exact for every
 * int64 day count a nanosecond timestamp can produce.
 */
#include "runtime/builtins/civil.h"

int64_t rg_civil_floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t rg_civil_floormod(int64_t a, int64_t b)
{
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

bool rg_civil_is_leap(int64_t year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int rg_civil_month_days(int64_t year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31 };
    if (month == 2 && rg_civil_is_leap(year))
        return 29;
    return days[month - 1];
}

int64_t rg_civil_days(int64_t year, int64_t month, int64_t day)
{
    /* Carry the month into the year first. */
    int64_t m0 = month - 1;
    year += rg_civil_floordiv(m0, 12);
    int64_t m = rg_civil_floormod(m0, 12) + 1;
    /* Count from March so the leap day ends the year. */
    int64_t y = m <= 2 ? year - 1 : year;
    int64_t era = rg_civil_floordiv(y, 400);
    int64_t yoe = y - era * 400;
    int64_t mp = (m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468 + (day - 1);
}

void rg_civil_from_days(int64_t days, rg_civil *c)
{
    int64_t z = days + 719468;
    int64_t era = rg_civil_floordiv(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int64_t y = yoe + era * 400 + (m <= 2);
    c->year = y;
    c->month = m;
    c->day = d;
    c->yday = (int)(days - rg_civil_days(y, 1, 1)) + 1;
    /* 1970-01-01 was a Thursday. */
    c->wday = (int)rg_civil_floormod(days + 4, 7);
}

void rg_civil_from_seconds(int64_t local, rg_civil *c)
{
    int64_t days = rg_civil_floordiv(local, RG_CIVIL_SECS_PER_DAY);
    int64_t secs = local - days * RG_CIVIL_SECS_PER_DAY;
    rg_civil_from_days(days, c);
    c->hour = (int)(secs / 3600);
    c->minute = (int)(secs / 60 % 60);
    c->second = (int)(secs % 60);
}
