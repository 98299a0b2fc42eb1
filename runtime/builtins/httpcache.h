/*
 * The process-wide response cache of http.send: responses kept as JSON
 * text until an expiry time, keyed by the request's JSON text.  Bounded
 * and guarded by a mutex.
 */
#ifndef RG_HTTPCACHE_H
#define RG_HTTPCACHE_H

#include <stdint.h>

#include "runtime/value.h"

/* The cached response for key (request JSON text) if it has not expired
 * at now_ns, parsed into arena; else NULL. */
const rg_value *rg_httpcache_get(rg_arena *arena, const char *key,
                                 int64_t now_ns);

/* Store response under key until expires_ns. */
void rg_httpcache_put(const char *key, const rg_value *response,
                      int64_t expires_ns);

/* Drop every entry (tests call this; it also runs at exit). */
void rg_httpcache_clear(void);

#endif
