/*
 * IANA time zones read from the system zoneinfo files (TZif format, RFC
 * 8536), for the time.* builtins.  Loaded zones are cached process-wide.
 */
#ifndef RG_TIMEZONE_H
#define RG_TIMEZONE_H

#include <stddef.h>
#include <stdint.h>

typedef struct rg_tz rg_tz;

/* Folder searched for zone files; Debian's tzdata package fills it. */
#define RG_TIMEZONE_DIR "/usr/share/zoneinfo"

/* Load the zone named name ("UTC", "Local", "America/New_York"), as Go's
 * time.LoadLocation does.  Returns a zone that lives until
 * rg_timezone_cleanup, or NULL with Go's error text ("unknown time zone
 * X") written to err. */
const rg_tz *rg_timezone_load(const char *name, char *err, size_t errlen);

/* The UTC zone; never NULL. */
const rg_tz *rg_timezone_utc(void);

/* The UTC offset in seconds in effect at Unix second t; *abbr (when not
 * NULL) receives the abbreviation, which lives as long as the zone. */
int rg_timezone_offset(const rg_tz *tz, int64_t t, const char **abbr);

/* Free every cached zone.  Zones returned earlier are dead afterwards. */
void rg_timezone_cleanup(void);

#endif
