/*
 * http.send's response cache: a small table of (request, response,
 * expiry) strings.  When full, the entry that expires first makes room.
 */
#include "runtime/builtins/httpcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/json.h"

/* Maximum cached responses.  Policies send a bounded set of requests,
 * and each entry keeps a whole response body in memory. */
#define HTTPCACHE_MAX 256

typedef struct entry {
    char *key;
    char *response;     /* JSON text */
    int64_t expires_ns;
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry entries[HTTPCACHE_MAX];
static size_t count;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

static void drop(size_t i)
{
    free(entries[i].key);
    free(entries[i].response);
    entries[i] = entries[--count];
}

void rg_httpcache_clear(void)
{
    pthread_mutex_lock(&lock);
    while (count)
        drop(0);
    pthread_mutex_unlock(&lock);
}

static void register_exit(void)
{
    atexit(rg_httpcache_clear);
}

const rg_value *rg_httpcache_get(rg_arena *arena, const char *key,
                                 int64_t now_ns)
{
    const rg_value *out = NULL;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(entries[i].key, key) != 0)
            continue;
        if (entries[i].expires_ns <= now_ns) {
            drop(i);
            break;
        }
        rg_errors errs;
        rg_errors_init(&errs);
        out = rg_json_parse(arena, entries[i].response,
                            strlen(entries[i].response), NULL, NULL, &errs);
        rg_errors_free(&errs);
        break;
    }
    pthread_mutex_unlock(&lock);
    return out;
}

void rg_httpcache_put(const char *key, const rg_value *response,
                      int64_t expires_ns)
{
    pthread_once(&exit_once, register_exit);
    char *text = rg_json_text(response, 0, 0);
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < count; i++)
        if (strcmp(entries[i].key, key) == 0) {
            drop(i);
            break;
        }
    if (count == HTTPCACHE_MAX) {
        size_t oldest = 0;
        for (size_t i = 1; i < count; i++)
            if (entries[i].expires_ns < entries[oldest].expires_ns)
                oldest = i;
        drop(oldest);
    }
    entries[count].key = rg_xstrdup(key);
    entries[count].response = text;
    entries[count].expires_ns = expires_ns;
    count++;
    pthread_mutex_unlock(&lock);
}
