/*
 * IANA time zones from TZif files (RFC 8536): transitions, local time
 * types, and the POSIX TZ rule of the footer for instants after the last
 * transition.  A process-wide cache, guarded by a mutex, keeps each zone
 * loaded once.
 */
#include "runtime/builtins/timezone.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/timezone_rule.h"
#include "runtime/common.h"

/* Most zones a process keeps loaded; the IANA database has about 600, so
 * this bounds memory even when policies pass arbitrary names. */
#define RG_TIMEZONE_CACHE_MAX 1024
/* Largest zone file read; real files are under 4 KB. */
#define RG_TIMEZONE_FILE_MAX (256 * 1024)

typedef struct tz_type {
    int32_t offset;
    bool dst;
    uint32_t abbr;          /* index into abbrs */
} tz_type;

struct rg_tz {
    char *name;
    int64_t *trans;         /* transition instants, ascending */
    uint8_t *trans_type;    /* type index per transition */
    size_t ntrans;
    tz_type *types;
    size_t ntypes;
    char *abbrs;            /* NUL-separated abbreviations */
    rg_timezone_rule rule;        /* footer rule; valid when has_rule */
    bool has_rule;
};

static rg_tz utc_zone = {
    .name = (char *)"UTC", .abbrs = (char *)"UTC",
};
static tz_type utc_type = { 0, false, 0 };

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static rg_tz *cache[RG_TIMEZONE_CACHE_MAX];
static size_t cache_count;

const rg_tz *rg_timezone_utc(void)
{
    utc_zone.types = &utc_type;
    utc_zone.ntypes = 1;
    return &utc_zone;
}

static void zone_free(rg_tz *z)
{
    free(z->name);
    free(z->trans);
    free(z->trans_type);
    free(z->types);
    free(z->abbrs);
    free(z);
}

void rg_timezone_cleanup(void)
{
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < cache_count; i++)
        zone_free(cache[i]);
    cache_count = 0;
    pthread_mutex_unlock(&cache_lock);
}

/* ---- TZif decoding ----------------------------------------------------- */

typedef struct reader {
    const unsigned char *p;
    size_t len;
    size_t pos;
    bool bad;
} reader;

static const unsigned char *take(reader *r, size_t n)
{
    if (r->bad || r->len - r->pos < n) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = r->p + r->pos;
    r->pos += n;
    return p;
}

static int64_t be_read(reader *r, size_t n)
{
    const unsigned char *p = take(r, n);
    if (!p)
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | p[i];
    if (n == 4)
        return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

typedef struct tzif_counts {
    size_t isut, isstd, leap, time, type, chars;
} tzif_counts;

static bool read_header(reader *r, int *version, tzif_counts *c)
{
    const unsigned char *magic = take(r, 4);
    if (!magic || memcmp(magic, "TZif", 4) != 0)
        return false;
    const unsigned char *ver = take(r, 16);
    if (!ver)
        return false;
    *version = ver[0] == 0 ? 1 : ver[0] - '0';
    c->isut = (size_t)(uint32_t)be_read(r, 4);
    c->isstd = (size_t)(uint32_t)be_read(r, 4);
    c->leap = (size_t)(uint32_t)be_read(r, 4);
    c->time = (size_t)(uint32_t)be_read(r, 4);
    c->type = (size_t)(uint32_t)be_read(r, 4);
    c->chars = (size_t)(uint32_t)be_read(r, 4);
    return !r->bad && c->type > 0 && c->type <= 256;
}

static size_t block_size(const tzif_counts *c, size_t tsize)
{
    return c->time * tsize + c->time + c->type * 6 + c->chars +
           c->leap * (tsize + 4) + c->isstd + c->isut;
}

static bool read_block(reader *r, const tzif_counts *c, size_t tsize,
                       rg_tz *z)
{
    z->ntrans = c->time;
    z->trans = rg_xcalloc(c->time + 1, sizeof *z->trans);
    z->trans_type = rg_xcalloc(c->time + 1, 1);
    for (size_t i = 0; i < c->time; i++)
        z->trans[i] = be_read(r, tsize);
    for (size_t i = 0; i < c->time; i++) {
        z->trans_type[i] = (uint8_t)be_read(r, 1);
        if (z->trans_type[i] >= c->type)
            r->bad = true;
    }
    z->ntypes = c->type;
    z->types = rg_xcalloc(c->type, sizeof *z->types);
    for (size_t i = 0; i < c->type; i++) {
        z->types[i].offset = (int32_t)be_read(r, 4);
        z->types[i].dst = be_read(r, 1) != 0;
        z->types[i].abbr = (uint32_t)be_read(r, 1);
        if (z->types[i].abbr >= c->chars)
            r->bad = true;
    }
    const unsigned char *chars = take(r, c->chars);
    z->abbrs = rg_xcalloc(c->chars + 1, 1);
    if (chars)
        memcpy(z->abbrs, chars, c->chars);
    take(r, c->leap * (tsize + 4) + c->isstd + c->isut);
    return !r->bad;
}

/* Read the footer "\nRULE\n" of a version 2+ file. */
static void read_footer(reader *r, rg_tz *z)
{
    const unsigned char *p = r->p + r->pos;
    size_t left = r->len - r->pos;
    if (left < 2 || p[0] != '\n')
        return;
    const unsigned char *end = memchr(p + 1, '\n', left - 1);
    if (!end || end == p + 1)
        return;
    char text[128];
    size_t n = (size_t)(end - p - 1);
    if (n >= sizeof text)
        return;
    memcpy(text, p + 1, n);
    text[n] = '\0';
    z->has_rule = rg_timezone_rule_parse(text, &z->rule);
}

static rg_tz *decode(const unsigned char *data, size_t len)
{
    reader r = { data, len, 0, false };
    int version;
    tzif_counts c;
    if (!read_header(&r, &version, &c))
        return NULL;
    size_t tsize = 4;
    if (version >= 2) {
        take(&r, block_size(&c, 4));
        if (!read_header(&r, &version, &c))
            return NULL;
        tsize = 8;
    }
    rg_tz *z = rg_xcalloc(1, sizeof *z);
    if (!read_block(&r, &c, tsize, z)) {
        zone_free(z);
        return NULL;
    }
    if (version >= 2)
        read_footer(&r, z);
    return z;
}

/* ---- Loading ----------------------------------------------------------- */

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = rg_xmalloc(RG_TIMEZONE_FILE_MAX);
    *len = fread(buf, 1, RG_TIMEZONE_FILE_MAX, f);
    fclose(f);
    return buf;
}

