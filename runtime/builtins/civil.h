/*
 * Proleptic Gregorian calendar arithmetic on 64-bit day and second
 * counts, for the time.* builtins.
 */
#ifndef RG_CIVIL_H
#define RG_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

/* A broken-down local time. */
typedef struct rg_civil {
    int64_t year;
    int month;          /* 1..12 */
    int day;            /* 1..31 */
    int hour, minute, second;
    int32_t nsec;       /* 0..999999999 */
    int yday;           /* 1..366 */
    int wday;           /* 0 = Sunday */
    int offset;         /* seconds east of UTC */
    const char *abbr;   /* zone abbreviation; may be "" */
} rg_civil;

#define RG_CIVIL_SECS_PER_DAY 86400

/* Days from 1970-01-01 to year-month-day; month may be outside 1..12 and
 * day outside the month (they carry, as Go's time.Date does). */
int64_t rg_civil_days(int64_t year, int64_t month, int64_t day);

/* Fill year, month, day, yday and wday of c from days since 1970-01-01. */
void rg_civil_from_days(int64_t days, rg_civil *c);

/* Split local seconds since the epoch into c's date and clock fields. */
void rg_civil_from_seconds(int64_t local, rg_civil *c);

bool rg_civil_is_leap(int64_t year);
/* Days in month (1..12) of year. */
int rg_civil_month_days(int64_t year, int month);

/* Floor division and the matching non-negative remainder. */
int64_t rg_civil_floordiv(int64_t a, int64_t b);
int64_t rg_civil_floormod(int64_t a, int64_t b);

#endif
