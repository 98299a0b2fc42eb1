/*
 * POSIX TZ rules ("PST8PDT,M3.2.0,M11.1.0"), the footer of TZif files
 * that gives a zone's offsets after its last listed transition.
 */
#ifndef RG_TIMEZONE_RULE_H
#define RG_TIMEZONE_RULE_H

#include <stdbool.h>
#include <stdint.h>

/* Longest zone abbreviation kept; POSIX allows at least 6 bytes. */
#define RG_TIMEZONE_ABBR_MAX 16

/* When daylight time starts or ends within a year. */
typedef struct rg_timezone_date {
    char kind;          /* 'J' (1..365, no leap day), 'N' (0..365), 'M' */
    int day;            /* J and N: the day; M: weekday 0..6 */
    int week;           /* M: 1..5, 5 meaning the last */
    int month;          /* M: 1..12 */
    int32_t time;       /* seconds after local midnight */
} rg_timezone_date;

typedef struct rg_timezone_rule {
    char std_abbr[RG_TIMEZONE_ABBR_MAX];
    char dst_abbr[RG_TIMEZONE_ABBR_MAX];
    int32_t std_offset;     /* seconds east of UTC */
    int32_t dst_offset;
    bool has_dst;
    rg_timezone_date start, end;
} rg_timezone_rule;

/* Parse text into *rule.  Returns false when text is not a rule. */
bool rg_timezone_rule_parse(const char *text, rg_timezone_rule *rule);

/* The offset in effect at Unix second t; *abbr (when not NULL) points
 * into rule. */
int rg_timezone_rule_offset(const rg_timezone_rule *rule, int64_t t,
                            const char **abbr);

#endif
