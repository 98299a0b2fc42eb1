/*
 * Go time layouts ("2006-01-02T15:04:05Z07:00"): splitting a layout into
 * literal text and reference-time elements, formatting a time with one,
 * and parsing a time with one (Go's time.Format and time.Parse rules).
 */
#ifndef RG_TIMELAYOUT_H
#define RG_TIMELAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "runtime/arena.h"
#include "runtime/builtins/civil.h"

typedef enum rg_layout_elem {
    RG_LAYOUT_NONE,
    RG_LAYOUT_LONG_MONTH,       /* January */
    RG_LAYOUT_MONTH,            /* Jan */
    RG_LAYOUT_NUM_MONTH,        /* 1 */
    RG_LAYOUT_ZERO_MONTH,       /* 01 */
    RG_LAYOUT_LONG_WEEKDAY,     /* Monday */
    RG_LAYOUT_WEEKDAY,          /* Mon */
    RG_LAYOUT_DAY,              /* 2 */
    RG_LAYOUT_UNDER_DAY,        /* _2 */
    RG_LAYOUT_ZERO_DAY,         /* 02 */
    RG_LAYOUT_UNDER_YEARDAY,    /* __2 */
    RG_LAYOUT_ZERO_YEARDAY,     /* 002 */
    RG_LAYOUT_HOUR,             /* 15 */
    RG_LAYOUT_HOUR12,           /* 3 */
    RG_LAYOUT_ZERO_HOUR12,      /* 03 */
    RG_LAYOUT_MINUTE,           /* 4 */
    RG_LAYOUT_ZERO_MINUTE,      /* 04 */
    RG_LAYOUT_SECOND,           /* 5 */
    RG_LAYOUT_ZERO_SECOND,      /* 05 */
    RG_LAYOUT_LONG_YEAR,        /* 2006 */
    RG_LAYOUT_YEAR,             /* 06 */
    RG_LAYOUT_PM,               /* PM */
    RG_LAYOUT_LOWER_PM,         /* pm */
    RG_LAYOUT_TZ,               /* MST */
    RG_LAYOUT_ISO_TZ,           /* Z0700 */
    RG_LAYOUT_ISO_SECONDS_TZ,   /* Z070000 */
    RG_LAYOUT_ISO_SHORT_TZ,     /* Z07 */
    RG_LAYOUT_ISO_COLON_TZ,     /* Z07:00 */
    RG_LAYOUT_ISO_COLON_SECONDS_TZ, /* Z07:00:00 */
    RG_LAYOUT_NUM_TZ,           /* -0700 */
    RG_LAYOUT_NUM_SECONDS_TZ,   /* -070000 */
    RG_LAYOUT_NUM_SHORT_TZ,     /* -07 */
    RG_LAYOUT_NUM_COLON_TZ,     /* -07:00 */
    RG_LAYOUT_NUM_COLON_SECONDS_TZ, /* -07:00:00 */
    RG_LAYOUT_FRAC0,            /* .000: exactly n digits */
    RG_LAYOUT_FRAC9             /* .999: up to n digits, zeros trimmed */
} rg_layout_elem;

/* One step through a layout: the literal prefix before the next element,
 * the element and, for fractions, its digit count and separator. */
typedef struct rg_layout_chunk {
    size_t prefix_len;          /* bytes of literal text */
    rg_layout_elem elem;        /* RG_LAYOUT_NONE at the end */
    size_t elem_len;            /* bytes of the element in the layout */
    int frac_digits;
    char frac_sep;              /* '.' or ',' */
} rg_layout_chunk;

/* Find the next element in layout[0..len). */
void rg_timelayout_next(const char *layout, size_t len, rg_layout_chunk *c);

/* Replace a Go constant name ("RFC3339", "ANSIC"...) by its layout;
 * other names come back unchanged. */
const char *rg_timelayout_named(const char *name);

/* Format c with layout.  Returns a NUL-terminated string in arena. */
char *rg_timelayout_format(rg_arena *arena, const char *layout,
                           const rg_civil *c);

/* Parse value with layout as Go's time.Parse does, with UTC as the
 * default zone.  On success, returns true with *sec and *nsec set (Unix
 * time).  On failure returns false with Go's error message in arena. */
bool rg_timelayout_parse(rg_arena *arena, const char *layout,
                         const char *value, int64_t *sec, int32_t *nsec,
                         const char **err);

/* Parse a Go duration ("1h30m", "-1.5s") into nanoseconds.  On failure
 * returns false with Go's error message in arena. */
bool rg_timelayout_duration(rg_arena *arena, const char *text,
                            int64_t *ns, const char **err);

/* Go's quoting in time error messages: double quotes, backslash before
 * '"' and '\\', \xNN for control and non-ASCII bytes.  Lives in arena. */
char *rg_timelayout_quote(rg_arena *arena, const char *s, size_t len);

#endif