static rg_tz *load_path(const char *path, const char *name)
{
    size_t len;
    unsigned char *data = read_file(path, &len);
    if (!data)
        return NULL;
    rg_tz *z = decode(data, len);
    free(data);
    if (z)
        z->name = rg_xstrdup(name);
    return z;
}

/* Go rejects names that could leave the zoneinfo folder. */
static bool name_is_safe(const char *name)
{
    if (name[0] == '/' || name[0] == '\\')
        return false;
    return strstr(name, "..") == NULL;
}

static rg_tz *load_local(void)
{
    const char *tz = getenv("TZ");
    if (!tz)
        return load_path("/etc/localtime", "Local");
    if (tz[0] == ':')
        tz++;
    if (tz[0] == '\0' || strcmp(tz, "UTC") == 0 || !name_is_safe(tz))
        return NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", RG_TIMEZONE_DIR, tz);
    return load_path(path, "Local");
}

static rg_tz *cache_find(const char *name)
{
    for (size_t i = 0; i < cache_count; i++)
        if (strcmp(cache[i]->name, name) == 0)
            return cache[i];
    return NULL;
}

static rg_tz *load_named(const char *name, char *err, size_t errlen)
{
    if (strcmp(name, "Local") == 0) {
        rg_tz *z = load_local();
        return z;
    }
    if (!name_is_safe(name)) {
        snprintf(err, errlen, "time: invalid location name");
        return NULL;
    }
    char path[512];
    int n = snprintf(path, sizeof path, "%s/%s", RG_TIMEZONE_DIR, name);
    rg_tz *z = NULL;
    if (n > 0 && (size_t)n < sizeof path)
        z = load_path(path, name);
    if (!z)
        snprintf(err, errlen, "unknown time zone %s", name);
    return z;
}

const rg_tz *rg_timezone_load(const char *name, char *err, size_t errlen)
{
    if (name[0] == '\0' || strcmp(name, "UTC") == 0)
        return rg_timezone_utc();
    pthread_mutex_lock(&cache_lock);
    rg_tz *z = cache_find(name);
    if (!z) {
        err[0] = '\0';
        z = load_named(name, err, errlen);
        if (!z && strcmp(name, "Local") == 0) {
            pthread_mutex_unlock(&cache_lock);
            return rg_timezone_utc();
        }
        if (z && cache_count < RG_TIMEZONE_CACHE_MAX)
            cache[cache_count++] = z;
        else if (z) {
            /* A full cache keeps its zones: callers hold pointers. */
            zone_free(z);
            z = NULL;
            snprintf(err, errlen, "unknown time zone %s", name);
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return z;
}

/* ---- Lookup ------------------------------------------------------------ */

/* The type in effect before the first transition, chosen as Go does: the
 * first type no transition uses, else the first standard-time type
 * before the first transition's type when that one is daylight time,
 * else type 0. */
static size_t first_type(const rg_tz *z)
{
    bool used = false;
    for (size_t i = 0; i < z->ntrans; i++)
        if (z->trans_type[i] == 0)
            used = true;
    if (!used)
        return 0;
    if (z->ntrans > 0 && z->types[z->trans_type[0]].dst) {
        for (size_t i = z->trans_type[0]; i-- > 0;)
            if (!z->types[i].dst)
                return i;
    }
    for (size_t i = 0; i < z->ntypes; i++)
        if (!z->types[i].dst)
            return i;
    return 0;
}

int rg_timezone_offset(const rg_tz *tz, int64_t t, const char **abbr)
{
    if (tz->ntrans == 0 || t < tz->trans[0]) {
        if (tz->ntrans > 0 || !tz->has_rule) {
            const tz_type *ty = &tz->types[first_type(tz)];
            if (abbr)
                *abbr = tz->abbrs + ty->abbr;
            return ty->offset;
        }
    }
    if (tz->has_rule && (tz->ntrans == 0 || t >= tz->trans[tz->ntrans - 1]))
        return rg_timezone_rule_offset(&tz->rule, t, abbr);
    size_t lo = 0, hi = tz->ntrans;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->trans[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    const tz_type *ty = &tz->types[tz->trans_type[lo]];
    if (abbr)
        *abbr = tz->abbrs + ty->abbr;
    return ty->offset;
}
